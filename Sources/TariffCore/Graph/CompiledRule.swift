/// A rule after compilation: its program and its place in the graph.
public struct CompiledRule: Sendable {
    public let id: String
    public let kind: any RuleKind
    public let declaration: RuleDeclaration
    public let program: any RuleProgram
    /// Indices (in ``RuleGraph/rules``) of the rules this one reads.
    public let dependencies: [Int]
    /// The caller-supplied parameters the rule reads (directly or through the rules it
    /// reads); a rule with any runs only when given them.
    public let parameterKeys: Set<String>
    /// What the rule's expressions and templates read, as written: other rules, tables,
    /// snapshot paths (`account.plan`), `as_of`, and the rule's own bindings (`item.country`).
    /// Sorted; for tools that draw the graph (``ExpressionSyntax/readPaths(bound:)``).
    public var reads: [String] = []

    public var needsParameters: Bool { !parameterKeys.isEmpty }

    public var resultType: ValueType { program.resultType }
    public var category: String { kind.category }
}
