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
    /// `count` is told the number of runs first (at most: an `each` that is a `filter` is
    /// told its list's length), so results can be reserved at once.
    func forEach(_ frame: Frame, count: (Int) -> Void = { _ in }, _ body: (Int?) throws(EvaluationError) -> Void) throws(EvaluationError) {
        guard list != nil else {
            count(1)
            try body(nil)
            return
        }
        // Called through `?.`, in place: binding the expression (`guard let`, `case let`)
        // copied it out, a retain and a release for each of its fields, per rule evaluated.
        // The item is lent to its slot, not copied (no retain and release per item); a
        // `filter` is gone through without making its list.
        try list?.forEachElement(frame, lendingTo: slot, count: count) { index throws(EvaluationError) in
            if let trace = frame.trace {
                trace.begin(item: index)
                // The item itself, so an explanation can name it (license L04) and not just count it.
                trace.read("item", frame.locals[slot])
            }
            try body(index)
        }
        frame.trace?.begin(item: nil)
    }
}

extension EvaluationError {
    init(_ error: ArithmeticError, in expression: CompiledExpression) {
        self.init("eval.arithmetic", error.description, at: expression.position, length: max(1, expression.text.count))
    }
}
