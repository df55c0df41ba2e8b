/// Limits on what rule files may ask of the compiler and the interpreter. Each has a default
/// that real rule sets stay far below, and a CLI flag to raise it.
public struct CompileLimits: Sendable, Hashable {
    /// Deepest nesting of one expression (`--max-expression-depth`).
    public var expressionDepth: Int
    /// Units of work one evaluation may take: items visited by macros and rules
    /// (`--max-steps`).
    public var evaluationSteps: Int

    public init(expressionDepth: Int = ExpressionParser.defaultMaxDepth, evaluationSteps: Int = 50_000_000) {
        self.expressionDepth = expressionDepth
        self.evaluationSteps = evaluationSteps
    }

    public static let `default` = CompileLimits()
}
