import TariffCore

/// Runs rule tests against a compiled rule set and says, amount by amount, where the
/// rules and the tests disagree.
///
/// ```swift
/// let suite = RuleTestSuite(engine: engine)
/// let report = suite.run(contents.cases, coverage: true)
/// print(report.summary)                                   // 14 passed, 0 failed
/// print(report.coverage?.unexercised(in: engine.graph))   // []
/// ```
///
/// Each case evaluates on its own; a case that cannot run fails with its diagnostics and
/// the others still run.
public struct RuleTestSuite: Sendable {
    public let engine: BillingEngine

    public init(engine: BillingEngine) {
        self.engine = engine
    }

    /// Runs every case, in order.
    ///
    /// - Parameters:
    ///   - cases: The cases read from test files.
    ///   - broken: Results for parts of test files that could not be read; they count as
    ///     failed, in their place among the others.
    ///   - coverage: Whether to trace evaluations and record what they exercised.
    /// - Returns: A result per case, ordered by file and line, and the coverage when asked for.
    /// - Complexity: One evaluation per case, traced when `coverage` is true.
    public func run(_ cases: [RuleTestCase], broken: [RuleTestResult] = [], coverage: Bool = false) -> RuleTestReport {
        var recorded: RuleCoverage? = coverage ? RuleCoverage() : nil
        var results = broken
        for testCase in cases { results.append(run(testCase, coverage: &recorded)) }
        // In the order they are written, whether they ran or not.
        let ordered = results.enumerated().sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }
        return RuleTestReport(results: ordered.map(\.element), coverage: recorded)
    }

    /// Runs one case, adding what it exercised to `coverage` when there is one.
    ///
    /// The result comes from ``BillingEngine``'s own preview, decide and quote, so a case
    /// sees exactly what `tariff preview`, `decide` and `quote` show. Coverage comes from a
    /// second, traced evaluation of the same rule.
    public func run(_ testCase: RuleTestCase, coverage: inout RuleCoverage?) -> RuleTestResult {
        func result(_ status: RuleTestResult.Status) -> RuleTestResult {
            RuleTestResult(name: testCase.name, position: testCase.position, status: status)
        }
        let snapshot: Record
        switch engine.decoder.decode(testCase.snapshot) {
        case let .success(record): snapshot = record
        case let .failure(error): return result(.error(error.diagnostics))
        }
        guard let asOf = testCase.asOf else {
            return result(.error([.error("test.missing-as-of", "test '\(testCase.name)' has no as-of date", at: testCase.position,
                                         hint: "add 'as_of: 2026-04-30' to the case or to its account file")]))
        }
        let graph = engine.graph
        switch testCase.subject {
        case let .invoice(expectation):
            switch engine.preview(snapshot, asOf: asOf) {
            case let .failure(error): return result(.error([error.diagnostic]))
            case let .success(preview):
                if coverage != nil, let rule = graph.rules(inCategory: "invoice").first {
                    record(rule, snapshot: snapshot, asOf: asOf, parameters: [:], into: &coverage)
                }
                return result(status(Comparison.invoice(preview.invoice, expectation)))
            }
        case let .decision(action, request, expectation):
            switch prepare(action, request: request, category: "decision") {
            case let .failure(error): return result(.error(error.diagnostics))
            case let .success((rule, record)):
                switch engine.decide(action.value, request: record, snapshot: snapshot, asOf: asOf) {
                case let .failure(error): return result(.error([error.diagnostic]))
                case let .success(decision):
                    if coverage != nil {
                        self.record(rule, snapshot: snapshot, asOf: asOf, parameters: [action.value: .record(record)], into: &coverage)
                        coverage?.record(decision)
                    }
                    return result(status(Comparison.decision(decision, expectation)))
                }
            }
        case let .quote(action, request, expectation):
            switch prepare(action, request: request, category: "quote") {
            case let .failure(error): return result(.error(error.diagnostics))
            case let .success((rule, record)):
                switch engine.quote(action.value, request: record, snapshot: snapshot, asOf: asOf) {
                case let .failure(error): return result(.error([error.diagnostic]))
                case let .success(quote):
                    if coverage != nil {
                        self.record(rule, snapshot: snapshot, asOf: asOf, parameters: [action.value: .record(record)], into: &coverage)
                    }
                    return result(status(Comparison.quote(quote, expectation, currency: graph.settings.currency)))
                }
            }
        }
    }

    /// Evaluates `rule` with a trace, with every rule no other rule reads and that needs no
    /// parameter (checks that run whatever is asked, say), and adds what they exercised.
    private func record(_ rule: CompiledRule, snapshot: Record, asOf: CivilDate, parameters: [String: Value],
                        into coverage: inout RuleCoverage?) {
        let graph = engine.graph
        var read = Set<Int>()
        for other in graph.rules { read.formUnion(other.dependencies) }
        var targets: Set<String> = [rule.id]
        for (index, other) in graph.rules.enumerated() where !read.contains(index) && !other.needsParameters
            && !["invoice", "decision", "quote"].contains(other.category) {
            targets.insert(other.id)
        }
        let options = EvaluationOptions(targets: targets, parameters: parameters, trace: true)
        if case let .success(evaluation) = graph.evaluate(snapshot, asOf: asOf, options: options) {
            coverage?.record(evaluation, graph: graph)
        }
    }

    private func status(_ mismatches: [Mismatch]) -> RuleTestResult.Status {
        mismatches.isEmpty ? .passed : .failed(mismatches)
    }

    /// Finds the policy or quote for an action and reads the request into its declared type.
    private func prepare(_ action: Expected<String>, request: SourceNode, category: String) -> Result<(CompiledRule, Record), DiagnosticError> {
        let rules = engine.graph.rules(inCategory: category)
        let noun = category == "quote" ? "quote" : "policy"
        guard let rule = rules.first(where: { $0.declaration.fields["action"]?.value.scalar == action.value }) else {
            let known = rules.compactMap { $0.declaration.fields["action"]?.value.scalar }.sorted()
            return .failure(DiagnosticError([.error("test.unknown-action", "no \(noun) for action '\(action.value)'", at: action.position,
                                    length: action.text.count,
                                    hint: Suggestion.hint(for: action.value, among: known) ?? "actions: " + known.joined(separator: ", "))]))
        }
        let type = engine.requestType(for: action.value) ?? RecordType(name: "request", fields: [])
        let names = type.fields.map(\.name)
        let unknown = (request.entries ?? []).filter { !names.contains($0.name) }
        if !unknown.isEmpty {
            return .failure(DiagnosticError(unknown.map { entry in
                Diagnostic.error("test.unknown-request-field", "action '\(action.value)' takes no '\(entry.name)'", at: entry.key.position,
                       length: entry.name.count,
                       hint: Suggestion.hint(for: entry.name, among: names) ?? "it takes: " + names.joined(separator: ", "))
            }))
        }
        let decoder = SnapshotDecoder(type: type, currency: engine.graph.settings.currency)
        let record: Record
        switch decoder.decode(SourceDocument(file: request.position.file, text: "", root: request)) {
        case let .success(decoded): record = decoded
        case let .failure(error):
            return .failure(DiagnosticError(error.diagnostics.map { diagnostic in
                var located = diagnostic
                located.message = "request: " + located.message
                return located
            }))
        }
        return .success((rule, record))
    }
}
