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

    init(pieces: [Piece], source: String) {
        self.pieces = pieces
        self.source = source
    }

    public func render(_ frame: Frame) throws(EvaluationError) -> String {
        var out = ""
        for piece in pieces {
            switch piece {
            case let .text(text): out += text
            case let .hole(expression): out += Self.display(try expression.evaluate(frame))
            }
        }
        return out
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
