public import TariffCore

/// The entry point for billing engineers: a compiled rule set with the billing plugins,
/// and the questions it answers: the next invoice, a decision, a quote, a consumption list.
///
/// ```swift
/// let engine = try BillingEngine.compile(documents).get()
/// let snapshot = try engine.decoder.decode(document).get()
/// let preview = try engine.preview(snapshot, asOf: CivilDate(year: 2026, month: 4, day: 30)).get()
/// print(preview.invoice.total)   // 1122.47 EUR
/// ```
///
/// A value: share one engine between threads; each call evaluates independently.
public struct BillingEngine: Sendable {
    public let graph: RuleGraph
    /// The invoice rule and what evaluating it runs, worked out once for every preview.
    private let invoicePlan: Result<PlannedRule, EvaluationError>

    public init(graph: RuleGraph) {
        self.graph = graph
        if let index = graph.rules.firstIndex(where: { $0.category == "invoice" }) {
            let targets = Self.checked([graph.rules[index].id], in: graph)
            invoicePlan = graph.plan(targets: targets).map { PlannedRule(index: index, plan: $0) }
        } else {
            invoicePlan = .failure(EvaluationError("billing.no-invoice", "no rule of kind 'invoice' in the rule set",
                                                   hint: "add a rule with 'kind: invoice' listing the charges"))
        }
    }

    private struct PlannedRule: Sendable {
        let index: Int
        let plan: EvaluationPlan
    }

    /// Compiles rule documents with the billing plugins (and any extra ones).
    public static func compile(_ documents: [SourceDocument], registry: PluginRegistry = BillingPlugins.registry,
                               limits: CompileLimits = .default) -> Result<BillingEngine, DiagnosticError> {
        RuleCompiler(registry: registry, limits: limits).compile(documents).map(BillingEngine.init)
    }

    /// Reads snapshots into the rules' input type.
    public var decoder: SnapshotDecoder { SnapshotDecoder(graph: graph) }

    /// The invoice and, when asked, the trace that explains it.
    public struct Preview: Sendable {
        public var invoice: Invoice
        public var trace: Trace?
    }

    /// The next invoice for a snapshot as of a date.
    public func preview(_ snapshot: Record, asOf: CivilDate, trace: Bool = false) -> Result<Preview, EvaluationError> {
        invoicePlan.flatMap { rule in
            graph.evaluate(snapshot, asOf: asOf, plan: rule.plan, trace: trace).flatMap { evaluation in
                guard let value = evaluation.value(ofRuleAt: rule.index), let invoice = Invoice(value) else {
                    return .failure(EvaluationError("eval.internal", "the invoice rule gave no invoice"))
                }
                return .success(Preview(invoice: invoice, trace: evaluation.trace))
            }
        }
    }

    /// The rules to evaluate for `targets`: them, and every invariant that needs no
    /// parameter, so a snapshot that breaks one is rejected whatever is asked of it.
    private func checked(_ targets: Set<String>) -> Set<String> { Self.checked(targets, in: graph) }

    private static func checked(_ targets: Set<String>, in graph: RuleGraph) -> Set<String> {
        var all = targets
        for rule in graph.rules where rule.category == "invariant" && !rule.needsParameters { all.insert(rule.id) }
        return all
    }

    /// Actions some policy decides, sorted.
    public var policyActions: [String] { actions(of: "decision") }

    /// Actions some quote prices, sorted.
    public var quoteActions: [String] { actions(of: "quote") }

    private func actions(of category: String) -> [String] {
        graph.rules(inCategory: category).compactMap { $0.declaration.fields["action"]?.value.scalar }.sorted()
    }

    /// The fields an action's request has, as declared by its policy or quote.
    public func requestType(for action: String) -> RecordType? {
        if case let .record(type)? = graph.parameters[action]?.type { return type }
        return nil
    }

    private func rule(for action: String, category: String) -> Result<CompiledRule, EvaluationError> {
        let rules = graph.rules(inCategory: category)
        guard let rule = rules.first(where: { $0.declaration.fields["action"]?.value.scalar == action }) else {
            let known = actions(of: category)
            return .failure(EvaluationError("billing.unknown-action", "no \(category == "quote" ? "quote" : "policy") for action '\(action)'",
                                            hint: Suggestion.hint(for: action, among: known) ?? "actions: " + known.joined(separator: ", ")))
        }
        return .success(rule)
    }

    /// Whether an action is allowed, and why.
    public func decide(_ action: String, request: Record, snapshot: Record, asOf: CivilDate,
                       trace: Bool = false) -> Result<Decision, EvaluationError> {
        rule(for: action, category: "decision").flatMap { rule in
            graph.evaluate(snapshot, asOf: asOf, options: EvaluationOptions(
                targets: checked([rule.id]), parameters: [action: .record(request)], trace: trace))
            .flatMap { evaluation in
                guard let value = evaluation.value(of: rule.id), let decision = Decision(value) else {
                    return .failure(EvaluationError("eval.internal", "policy '\(rule.id)' gave no decision"))
                }
                return .success(decision)
            }
        }
    }

    /// What an action would cost.
    public func quote(_ action: String, request: Record, snapshot: Record, asOf: CivilDate) -> Result<Quote, EvaluationError> {
        rule(for: action, category: "quote").flatMap { rule in
            graph.evaluate(snapshot, asOf: asOf, options: EvaluationOptions(targets: checked([rule.id]), parameters: [action: .record(request)]))
                .flatMap { evaluation in
                    guard let value = evaluation.value(of: rule.id), let quote = Quote(value) else {
                        return .failure(EvaluationError("eval.internal", "quote '\(rule.id)' gave no quote"))
                    }
                    return .success(quote)
                }
        }
    }

    /// Which consumption records to list.
    public struct ConsumptionFilter: Sendable {
        public var from: CivilDate?
        /// Exclusive.
        public var to: CivilDate?
        public var team: String?
        public var user: String?

        public init(from: CivilDate? = nil, to: CivilDate? = nil, team: String? = nil, user: String? = nil) {
            self.from = from
            self.to = to
            self.team = team
            self.user = user
        }

        func matches(_ line: ChargeLine) -> Bool {
            if let from, let date = line.date, date < from { return false }
            if let to, let date = line.date, date >= to { return false }
            if let team, line.team != team { return false }
            if let user, line.user != user { return false }
            return true
        }
    }

    /// Every consumption record of the usage rules that matches the filter, billed or not.
    public func consumption(_ snapshot: Record, asOf: CivilDate, filter: ConsumptionFilter) -> Result<[ChargeLine], EvaluationError> {
        let usage = graph.rules.filter { $0.kind is UsageChargeKind }
        return graph.evaluate(snapshot, asOf: asOf, options: EvaluationOptions(targets: checked(Set(usage.map(\.id))))).map { evaluation in
            usage.flatMap { rule -> [ChargeLine] in
                guard case let .list(values)? = evaluation.value(of: rule.id) else { return [] }
                return values.compactMap(ChargeLine.init).filter(filter.matches)
            }
        }
    }
}
