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
    /// Bytes of literal text plus a guess per hole, so rendering allocates once.
    private let capacity: Int

    init(pieces: [Piece], source: String) {
        self.pieces = pieces
        self.source = source
        var capacity = 0
        for piece in pieces {
            switch piece {
            case let .text(text): capacity += text.utf8.count
            case .hole: capacity += 16
            }
        }
        self.capacity = capacity
    }

    public func render(_ frame: Frame) throws(EvaluationError) -> String {
        if pieces.count == 1, case let .text(text) = pieces[0] { return text }
        // Bytes into the frame's buffer, then one string: appending Strings piece by piece
        // costs a grapheme-boundary check per piece.
        var buffer = frame.textBuffer
        frame.textBuffer = []
        buffer.removeAll(keepingCapacity: true)
        if buffer.capacity < capacity { buffer.reserveCapacity(capacity) }
        defer { frame.textBuffer = buffer }
        for piece in pieces {
            switch piece {
            case let .text(text): buffer.append(contentsOf: text.utf8)
            case let .hole(expression):
                switch try expression.evaluate(frame) {
                case let .string(text): buffer.append(contentsOf: text.utf8)
                case let value: buffer.append(contentsOf: Self.display(value).utf8)
                }
            }
        }
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
