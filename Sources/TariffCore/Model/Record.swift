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
    /// The first field, in `storage` (the start of its elements, unless the record was
    /// made in a ``RecordBlock`` with others): valid while `storage` lives, which never
    /// moves. A field is read from here, with no offset to add.
    @usableFromInline var base: UnsafeMutablePointer<Value>

    @inlinable
    init(storage: RecordStorage, base: UnsafeMutablePointer<Value>) {
        self.storage = storage
        self.base = base
    }

    @inlinable
    init(storage: RecordStorage) {
        self.init(storage: storage, base: storage.withUnsafeMutablePointerToElements { $0 })
    }

    public init(type: RecordType, fields: [Value]) {
        self.init(storage: fields.withUnsafeBufferPointer { fields in
            RecordStorage.make(type: type, count: fields.count) { target in
                if let source = fields.baseAddress { target.initialize(from: source, count: fields.count) }
                return fields.count
            }
        })
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
        self.init(storage: RecordStorage.make(type: type, count: count) { base in
            var fields = Fields(base: base, capacity: count)
            build(&fields)
            precondition(fields.count == count, "a record of \(count) fields was given \(fields.count)")
            return fields.count
        })
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
        self.init(storage: made)
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
    @inlinable public var count: Int { storage.withUnsafeMutablePointerToHeader { $0.pointee.width } }

    /// The field in `slot`; slots are numbered by the type, so one out of range is a bug
    /// in a plugin and stops the program rather than read past the record.
    @inlinable public subscript(slot: Int) -> Value {
        @inline(__always) get {
            precondition(UInt(bitPattern: slot) < UInt(bitPattern: count), "field out of range")
            // The storage is kept alive until the field is copied out: `base` alone does not.
            return withExtendedLifetime(storage) { base[slot] }
        }
        set {
            precondition(UInt(bitPattern: slot) < UInt(bitPattern: count), "field out of range")
            uniqueFields()[slot] = newValue
        }
    }

    /// Whether no other value shares this record's storage, so that changing a field
    /// changes it in place. A reader that recycles the records of the snapshot it read
    /// before asks this first.
    /// (A record of a ``RecordBlock`` is unique once no other value holds its block.)
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
    @discardableResult
    public mutating func uniqueFields() -> UnsafeMutablePointer<Value> {
        if !isKnownUniquelyReferenced(&storage) { self = Record(storage: storage.copy(from: base)) }
        return base
    }

    /// The storage's identity: equal for two records exactly when they share it, a record
    /// made alone with no other, the records of a ``RecordBlock`` with each other (for
    /// tests of reuse and of blocks; it keeps nothing alive).
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
            try body(UnsafeBufferPointer(start: base, count: count))
        }
    }

    /// The UTF-8 of the rendered text (a label, a message: a ``Value/text(_:)``) in field
    /// `slot`, read where the record holds it; nil when the field holds anything else, a
    /// `.string` included (read that one with `self[slot]`).
    ///
    /// Nothing is retained for it. The bytes are the evaluation's ``TextArena``'s, which the
    /// field keeps alive: the buffer is valid while this record lives and that field is not
    /// changed. For writers, which read each line's label once (copying the field out, to
    /// read it safely, retains and releases the arena, an atomic operation each, per line).
    public func unsafeRenderedTextUTF8(at slot: Int) -> UnsafeBufferPointer<UInt8>? {
        precondition(UInt(bitPattern: slot) < UInt(bitPattern: count), "field out of range")
        return withExtendedLifetime(storage) {
            switch base[slot] {
            case let .text(run): run.arena.utf8(run)
            default: nil
            }
        }
    }

    public static func == (lhs: Record, rhs: Record) -> Bool {
        if lhs.base == rhs.base { return true }
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

/// A record's type and fields in one allocation, or the fields of several records of one
/// type one after another (a ``RecordBlock``). Its `deinit` destroys only the fields that
/// hold references, in a loop the compiler specializes for ``Value``, where an array's
/// storage called the runtime's generic destroy for every element (measured: a medium
/// account evaluated and its result freed, 141.2k → 136.8k instructions).
@usableFromInline
final class RecordStorage: ManagedBuffer<RecordStorage.Header, Value> {
    @usableFromInline
    struct Header {
        @usableFromInline let type: RecordType
        /// The fields of one record.
        @usableFromInline let width: Int
        /// Fields initialized so far, of every record held: a multiple of `width` once each
        /// record is made (fewer only while one is being made, or when making it failed).
        @usableFromInline var filled: Int

        @inlinable
        init(type: RecordType, width: Int) {
            self.type = type
            self.width = width
            self.filled = 0
        }
    }

    /// Room for `records` records of `width` fields, none made yet.
    @inlinable @inline(__always)
    static func empty(type: RecordType, width: Int, records: Int) -> RecordStorage {
        unsafeDowncast(create(minimumCapacity: width * records) { _ in Header(type: type, width: width) }, to: RecordStorage.self)
    }

    @inlinable @inline(__always)
    /// Room for one record of `count` fields, of which `initialize` initializes the first
    /// ones and says how many (all, unless making the record failed part way): those the
    /// record holds.
    static func make(type: RecordType, count: Int, _ initialize: (UnsafeMutablePointer<Value>) -> Int) -> RecordStorage {
        let storage = empty(type: type, width: count, records: 1)
        storage.withUnsafeMutablePointers { header, fields in
            header.pointee.filled = initialize(fields)
        }
        return storage
    }

    /// A storage of its own for the record whose fields start at `first`, its fields copied.
    @usableFromInline
    func copy(from first: UnsafeMutablePointer<Value>) -> RecordStorage {
        withUnsafeMutablePointerToHeader { header in
            Self.make(type: header.pointee.type, count: header.pointee.width) { target in
                target.initialize(from: first, count: header.pointee.width)
                return header.pointee.width
            }
        }
    }

    deinit {
        withUnsafeMutablePointers { header, fields in
            for slot in 0..<header.pointee.filled {
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

/// Records of one type made one after another in one allocation, room for `capacity` of
/// them at a time: a rule that makes a line per item makes one allocation for its lines,
/// not one per line (and frees one). Each record holds the allocation (a retain, no
/// allocation of its own); it stays until the last of them goes. A record of a block is a
/// record like any other: read, compared, hashed and changed (a change copies it out) the
/// same way.
///
/// ```swift
/// var block = RecordBlock(type: ChargeLine.recordType, capacity: items.count)
/// for item in items {
///     lines.append(.record(block.record { fields in … }))   // appends the type's fields in order
/// }
/// ```
///
/// Made and used by one thread (the evaluation making the records); the records it makes
/// are values, which any thread may read.
public struct RecordBlock {
    @usableFromInline let type: RecordType
    @usableFromInline let width: Int
    @usableFromInline let capacity: Int
    @usableFromInline var storage: RecordStorage?
    #if DEBUG
    /// Between ``next()`` and ``record(from:)``: a record's fields are being appended.
    /// Kept and checked in debug builds only (the flag and its checks cost 0.3% of a
    /// preview): out of order, a release build leaks the fields of the record left
    /// unmade, and reads and frees nothing twice, since `record(from:)` still checks where
    /// the fields are.
    @usableFromInline var pending = false
    #endif

    /// Room for `capacity` records of `type`, allocated with the first: at least one, and at
    /// most as many as fit in ``maximumBytes``. A caller's capacity is often a bound (a
    /// filter's list length, when only some of its elements make a record), and one
    /// allocation for all of them would hold memory that no record uses.
    public init(type: RecordType, capacity: Int) {
        self.type = type
        self.width = type.fields.count
        self.capacity = max(1, min(capacity, Self.maximumBytes / max(1, width * MemoryLayout<Value>.stride)))
    }

    /// The most one allocation of a block holds: 64 KB, 210 records of 13 fields.
    @inlinable public static var maximumBytes: Int { 65_536 }

    /// A record of the block's type whose fields `build` appends in slot order, as
    /// ``Record/init(type:count:_:)`` does, written into the block's allocation; a new
    /// allocation, of the same room, when that one is full.
    @inlinable
    public mutating func record(_ build: (inout Record.Fields) -> Void) -> Record {
        var fields = next()
        build(&fields)
        return record(from: fields)
    }

    /// As ``record(_:)``, for fields whose values may fail to compute: when `build` throws,
    /// the fields it appended are destroyed, the block has no record more, and the error is
    /// thrown.
    @inlinable
    public mutating func record<E: Error>(throwing build: (inout Record.Fields) throws(E) -> Void) throws(E) -> Record {
        var fields = next()
        do throws(E) {
            try build(&fields)
        } catch {
            abandon(fields)
            throw error
        }
        return record(from: fields)
    }

    /// Room for the next record's fields, appended in slot order and made a record by
    /// ``record(from:)``, with no closure between: a value made just before (a label) is
    /// moved into its field, where a closure could only copy what it captures (a retain and
    /// a release). Each `next()` must be followed by `record(from:)` before the next one.
    ///
    /// ```swift
    /// var fields = block.next()
    /// fields.append(consume label)
    /// fields.append(.int(3))
    /// let line = block.record(from: fields)
    /// ```
    @inlinable
    public mutating func next() -> Record.Fields {
        #if DEBUG
        assert(!pending, "next() again before record(from:)")
        pending = true
        #endif
        makeRoom()
        let width = self.width
        return storage.unsafelyUnwrapped.withUnsafeMutablePointers { header, fields in
            Record.Fields(base: fields + header.pointee.filled, capacity: width)
        }
    }

    /// The record whose fields `fields`, from the last ``next()``, holds: all of them
    /// appended, in the block's allocation.
    @inlinable
    public mutating func record(from fields: consuming Record.Fields) -> Record {
        #if DEBUG
        assert(pending, "record(from:) without next()")
        pending = false
        #endif
        let width = self.width, base = fields.base, count = fields.count
        return storage.unsafelyUnwrapped.withUnsafeMutablePointers { header, elements in
            let offset = header.pointee.filled
            precondition(base == elements + offset, "fields not from this block's last next()")
            precondition(count == width, "a record of \(width) fields was given \(count)")
            header.pointee.filled = offset + width
            return Record(storage: storage.unsafelyUnwrapped, base: base)
        }
    }

    /// Destroys the fields appended since the last ``next()``: that record is not made, and
    /// the next one takes its room.
    @inlinable
    mutating func abandon(_ fields: consuming Record.Fields) {
        #if DEBUG
        assert(pending, "abandon(_:) without next()")
        pending = false
        #endif
        fields.base.deinitialize(count: fields.count)
    }

    /// A new allocation when there is none yet or the current one is full.
    @inlinable @inline(__always)
    mutating func makeRoom() {
        if storage == nil || storage.unsafelyUnwrapped.withUnsafeMutablePointerToHeader({ $0.pointee.filled }) + width > capacity * width {
            storage = RecordStorage.empty(type: type, width: width, records: capacity)
        }
    }
}
