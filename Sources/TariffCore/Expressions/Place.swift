/// Where a value that an expression only reads lives in its frame: `country` (a field of
/// the snapshot), `item.country` (a field of a bound record), `days_in_period` (a rule's
/// result). An operation whose operand is a place reads it directly, without the call
/// through the operand's closure that a computed operand needs.
enum Place: Sendable {
    case input(Int)
    case inputField(Int, Int)
    case local(Int)
    case localField(Int, Int)
    case result(Int)

    /// The value of an operand: read at its place when it has one, else computed by
    /// its closure.
    @inline(__always)
    static func value(_ place: Place?, else evaluator: Evaluator, _ frame: Frame) throws(EvaluationError) -> Value {
        if let place, let value = place.read(frame) { return value }
        return try evaluator(frame)
    }

    /// The value, read in place; nil when a trace is being recorded (the operand's
    /// closure records the read) or when the place holds no record to read a field of
    /// (which the type checker rules out; the closure then reports it).
    @inline(__always)
    func read(_ frame: Frame) -> Value? {
        guard frame.trace == nil else { return nil }
        switch self {
        case let .input(slot): return frame.input.fields[slot]
        case let .inputField(slot, field): return frame.input.fields[slot].field(at: field)
        case let .local(slot): return frame.locals[slot]
        case let .localField(slot, field): return frame.locals.field(slot, at: field)
        case let .result(index): return frame.results[index]
        }
    }

    /// Whether the text at this place equals the text at `other`, decided without copying
    /// either out when both are short ASCII: such a string is held inline, as its bytes and
    /// count, so two are equal exactly when their words are. Nil when that does not decide
    /// it (a trace is being recorded, a place holds no string, a string is longer or not
    /// ASCII); the caller then compares the values.
    @inline(__always)
    func textEquals(_ other: Place, _ frame: Frame) -> Bool? {
        guard frame.trace == nil, let a = shortASCII(frame), let b = other.shortASCII(frame) else { return nil }
        return a == b
    }

    /// The words of the short ASCII string at this place, read where it lives.
    @inline(__always)
    private func shortASCII(_ frame: Frame) -> InlineText? {
        switch self {
        case let .input(slot): return frame.input.fields.withUnsafeBufferPointer { Self.shortASCII(at: $0, slot) }
        case let .inputField(slot, field):
            return frame.input.fields.withUnsafeBufferPointer { fields -> InlineText? in
                guard slot >= 0, slot < fields.count else { return nil }
                switch fields[slot] {
                case let .record(record): return record.fields.withUnsafeBufferPointer { Self.shortASCII(at: $0, field) }
                default: return nil
                }
            }
        case let .local(slot): return frame.locals.withSlot(slot) { Self.shortASCII($0) }
        case let .localField(slot, field):
            return frame.locals.withSlot(slot) { value in
                switch value {
                case let .record(record): record.fields.withUnsafeBufferPointer { Self.shortASCII(at: $0, field) }
                default: nil
                }
            }
        case let .result(index): return frame.results.withSlot(index) { Self.shortASCII($0) }
        }
    }

    @inline(__always)
    private static func shortASCII(at values: UnsafeBufferPointer<Value>, _ index: Int) -> InlineText? {
        guard index >= 0, index < values.count else { return nil }
        return shortASCII(values[index])
    }

    @inline(__always)
    private static func shortASCII(_ value: borrowing Value) -> InlineText? {
        switch value {
        case let .string(text):
            guard let inline = InlineText(text), inline.isASCII else { return nil }
            return inline
        default: return nil
        }
    }
}
