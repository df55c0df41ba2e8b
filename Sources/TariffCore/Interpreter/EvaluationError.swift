/// A failure while evaluating rules against a snapshot: an absent field, an overflow, a
/// division by zero, a key missing from a table. The whole evaluation fails; there is
/// never a partial result.
public struct EvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var id: String
    public var message: String
    public var position: SourcePosition?
    public var length: Int
    public var hint: String?
    /// The snapshot value the failure is about, as a path such as
    /// `account.items[3].removed` (indexes from 0), when there is one. Values carry no
    /// positions; a caller that kept the snapshot's ``SourceDocument`` turns the path into
    /// one with ``SourceNode/node(atPath:)``.
    public var snapshotPath: String?

    public init(_ id: String, _ message: String, at position: SourcePosition? = nil, length: Int = 1, hint: String? = nil,
                snapshotPath: String? = nil) {
        self.id = id
        self.message = message
        self.position = position
        self.length = length
        self.hint = hint
        self.snapshotPath = snapshotPath
    }

    init(_ error: ArithmeticError, at position: SourcePosition?, length: Int = 1) {
        self.init("eval.arithmetic", error.description, at: position, length: length)
    }

    /// A case the type checker should have excluded; reported, never trapped.
    static func internalTypeError(_ what: String, at position: SourcePosition?) -> EvaluationError {
        EvaluationError("eval.internal", "internal error: \(what) had an unexpected type", at: position)
    }

    public var diagnostic: Diagnostic {
        .error(id, message, at: position, length: length,
               notes: snapshotPath.map { [.init("the snapshot value at '\($0)'")] } ?? [], hint: hint)
    }

    public var description: String { diagnostic.description }
}
