import TariffCore

/// The `each:` field shared by charge and violation kinds: a list to go through, each
/// element bound as `item` for the rule's other expressions. Without `each`, the rule
/// runs once.
struct EachClause: Sendable {
    let list: CompiledExpression?
    let slot: Int

    static let field = RuleField("each", .expression, summary: "a list; the rule runs once per element, bound as 'item'")

    /// Compiles `each` and binds `item`; nil when `each` does not check.
    static func compile(_ rule: RuleCompilation) -> EachClause? {
        guard rule.has("each") else {
            return EachClause(list: nil, slot: rule.bind("item", type: .null))
        }
        guard let list = rule.expression("each") else { return nil }
        guard case let .list(element) = list.type else {
            rule.error("type.mismatch", "'each' must be a list, but '\(list.text)' is \(list.type)", field: "each",
                       hint: list.type.isOptional ? "give a default with '?? []'" : nil)
            return nil
        }
        return EachClause(list: list, slot: rule.bind("item", type: element, repeats: true))
    }

    /// Runs `body` once per element (with `item` set and the trace on that item), or once
    /// with no item when there is no `each`.
    /// `count` is told the number of runs first, so results can be reserved at once.
    func forEach(_ frame: Frame, count: (Int) -> Void = { _ in }, _ body: (Int?) throws(EvaluationError) -> Void) throws(EvaluationError) {
        // A `switch` reads the expression in place; `guard let` would copy it (a retain and
        // a release for each of its fields, per rule evaluated).
        let values: [Value]
        switch list {
        case .none:
            count(1)
            try body(nil)
            return
        case let .some(list):
            guard case let .list(elements) = try list.evaluate(frame) else {
                throw EvaluationError("eval.internal", "'each' did not give a list", at: list.position)
            }
            values = elements
            count(values.count)
            try frame.step(values.count, at: list.position)
        }
        // The item is lent to its slot, not copied (no retain and release per item).
        try frame.locals.lend(slot, each: values) { index throws(EvaluationError) in
            if let trace = frame.trace {
                trace.begin(item: index)
                // The item itself, so an explanation can name it (license L04) and not just count it.
                trace.read("item", values[index])
            }
            try body(index)
            return true
        }
        frame.trace?.begin(item: nil)
    }
}

extension EvaluationError {
    init(_ error: ArithmeticError, in expression: CompiledExpression) {
        self.init("eval.arithmetic", error.description, at: expression.position, length: max(1, expression.text.count))
    }
}
