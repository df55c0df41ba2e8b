/// A rule after compilation: its program and its place in the graph.
public struct CompiledRule: Sendable {
    public let id: String
    public let kind: any RuleKind
    public let declaration: RuleDeclaration
    public let program: any RuleProgram
    /// Indices (in ``RuleGraph/rules``) of the rules this one reads.
    public let dependencies: [Int]
    /// Whether the rule reads a caller-supplied parameter, so runs only when given one.
    public let needsParameters: Bool

    public var resultType: ValueType { program.resultType }
    public var category: String { kind.category }
}
