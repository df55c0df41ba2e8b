public import TariffCore

/// `kind: credit`: an amount the account holds that reduces the total, never below zero;
/// what is not used carries over.
///
/// ```yaml
/// - id: credits
///   kind: credit
///   amount: account.credits
/// ```
public struct CreditKind: RuleKind {
    public let name = "credit"
    public let summary = "credit available to reduce the total (never below zero; the rest carries over)"
    public let category = "credit"
    public let fields = [
        RuleField("amount", .expression, required: true, summary: "Money available"),
        RuleField("label", .template, summary: "how the credit is named on the invoice"),
    ]

    public init() {}

    public func compile(_ rule: RuleCompilation) -> (any RuleProgram)? {
        guard let amount = rule.expression("amount", expecting: .money) else { return nil }
        return Program(amount: amount)
    }

    struct Program: RuleProgram {
        let amount: CompiledExpression
        var resultType: ValueType { .money }

        func evaluate(_ frame: Frame) throws(EvaluationError) -> Value {
            let value = try amount.evaluate(frame)
            if case let .money(money) = value, money.isNegative {
                throw EvaluationError("eval.negative-credit", "credit '\(amount.text)' is negative (\(money.formatted))",
                                      at: amount.position, length: max(1, amount.text.count))
            }
            return value
        }
    }
}
