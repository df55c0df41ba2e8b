/// A record value: fields by slot, in the order of its ``RecordType``, held with the type in
/// one allocation. A value type: a change to a record that is shared copies it first.
///
/// ```swift
/// let line = Record(type: type, fields: [.string("ADVANCED"), .int(3)])
/// line[1]           // .int(3), read by slot
/// line["quantity"]  // by name, for embedding code and tests
/// ```
///
/// Sendable because its storage is never changed once shared: a change goes to a copy
/// unless this record holds the only reference (`ManagedBuffer` itself is not Sendable).
public struct Record: @unchecked Sendable, Hashable, CustomStringConvertible {
    @usableFromInline var storage: RecordStorage

    public init(type: RecordType, fields: [Value]) {
        storage = fields.withUnsafeBufferPointer { fields in
            RecordStorage.make(type: type, count: fields.count) { target in
                if let source = fields.baseAddress { target.initialize(from: source, count: fields.count) }
                return fields.count
            }
        }
    }

    /// A record of `count` fields that `build` appends in slot order, written in place
    /// (the array `init(type:fields:)` takes is one allocation more, and its elements are
    /// copied and then destroyed one by one). `build` must append exactly `count`.
    ///
    /// ```swift
    /// Record(type: type, count: 2) { fields in
    ///     fields.append(.string("ADVANCED"))
    ///     fields.append(.int(3))
    /// }
    /// ```
    @inlinable @inline(__always)
    public init(type: RecordType, count: Int, _ build: (inout Fields) -> Void) {
        storage = RecordStorage.make(type: type, count: count) { base in
            var fields = Fields(base: base, capacity: count)
            build(&fields)
            precondition(fields.count == count, "a record of \(count) fields was given \(fields.count)")
            return fields.count
        }
    }

    /// As ``init(type:count:_:)``, for fields whose values may fail to compute: when `build`
    /// throws, the fields appended so far are destroyed with the record and the error is
    /// thrown.
    @inlinable
    public init<E: Error>(type: RecordType, count: Int, throwing build: (inout Fields) throws(E) -> Void) throws(E) {
        var failure: E?
        let made = RecordStorage.make(type: type, count: count) { base in
            var fields = Fields(base: base, capacity: count)
            do throws(E) { try build(&fields) } catch { failure = error }
            precondition(failure != nil || fields.count == count, "a record of \(count) fields was given \(fields.count)")
            return fields.count
        }
        if let failure { throw failure }
        storage = made
    }

    /// The fields of a record being made, appended in slot order (see
    /// ``init(type:count:_:)``).
    public struct Fields: ~Copyable {
        @usableFromInline let base: UnsafeMutablePointer<Value>
        @usableFromInline let capacity: Int
        @usableFromInline var count = 0

        @inlinable
        init(base: UnsafeMutablePointer<Value>, capacity: Int) {
            self.base = base
            self.capacity = capacity
        }

        @inlinable @inline(__always)
        public mutating func append(_ value: __owned Value) {
            precondition(count < capacity, "more fields than the record has")
            (base + count).initialize(to: value)
            count += 1
        }
    }

    // The header is read through its pointer: `storage.header`, a class's stored
    // property, would check exclusive access at run time on every read.
    @inlinable public var type: RecordType { storage.withUnsafeMutablePointerToHeader { $0.pointee.type } }

    /// The number of fields.
    @inlinable public var count: Int { storage.withUnsafeMutablePointerToHeader { $0.pointee.count } }

    /// The field in `slot`; slots are numbered by the type, so one out of range is a bug
    /// in a plugin and stops the program rather than read past the record.
    @inlinable public subscript(slot: Int) -> Value {
        @inline(__always) get {
            precondition(UInt(bitPattern: slot) < UInt(bitPattern: count), "field out of range")
            return storage.withUnsafeMutablePointerToElements { $0[slot] }
        }
        set {
            precondition(UInt(bitPattern: slot) < UInt(bitPattern: count), "field out of range")
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            storage.withUnsafeMutablePointerToElements { $0[slot] = newValue }
        }
    }

    /// Whether no other value shares this record's storage, so that changing a field
    /// changes it in place. A reader that recycles the records of the snapshot it read
    /// before asks this first.
    @inlinable public mutating func isUniquelyReferenced() -> Bool {
        isKnownUniquelyReferenced(&storage)
    }

