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
}
