import TariffCore

/// The request an action carries (`--count 7 --on 2026-04-10`), declared per policy or
/// quote as `request:` and bound in its expressions as `request`.
enum ActionRequest {
    static let field = RuleField("request", .mapping, summary: "the request's fields and their types, such as { count: int, on: date }")
    static let letField = RuleField("let", .expressionMap, summary: "named values computed in order, usable by later expressions")

    /// Declares the request parameter and the `let` bindings; nil on errors.
    static func compile(_ rule: RuleCompilation, action: String) -> (slot: Int, type: RecordType, lets: [(Int, CompiledExpression)])? {
        var type = RecordType(name: "request", fields: [])
        if rule.has("request") {
            guard case let .record(declared)? = rule.type("request") else {
                if rule.node("request")?.entries == nil {
                    rule.error("rules.expected-mapping", "'request' must map field names to types", field: "request")
                }
                return nil
            }
            type = declared
        }
        let slot = rule.parameter(action, type: .record(type), as: "request")
        var lets: [(Int, CompiledExpression)] = []
        for name in rule.keys("let") {
            guard let expression = rule.expression("let.\(name)") else { return nil }
            lets.append((rule.bind(name, type: expression.type), expression))
        }
        return (slot, type, lets)
    }

    static func bind(_ lets: [(Int, CompiledExpression)], in frame: Frame) throws(EvaluationError) {
        for (slot, expression) in lets {
            let value = try expression.evaluate(frame)
            frame.locals[slot] = value
            frame.trace?.step(expression.text, value.traceDescription)
        }
    }
}