    /// Whether the record is of `type`, read without retaining the type.
    @inlinable @inline(__always)
    public func isOf(_ type: RecordType) -> Bool {
        storage.withUnsafeMutablePointerToHeader { $0.pointee.type === type }
    }

    /// The fields where they lie, for changing in place: the record is copied first if it
    /// is shared. The pointer stays valid while this record lives and is not copied; a
    /// reader filling a record it owns writes through it without a uniqueness check per
    /// field. Each field must hold a value when the record is next read or freed.
    @inlinable
    public mutating func uniqueFields() -> UnsafeMutablePointer<Value> {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage.withUnsafeMutablePointerToElements { $0 }
    }

    /// The storage's identity: equal for two records exactly when they share it (for tests
    /// of reuse; it keeps nothing alive).
    public var storageIdentity: ObjectIdentifier { ObjectIdentifier(storage) }

    /// The value of a field by name (slow path, for embedding code and tests).
    public subscript(name: String) -> Value? {
        type.slot(of: name).map { self[$0] }
    }

    /// The fields as an array, copied out (`record[slot]` reads one in place).
    public var fields: [Value] {
        get { withUnsafeBufferPointer(Array.init) }
        set { self = Record(type: type, fields: newValue) }
    }

    /// `body` applied to the fields where they lie.
    @inlinable @inline(__always)
    public func withUnsafeBufferPointer<R, E: Error>(_ body: (UnsafeBufferPointer<Value>) throws(E) -> R) throws(E) -> R {
        let count = self.count
        return try storage.withUnsafeMutablePointerToElements { fields throws(E) in
            try body(UnsafeBufferPointer(start: fields, count: count))
        }
    }

    public static func == (lhs: Record, rhs: Record) -> Bool {
        if lhs.storage === rhs.storage { return true }
        guard lhs.type === rhs.type, lhs.count == rhs.count else { return false }
        return lhs.withUnsafeBufferPointer { left in rhs.withUnsafeBufferPointer { right in left.elementsEqual(right) } }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(type)
        withUnsafeBufferPointer { fields in
            hasher.combine(fields.count)
            for field in fields { hasher.combine(field) }
        }
    }

    public var description: String {
        "{" + zip(type.fields, fields).map { "\($0.name): \($1.traceDescription)" }.joined(separator: ", ") + "}"
    }
}

/// A record's type and fields in one allocation. Its `deinit` destroys only the fields that
/// hold references, in a loop the compiler specializes for ``Value``, where an array's
/// storage called the runtime's generic destroy for every element (measured: a medium
/// account evaluated and its result freed, 141.2k → 136.8k instructions).
@usableFromInline
final class RecordStorage: ManagedBuffer<RecordStorage.Header, Value> {
    @usableFromInline
    struct Header {
        @usableFromInline let type: RecordType
        /// Fields initialized so far; all of them once ``make(type:count:_:)`` returns.
        @usableFromInline var count: Int

        @inlinable
        init(type: RecordType, count: Int) {
            self.type = type
            self.count = count
        }
    }

    @inlinable @inline(__always)
    /// Room for `count` fields, of which `initialize` initializes the first ones and says
    /// how many (all, unless making the record failed part way): those the record holds.
    static func make(type: RecordType, count: Int, _ initialize: (UnsafeMutablePointer<Value>) -> Int) -> RecordStorage {
        let storage = unsafeDowncast(create(minimumCapacity: count) { _ in Header(type: type, count: 0) }, to: RecordStorage.self)
        storage.withUnsafeMutablePointers { header, fields in
            header.pointee.count = initialize(fields)
        }
        return storage
    }

    @usableFromInline
    func copy() -> RecordStorage {
        withUnsafeMutablePointers { header, fields in
            Self.make(type: header.pointee.type, count: header.pointee.count) { target in
                target.initialize(from: fields, count: header.pointee.count)
                return header.pointee.count
            }
        }
    }

    deinit {
        withUnsafeMutablePointers { header, fields in
            for slot in 0..<header.pointee.count {
                // Only text, lists and records hold references; the others are plain bits
                // (RecordTests checks). Every case is listed, so a new one must choose.
                switch fields[slot] {
                case let .string(text):
                    // Text held inline (`FR`, a rule id) has no storage to release.
                    if InlineText(text) == nil { _ = (fields + slot).move() }
                case .list, .record, .text: _ = (fields + slot).move()
                case .null, .bool, .int, .decimal, .money, .date, .period: break
                }
            }
        }
    }
}
