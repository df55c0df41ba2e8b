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
        read(frame, as: { $0.materialized })
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

    /// Whether the short ASCII text at this place is an element of the list at `list`,
    /// and the list's length, decided without copying the text, the list or its elements
    /// out. Nil when that does not decide it: a trace is being recorded, the text is longer
    /// or not ASCII, or it equals no short ASCII element and some element is other text (a
    /// non-ASCII string can equal an ASCII one: the Kelvin sign is a K); the caller then
    /// compares the values.
    @inline(__always)
    func textIn(_ list: Place, _ frame: Frame) -> (found: Bool, count: Int)? {
        guard frame.trace == nil, let needle = shortASCII(frame) else { return nil }
        return list.withValue(frame) { value -> (found: Bool, count: Int)? in
            switch value {
            case let .list(values):
                return values.withUnsafeBufferPointer { elements -> (found: Bool, count: Int)? in
                    var undecided = false
                    for index in elements.indices {
                        guard let element = Self.shortASCII(elements[index]) else {
                            undecided = true
                            continue
                        }
                        if element == needle { return (true, elements.count) }
                    }
                    return undecided ? nil : (false, elements.count)
                }
            default: return nil
            }
        }
    }

    /// `body` applied to the value at this place, borrowed where it lies; nil when the
    /// place holds no record to read a field of.
    @inline(__always)
    private func withValue<R>(_ frame: Frame, _ body: (borrowing Value) -> R?) -> R? {
        switch self {
        case let .input(slot):
            return frame.input.withUnsafeBufferPointer { fields -> R? in
                guard slot >= 0, slot < fields.count else { return nil }
                return body(fields[slot])
            }
        case let .inputField(slot, field):
            return frame.input.withUnsafeBufferPointer { fields -> R? in
                guard slot >= 0, slot < fields.count else { return nil }
                return Self.withField(field, of: fields[slot], body)
            }
        case let .local(slot): return frame.locals.withSlot(slot) { body($0) }
        case let .localField(slot, field): return frame.locals.withSlot(slot) { Self.withField(field, of: $0, body) }
        case let .result(index): return frame.results.withSlot(index) { body($0) }
        }
    }

    @inline(__always)
    private static func withField<R>(_ field: Int, of value: borrowing Value, _ body: (borrowing Value) -> R?) -> R? {
        switch value {
        case let .record(record):
            return record.withUnsafeBufferPointer { fields -> R? in
                guard field >= 0, field < fields.count else { return nil }
                return body(fields[field])
            }
        default: return nil
        }
    }

    /// The words of the string at this place when it is held inline (any text of up to 15
    /// bytes, see ``InlineText``), read where it lives; nil when a trace is being recorded
    /// or the place holds something else.
    @inline(__always)
    func inlineText(_ frame: Frame) -> InlineText? {
        read(frame, as: Self.inlineText)
    }

    /// What `extract` finds in the value at this place, read where it lies (a number, a
    /// date, an amount: no copy of the value, and no outlined copy and destroy of it);
    /// nil when a trace is being recorded, or the place or `extract` has nothing.
    @inline(__always)
    func read<T>(_ frame: Frame, as extract: (borrowing Value) -> T?) -> T? {
        guard frame.trace == nil else { return nil }
        return withValue(frame, extract)
    }

    /// An operand's payload: read at its place when it has one, else extracted from what its
    /// closure computes.
    @inline(__always)
    static func operand<T>(_ place: Place?, else evaluator: Evaluator, _ frame: Frame,
                           as extract: (borrowing Value) -> T?) throws(EvaluationError) -> T? {
        if let place, let payload = place.read(frame, as: extract) { return payload }
        return extract(try evaluator(frame))
    }

    /// The value at this place when it is one a label writes without copying it out:
    /// text held inline, an integer or a date. Nil when a trace is being recorded or the
    /// place holds anything else (longer text, money, a list), which the caller copies.
    @inline(__always)
    func plainScalar(_ frame: Frame) -> PlainScalar? {
        read(frame, as: PlainScalar.init)
    }

    /// The words of the short ASCII string at this place, read where it lives.
    @inline(__always)
    private func shortASCII(_ frame: Frame) -> InlineText? {
        withValue(frame, Self.shortASCII)
    }

    /// The words of a string held inline; nil for longer text or any other value.
    @inline(__always)
    private static func inlineText(_ value: borrowing Value) -> InlineText? {
        switch value {
        case let .string(text): InlineText(text)
        default: nil
        }
    }

    @inline(__always)
    private static func shortASCII(_ value: borrowing Value) -> InlineText? {
        guard let inline = inlineText(value), inline.isASCII else { return nil }
        return inline
    }
}

/// A value read at its place that holds no reference: what ``Place/plainScalar(_:)``
/// lends a label without a retain and a release.
enum PlainScalar {
    case text(InlineText)
    case int(Int64)
    case date(CivilDate)

    @inline(__always)
    init?(_ value: borrowing Value) {
        switch value {
        case let .string(text):
            guard let words = InlineText(text) else { return nil }
            self = .text(words)
        case let .int(number): self = .int(number)
        case let .date(date): self = .date(date)
        default: return nil
        }
    }
}
