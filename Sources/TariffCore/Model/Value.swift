/// A value at evaluation time: a closed set of cases, never `Any`.
public enum Value: Sendable, Hashable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int64)
    case decimal(ExactDecimal)
    case money(Money)
    case string(String)
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
        case let .date(value): value.description
        case let .period(value): value.description
        case let .list(values): "[" + values.map(\.description).joined(separator: ", ") + "]"
        case let .record(record): record.description
        }
    }

    /// The field at `slot` of a record value, read in place; nil for any other value.
    @inlinable @inline(__always)
    public func field(at slot: Int) -> Value? {
        // A `switch` borrows the record where `if case let` would copy it (two retains and
        // two releases per read, measured).
        switch self {
        case let .record(record): return record[slot]
        default: return nil
        }
    }

    /// The value as a quoted literal where it is text, for traces: `'ADVANCED'`, `64.00 EUR`.
    public var traceDescription: String {
        switch self {
        case let .string(text): "'\(text)'"
        case let .list(values) where values.count > 5:
            "[" + values.prefix(5).map(\.traceDescription).joined(separator: ", ") + ", … \(values.count) items]"
        case let .list(values): "[" + values.map(\.traceDescription).joined(separator: ", ") + "]"
        default: description
        }
    }
}
