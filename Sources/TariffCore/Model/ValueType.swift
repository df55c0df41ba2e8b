/// The static type of an expression, a snapshot field or a rule's result.
///
/// Types are checked when rules compile, so `Money + Date` is reported with its position
/// before any snapshot is read.
public indirect enum ValueType: Sendable, Hashable, CustomStringConvertible {
    case bool, int, decimal, money, string, date, period
    case list(ValueType)
    case record(RecordType)
    /// May be absent: only `??`, `== null`, `!= null` and optional-accepting places take it.
    case optional(ValueType)
    /// The type of the literal `null` and of an empty list's elements.
    case null

    public var description: String {
        switch self {
        case .bool: "Bool"
        case .int: "Int"
        case .decimal: "Decimal"
        case .money: "Money"
        case .string: "String"
        case .date: "Date"
        case .period: "Period"
        case let .list(element): "[\(element)]"
        case let .record(record): record.name
        case let .optional(wrapped): "\(wrapped)?"
        case .null: "null"
        }
    }

    /// The type without its optional wrapper.
    public var unwrapped: ValueType {
        if case let .optional(wrapped) = self { return wrapped }
        return self
    }

    public var isOptional: Bool {
        switch self {
        case .optional, .null: true
        default: false
        }
    }

    /// Whether a value of this type can be assigned where `other` is expected.
    public func conforms(to other: ValueType) -> Bool {
        if self == other { return true }
        switch (self, other) {
        case (.null, .optional): return true
        case (.int, .decimal): return true
        case let (.optional(a), .optional(b)): return a.conforms(to: b)
        case let (a, .optional(b)): return a.conforms(to: b)
        case let (.list(a), .list(b)): return a == .null || a.conforms(to: b)
        default: return false
        }
    }

    /// Whether numbers of this type can be added and compared (Int and Decimal mix).
    var isNumeric: Bool { self == .int || self == .decimal }
}

/// The shape of a record: its field names and types, in order. Records are laid out by
/// slot, so reading `account.plan` is an array index, not a string lookup.
public final class RecordType: Sendable, Hashable, CustomStringConvertible {
    public struct Field: Sendable, Hashable {
        public let name: String
        public let type: ValueType
        /// Allowed values, such as the keys of a table (`one_of`), checked when a
        /// snapshot is read.
        public let allowed: [String]?
        /// The smallest allowed number (`min`), checked when a snapshot is read.
        public let minimum: ExactDecimal?

        public init(name: String, type: ValueType, allowed: [String]? = nil, minimum: ExactDecimal? = nil) {
            self.name = name
            self.type = type
            self.allowed = allowed
            self.minimum = minimum
        }
    }

    /// A name for messages: `account`, `account.seats[]`, `line`.
    public let name: String
    public let fields: [Field]
    private let slots: [String: Int]

    /// A record type for a `static let`, one that lives as long as the process: its
    /// reference count is never updated (the runtime's immortal objects, as the standard
    /// library's empty collections are). Every record holds its type, so the records that
    /// threads make at once of a shared type (the lines of a result, say) would otherwise
    /// all update one count, a cache line bouncing between cores on each record made,
    /// copied or freed.
    public static func processLifetime(name: String, fields: [Field]) -> RecordType {
        let type = RecordType(name: name, fields: fields)
        swiftImmortalize(Unmanaged.passUnretained(type).toOpaque())
        return type
    }

    public init(name: String, fields: [Field]) {
        self.name = name
        self.fields = fields
        var slots: [String: Int] = [:]
        for (index, field) in fields.enumerated() where slots[field.name] == nil {
            slots[field.name] = index
        }
        self.slots = slots
    }

    /// The slot of a field, or nil.
    public func slot(of name: String) -> Int? { slots[name] }

    public var description: String { name }

    public static func == (lhs: RecordType, rhs: RecordType) -> Bool { lhs === rhs }

    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

extension Value {
    /// A list for a `static let`, one that lives as long as the process: its storage's
    /// reference count is never updated (as ``RecordType/processLifetime(name:fields:)``
    /// does for types). Threads that copy one shared list into the values they make (a
    /// line's one-item `items`, say) would otherwise all update one count, a cache line
    /// bouncing between cores. A change to a copy copies the storage first, as it would
    /// for any shared list.
    public static func processLifetimeList(_ values: [Value]) -> Value {
        // An array is one reference to its storage object here; the empty one is the
        // runtime's own shared (already immortal) storage.
        if !values.isEmpty, MemoryLayout<[Value]>.size == MemoryLayout<UnsafeMutableRawPointer>.size {
            swiftImmortalize(unsafeBitCast(values, to: UnsafeMutableRawPointer.self))
        }
        return .list(values)
    }
}

/// The Swift runtime's own entry point for marking an object immortal (retain and release
/// become checks of one bit); the standard library uses it for its static objects.
@_silgen_name("_swift_stdlib_immortalize")
private func swiftImmortalize(_ object: UnsafeMutableRawPointer)
