/// A value at evaluation time: a closed set of cases, never `Any`.
public enum Value: Sendable, Hashable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int64)
    case decimal(ExactDecimal)
    case money(Money)
    case string(String)
    /// Text a template rendered into its evaluation's arena (a line's label, a violation's
    /// message): a string in every respect — equal to the same `.string`, of type
    /// `String` — held without an allocation of its own. ``string`` gives the `String`.
    case text(TextRun)
    case date(CivilDate)
    case period(Period)
    case list([Value])
    case record(Record)

    public var description: String {
        switch self {
        case .null: "null"
        case let .bool(value): value ? "true" : "false"
        case let .int(value): String(value)
        case let .decimal(value): value.description
        case let .money(value): value.description
        case let .string(value): value
        case let .text(run): run.string
        case let .date(value): value.description
        case let .period(value): value.description
        case let .list(values): "[" + values.map(\.description).joined(separator: ", ") + "]"
        case let .record(record): record.description
        }
    }

    /// The field at `slot` of a record value, read in place, as expressions see it (a text
    /// run as its ``materialized`` `.string`); nil for any other value.
    @inlinable @inline(__always)
    public func field(at slot: Int) -> Value? {
        // A `switch` borrows the record where `if case let` would copy it (two retains and
        // two releases per read, measured).
        switch self {
        case let .record(record): return record[slot].materialized
        default: return nil
        }
    }

    /// The value as a quoted literal where it is text, for traces: `'ADVANCED'`, `64.00 EUR`.
    public var traceDescription: String {
        switch self {
        case let .string(text): "'\(text)'"
        case let .text(run): "'\(run.string)'"
        case let .list(values) where values.count > 5:
            "[" + values.prefix(5).map(\.traceDescription).joined(separator: ", ") + ", … \(values.count) items]"
        case let .list(values): "[" + values.map(\.traceDescription).joined(separator: ", ") + "]"
        default: description
        }
    }
}

extension Value {
    /// The text of a `.string` or `.text` value; nil for any other value.
    @inlinable
    public var string: String? {
        switch self {
        case let .string(text): text
        case let .text(run): run.string
        default: nil
        }
    }

    /// The value as expressions see it: a `.text` run as the `.string` it spells (made
    /// now), any other value as it is. Every read of a field or a parameter by an
    /// expression goes through it (``field(at:)``, `Slots.field`, `Place.read`, the graph's
    /// parameters), so no operator, function or plugin meets a `.text`.
    @inlinable
    public var materialized: Value {
        if case let .text(run) = self { return .string(run.string) }
        return self
    }

    /// Whether the value is text, `.string` or `.text` (no `String` made to tell).
    @inlinable
    public var isText: Bool {
        switch self {
        case .string, .text: true
        default: false
        }
    }

    /// Text values are equal when their strings are, whichever way each is held; every
    /// other case as its payload.
    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.int(a), .int(b)): a == b
        case let (.decimal(a), .decimal(b)): a == b
        case let (.money(a), .money(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.date(a), .date(b)): a == b
        case let (.period(a), .period(b)): a == b
        case let (.list(a), .list(b)): a == b
        case let (.record(a), .record(b)): a == b
        case (.string, .text), (.text, .string), (.text, .text): lhs.string == rhs.string
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case let .bool(value): hasher.combine(1); hasher.combine(value)
        case let .int(value): hasher.combine(2); hasher.combine(value)
        case let .decimal(value): hasher.combine(3); hasher.combine(value)
        case let .money(value): hasher.combine(4); hasher.combine(value)
        case let .string(value): hasher.combine(5); hasher.combine(value)
        case let .text(run): hasher.combine(5); hasher.combine(run.string)
        case let .date(value): hasher.combine(6); hasher.combine(value)
        case let .period(value): hasher.combine(7); hasher.combine(value)
        case let .list(value): hasher.combine(8); hasher.combine(value)
        case let .record(value): hasher.combine(9); hasher.combine(value)
        }
    }
}
