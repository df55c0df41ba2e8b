/// An expression after type checking and lowering: a typed closure over slots. Evaluating
/// it re-parses nothing and looks up no name by string.
public struct CompiledExpression: Sendable {
    public let type: ValueType
    public let text: String
    public let position: SourcePosition
    let evaluator: Evaluator
    /// Where the value lives when the expression only reads one (see ``Place``).
    let place: Place?
    /// Whether the value is `true` (see ``test(_:)``): a Bool expression's predicate where
    /// its operators give one, else the evaluator's value matched. Never optional: binding
    /// an optional closure to call it retained and released its context on every call.
    let holds: Predicate
    /// When the expression is a `filter`: its list and condition, so that
    /// ``forEachElement(_:lendingTo:count:_:)`` goes through the kept elements without
    /// making their list.
    let selection: ListSelection?

    init(type: ValueType, text: String, position: SourcePosition, place: Place? = nil, predicate: PredicateBody? = nil,
         selection: ListSelection? = nil, evaluator: @escaping Evaluator) {
        self.type = type
        self.text = text
        self.position = position
        self.place = place
        self.evaluator = evaluator
        self.selection = selection
        if let predicate { holds = predicate.test } else { holds = Self.matching(evaluator) }
    }

    @inline(__always)
    public func evaluate(_ frame: Frame) throws(EvaluationError) -> Value {
        try evaluator(frame)
    }

    /// Whether the expression is `true` (any other value is not), as a `when` asks it:
    /// the Bool straight from its operators where they give one, no `Value` between.
    @inline(__always)
    public func test(_ frame: Frame) throws(EvaluationError) -> Bool {
        try holds(frame)
    }

    /// Runs `body` once per element of the list this expression gives, in order, with
    /// the element lent to `slot` (see ``Slots/lend(_:each:_:)``) and its index in that
    /// list; `count` is told first how many elements there are at most, so results can be
    /// reserved at once. A rule kind's `each` goes through its list this way.
    ///
    /// When the expression is a `filter` (`seats.filter(s, s.size >= 2)`) and no trace is
    /// recorded, the list is not made: each element of the filtered list is tested and,
    /// when kept, goes to `body` before the next is tested, numbered among the kept ones.
    /// (A trace goes through the kept list as a list, so that the explanation shows the
    /// filter's reads before the items.) The elements, their order and numbers, and the
    /// steps counted are the same either way. Only which error is reported can differ, when
    /// a condition and a body both fail: without a trace a body runs before the conditions
    /// of later elements, and the first failure is the one reported.
    ///
    /// ```swift
    /// try each.forEachElement(frame, lendingTo: itemSlot, count: { lines.reserveCapacity($0) }) { index in
    ///     lines.append(try line(frame, item: index))
    /// }
    /// ```
    public func forEachElement(_ frame: Frame, lendingTo slot: Int, count: (Int) -> Void = { _ in },
                               _ body: (Int) throws(EvaluationError) -> Void) throws(EvaluationError) {
        // Called through `?.`, in place: binding the selection (`if let`, `case let`)
        // copied it out, a retain and a release.
        if selection != nil, frame.trace == nil {
            try selection?.forEachKept(frame, lendingTo: slot, listedAt: position, count: count, body)
            return
        }
        guard case let .list(values) = try evaluator(frame) else {
            throw EvaluationError("eval.internal", "'\(text)' did not give a list", at: position)
        }
        count(values.count)
        try frame.step(values.count, at: position)
        try frame.locals.lend(slot, each: values) { index throws(EvaluationError) in
            try body(index)
            return true
        }
    }

    /// `true` where `evaluator` gives `true`; false for any other value.
    static func matching(_ evaluator: @escaping Evaluator) -> Predicate {
        { frame throws(EvaluationError) in
            if case .bool(true) = try evaluator(frame) { return true }
            return false
        }
    }
}

/// A Bool expression compiled to give its `Bool` directly.
public typealias Predicate = @Sendable (Frame) throws(EvaluationError) -> Bool

/// The parts of a `filter` (`seats.filter(s, s.size >= 2)`): the list it goes through,
/// the slot its variable is lent to, and the condition. A loop over the kept elements
/// tests them as it goes (``CompiledExpression/forEachElement(_:lendingTo:count:_:)``).
/// A class, so that a ``CompiledExpression`` holds one reference for it: every expression
/// has the field, and a larger struct is copied with `memcpy` where a rule binds an
/// optional one (`if let quantity`), measured at +2,000 instructions a medium account.
final class ListSelection: Sendable {
    let source: Evaluator
    let variable: Int
    let holds: Predicate
    /// The filter's own position, where its steps are counted.
    let position: SourcePosition

