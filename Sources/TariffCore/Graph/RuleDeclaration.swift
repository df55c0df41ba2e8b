/// One entry of a `rules:` list as written, before compilation: its id, kind and fields,
/// each with its position.
public struct RuleDeclaration: Sendable {
    public var id: String
    public var kind: String
    public var position: SourcePosition
    /// Position of the id's value, where diagnostics about the rule point.
    public var idPosition: SourcePosition
    public var fields: [String: SourceEntry]
    public var file: String
    /// The whole mapping of the rule.
    public var root: SourceNode?

    /// Fields every rule may have, whatever its kind.
    public static let commonFields: [RuleField] = [
        RuleField("id", .text, required: true, summary: "the rule's name, used to reference its result"),
        RuleField("kind", .text, required: true, summary: "what the rule does; one of the registered kinds"),
        RuleField("after", .ruleList, summary: "rules that must be evaluated first, beyond those referenced"),
        RuleField("description", .text, summary: "what the rule is for, in words"),
    ]
}
