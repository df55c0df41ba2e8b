/// A failure while evaluating rules against a snapshot: an absent field, an overflow, a
/// division by zero, a key missing from a table. The whole evaluation fails; there is
/// never a partial result.
public struct EvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var id: String
    public var message: String
    public var position: SourcePosition?
    public var length: Int
    public var hint: String?

    public init(_ id: String, _ message: String, at position: SourcePosition? = nil, length: Int = 1, hint: String? = nil) {
        self.id = id
        self.message = message
        self.position = position
        self.length = length
        self.hint = hint
    }

    init(_ error: ArithmeticError, at position: SourcePosition?, length: Int = 1) {
        self.init("eval.arithmetic", error.description, at: position, length: length)
    }

    /// A case the type checker should have excluded; reported, never trapped.
    static func internalTypeError(_ what: String, at position: SourcePosition?) -> EvaluationError {
        EvaluationError("eval.internal", "internal error: \(what) had an unexpected type", at: position)
    }

    public var diagnostic: Diagnostic {
        .error(id, message, at: position, length: length, hint: hint)
    }

    public var description: String { diagnostic.description }
}