    init(source: @escaping Evaluator, variable: Int, holds: @escaping Predicate, position: SourcePosition) {
        self.source = source
        self.variable = variable
        self.holds = holds
        self.position = position
    }

    /// `body` for each element of `source` that `holds`, lent to `slot` and numbered among
    /// the kept ones. Steps as the filter and a loop over its list would count them: one
    /// per element tested (at the filter), one per element kept (at `listedAt`, where
    /// the list is used), each counted before the body runs for it.
    func forEachKept(_ frame: Frame, lendingTo slot: Int, listedAt listPosition: SourcePosition, count: (Int) -> Void,
                     _ body: (Int) throws(EvaluationError) -> Void) throws(EvaluationError) {
        guard case let .list(values) = try source(frame) else { throw .internalTypeError("filter", at: position) }
        try frame.step(values.count, at: position)
        count(values.count)
        var kept = 0
        try frame.locals.lend(variable, each: values) { index throws(EvaluationError) in
            guard try holds(frame) else { return true }
            try frame.step(1, at: listPosition)
            try frame.locals.lend(slot, elementOf: values, at: index) { () throws(EvaluationError) in try body(kept) }
            kept += 1
            return true
        }
    }
}

/// A ``Predicate`` in a struct, to be optional: an optional closure (or one passed through
/// `??`) is held in its generic form and called through reabstraction thunks.
struct PredicateBody: Sendable {
    let test: Predicate
}

/// A text with `{expression}` holes, such as `"{account.plan} seats"`.
public struct CompiledTemplate: Sendable {
    enum Piece: Sendable {
        case text(String)
        case hole(CompiledExpression)
    }

    let pieces: [Piece]
    public let source: String
    /// The pieces laid out for rendering: literal text `i` is `literals[bounds[i]..<bounds[i + 1]]`
    /// and comes before hole `i`; the last literal follows the last hole.
    private let literals: [UInt8]
    private let bounds: [Int]
    /// Structs, not bare closures: an array of closures stores them generically and calls
    /// each through a thunk.
    private let holes: [Hole]

    private struct Hole: Sendable {
        let evaluate: Evaluator
        let place: Place?
    }
    /// The whole text of a template without holes.
    private let constant: String
    /// Bytes of literal text plus a guess per hole, so rendering allocates once.
    private let capacity: Int

    init(pieces: [Piece], source: String) {
        self.pieces = pieces
        self.source = source
        var literals: [UInt8] = []
        var bounds = [0]
        var holes: [Hole] = []
        for piece in pieces {
            switch piece {
            case let .text(text): literals.append(contentsOf: text.utf8)
            case let .hole(expression):
                bounds.append(literals.count)
                holes.append(Hole(evaluate: expression.evaluator, place: expression.place))
            }
        }
        bounds.append(literals.count)
        self.literals = literals
        self.bounds = bounds
        self.holes = holes
        self.capacity = literals.count + 16 * holes.count
        self.constant = holes.isEmpty ? String(decoding: literals, as: UTF8.self) : ""
    }

    public func render(_ frame: Frame) throws(EvaluationError) -> String {
        if holes.isEmpty { return constant }
        return try withScratch(frame) { text in text.string() }
    }

    /// The text as a value: its bytes appended to the evaluation's ``TextArena`` and held
    /// as a ``TextRun`` of it, so the text costs no allocation of its own (the labels and
    /// messages every line and violation carries). A template without holes gives its
    /// constant `String`, shared.
    public func renderValue(_ frame: Frame) throws(EvaluationError) -> Value {
        if holes.isEmpty { return .string(constant) }
        // Written straight into the arena, each piece through the arena itself: a hole
        // that reads an earlier label of this evaluation reads the arena as it is then.
        var sink = TextArena.Sink(frame.textArena)
        let start = sink.start()
        do {
            try write(frame, into: &sink)
        } catch {
            sink.discard(from: start)
            throw error
        }
        guard let run = sink.run(from: start) else {
            throw EvaluationError("eval.text-too-long", "the labels of one evaluation come to more than 4 GiB of text",
                                  hint: "a label or message of this size is a mistake in its template or its data")
        }
        return .text(run)
    }

