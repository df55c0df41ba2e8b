/// An expression after type checking and lowering: a typed closure over slots. Evaluating
/// it re-parses nothing and looks up no name by string.
public struct CompiledExpression: Sendable {
    public let type: ValueType
    public let text: String
    public let position: SourcePosition
    let evaluator: Evaluator

    init(type: ValueType, text: String, position: SourcePosition, evaluator: @escaping Evaluator) {
        self.type = type
        self.text = text
        self.position = position
        self.evaluator = evaluator
    }

    @inline(__always)
    public func evaluate(_ frame: Frame) throws(EvaluationError) -> Value {
        try evaluator(frame)
    }
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
    private let holes: [Evaluator]
    /// The whole text of a template without holes.
    private let constant: String
    /// Bytes of literal text plus a guess per hole, so rendering allocates once.
    private let capacity: Int

    init(pieces: [Piece], source: String) {
        self.pieces = pieces
        self.source = source
        var literals: [UInt8] = []
        var bounds = [0]
        var holes: [Evaluator] = []
        for piece in pieces {
            switch piece {
            case let .text(text): literals.append(contentsOf: text.utf8)
            case let .hole(expression):
                bounds.append(literals.count)
                holes.append(expression.evaluator)
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
        // Bytes into the frame's buffer, then one string: appending Strings piece by piece
        // costs a grapheme-boundary check per piece.
        var buffer = frame.textBuffer
        frame.textBuffer = []
        buffer.removeAll(keepingCapacity: true)
        if buffer.capacity < capacity { buffer.reserveCapacity(capacity) }
        defer { frame.textBuffer = buffer }
        for index in holes.indices {
            buffer.append(contentsOf: literals[bounds[index]..<bounds[index + 1]])
            switch try holes[index](frame) {
            case let .string(text): buffer.append(contentsOf: text.utf8)
            case let value: buffer.append(contentsOf: Self.display(value).utf8)
            }
        }
        buffer.append(contentsOf: literals[bounds[holes.count]...])
        return String(decoding: buffer, as: UTF8.self)
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
