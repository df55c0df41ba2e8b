/// The core's one rule kind: a named value computed by an expression.
///
/// ```yaml
/// - id: cycle
///   kind: value
///   value: period(start_of_month(add_months(as_of, 1)), start_of_month(add_months(as_of, 2)))
/// ```
public struct ValueRuleKind: RuleKind {
    public let name = "value"
    public let summary = "a named value computed by an expression, usable by other rules"
    public let category = "value"
    public let fields = [
        RuleField("value", .expression, required: true, summary: "the expression"),
        RuleField("type", .text, summary: "the expected type, checked at compile time (string, int, decimal, money, date, …)"),
    ]

    public init() {}

    public func compile(_ rule: RuleCompilation) -> (any RuleProgram)? {
        var expected: ValueType?
        if let typeNode = rule.node("type") {
            var syntax = TypeSyntax(tableKeys: [:])
            expected = syntax.type(typeNode, path: rule.id)
            for diagnostic in syntax.diagnostics { rule.report(diagnostic) }
            if expected == nil { return nil }
        }
        guard let value = rule.expression("value", expecting: expected) else { return nil }
        return Program(value: value)
    }

    struct Program: RuleProgram {
        let value: CompiledExpression
        var resultType: ValueType { value.type }

        func evaluate(_ frame: Frame) throws(EvaluationError) -> Value {
            try value.evaluate(frame)
        }
    }
}