    /// The text written into the frame's scratch memory, then `finish` applied to it.
    /// (Bytes, then one string: appending Strings piece by piece costs a grapheme-boundary
    /// check per piece.)
    @inline(__always)
    private func withScratch<R>(_ frame: Frame, _ finish: (borrowing TextScratch) -> R) throws(EvaluationError) -> R {
        var text = frame.text
        text.count = 0
        // The frame holds an empty scratch meanwhile: a render inside a hole (none today)
        // would get memory of its own, never this one's.
        frame.text = TextScratch()
        defer {
            frame.text.free()
            frame.text = text
        }
        try write(frame, into: &text)
        return finish(text)
    }

    /// The literal pieces and holes, appended to `text` in order.
    @inline(__always)
    private func write<Sink: TextSink>(_ frame: Frame, into text: inout Sink) throws(EvaluationError) {
        text.reserve(capacity)
        // Pieces read in place through buffers: `holes[index].evaluate` as an argument
        // copied the closure out (a retain and a release per hole) even when the hole was
        // read at its place.
        try literals.withUnsafeBufferPointer { literals throws(EvaluationError) in
            try bounds.withUnsafeBufferPointer { bounds throws(EvaluationError) in
                try holes.withUnsafeBufferPointer { holes throws(EvaluationError) in
                    for index in holes.indices {
                        text.append(UnsafeBufferPointer(rebasing: literals[bounds[index]..<bounds[index + 1]]))
                        // Inline text, integers and dates are written from where they lie:
                        // copying the value out cost a retain and a release (or their
                        // outlined switch) per hole.
                        if let place = holes[index].place, let scalar = place.plainScalar(frame) {
                            switch scalar {
                            case let .text(words): text.append(words)
                            case let .int(number): Self.append(number, to: &text)
                            case let .date(date): Self.append(date, to: &text)
                            }
                            continue
                        }
                        let value: Value
                        if let place = holes[index].place, let read = place.read(frame) {
                            value = read
                        } else {
                            value = try holes[index].evaluate(frame)
                        }
                        switch value {
                        case let .string(string): Self.append(string, to: &text)
                        case let .int(number): Self.append(number, to: &text)
                        case let .date(date): Self.append(date, to: &text)
                        case let value: Self.append(Self.display(value), to: &text)
                        }
                    }
                    text.append(UnsafeBufferPointer(rebasing: literals[bounds[holes.count]...]))
                }
            }
        }
    }

    /// The UTF-8 of `string`, copied in one go (not byte by byte through a generic sequence).
    @inline(__always)
    static func append<Sink: TextSink>(_ string: String, to text: inout Sink) {
        // Text held inline (`FR`, `+33612345678`) is its two words.
        if let inline = InlineText(string) { return text.append(inline) }
        let copied: Void? = string.utf8.withContiguousStorageIfAvailable { text.append($0) }
        if copied == nil {
            for byte in string.utf8 { text.append(byte) }
        }
    }

    /// `YYYY-MM-DD`, as ``CivilDate/description`` spells it, written in place: ten bytes
    /// reserved at once, two digits at a time from a table (constant divisors, which the
    /// compiler turns into multiplications).
    static func append<Sink: TextSink>(_ date: CivilDate, to text: inout Sink) {
        guard date.year >= 0, date.year < 10000 else { return append(date.description, to: &text) }
        let year = date.year, month = date.month, day = date.day
        text.write(10) { target in
            let pairs = digitPairs.utf8Start
            @inline(__always) func pair(_ value: Int, at offset: Int) {
                target[offset] = pairs[2 &* value]
                target[offset &+ 1] = pairs[2 &* value &+ 1]
            }
            pair(year / 100, at: 0)
            pair(year % 100, at: 2)
            target[4] = UInt8(ascii: "-")
            pair(month, at: 5)
            target[7] = UInt8(ascii: "-")
            pair(day, at: 8)
        }
    }

    /// "00" through "99": two digits of a number below 100 at offset twice the number.
    private static let digitPairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """

    /// The decimal digits of `number`, written in place right to left, its length
    /// reserved at once (constant divisors, which the compiler turns into multiplications).
    static func append<Sink: TextSink>(_ number: Int64, to text: inout Sink) {
        var digits = 1
        var probe = number.magnitude
        while probe >= 10 {
            probe /= 10
            digits += 1
        }
        let negative = number < 0
        let length = digits + (negative ? 1 : 0)
        text.write(length) { target in
            var rest = number.magnitude
            var at = length
            repeat {
                at -= 1
                target[at] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            } while rest > 0
            if negative { target[0] = UInt8(ascii: "-") }
        }
    }

    /// Values as a person reads them in a label: money at its currency's scale, text bare.
    static func display(_ value: Value) -> String {
        switch value {
        case let .money(money): money.formatted
        case let .list(values): values.map(display).joined(separator: ", ")
        default: value.description
        }
    }
}
