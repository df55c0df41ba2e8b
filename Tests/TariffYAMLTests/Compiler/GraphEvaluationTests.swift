import Testing
import TariffCore
import TariffYAML

/// Properties of evaluating a compiled graph: the trace explains each value, results do
/// not depend on when or where a graph is evaluated, and no input runs unbounded.
@Suite struct GraphEvaluationTests {
    static let rules = CompilerHarness.settings + """

        input:
          account: { plan: string, credits: money, licenses: [ { id: string, added: date, assigned_to: string? } ] }
        tables:
          license_price: { type: money, rows: { ESSENTIAL: 29.00, SMART: 44.00, ADVANCED: 64.00 } }
        rules:
          - id: unit
            kind: value
            value: license_price[account.plan]
          - id: seats
            kind: value
            value: account.licenses.filter(l, l.added < start_of_month(as_of)).count()
          - id: monthly
            kind: value
            value: round(unit * seats)
          - id: total
            kind: value
            value: max(monthly - account.credits, monthly * 0)
        """

    static let snapshot = """
        account:
          plan: ADVANCED
          credits: 10.00
          licenses:
            - { id: L1, added: 2026-01-10, assigned_to: alice }
            - { id: L2, added: 2026-02-01 }
            - { id: L3, added: 2026-04-12 }
        """

    static func evaluate(_ options: EvaluationOptions = .init()) throws -> Evaluation {
        try CompilerHarness.evaluate(rules, snapshot: snapshot, options: options)
    }

    @Test func valuesFollowTheDependencies() throws {
        let evaluation = try Self.evaluate()
        #expect(evaluation.value(of: "unit") == CompilerHarness.euros("64.00"))
        #expect(evaluation.value(of: "seats") == .int(2))
        #expect(evaluation.value(of: "monthly") == CompilerHarness.euros("128.00"))
        #expect(evaluation.value(of: "total") == CompilerHarness.euros("118.00"))
        #expect(evaluation.asOf == CompilerHarness.asOf)
        #expect(evaluation.trace == nil)
    }

    // MARK: Trace

    /// `account.plan = 'ADVANCED'`: what a person reads in an explanation.
    static func lines(_ trace: Trace, rule: String) -> [String] {
        trace.entries(rule: rule).map { entry in
            switch entry.event {
            case let .read(path, value): "\(path) = \(value.traceDescription)"
            case let .step(label, detail): "\(label): \(detail)"
            case let .rounding(label, from, to, mode, scale): "\(label): \(from) -> \(to) (\(mode.rawValue), \(scale))"
            }
        }
    }

    @Test func traceRecordsReadsLookupsAndRoundings() throws {
        let trace = try #require(try Self.evaluate(.init(trace: true)).trace)
        #expect(Self.lines(trace, rule: "unit") == [
            "account.plan = 'ADVANCED'",
            "license_price[\"ADVANCED\"] = 64.00 EUR",
        ])
        #expect(Self.lines(trace, rule: "seats") == ["as_of = 2026-04-15"])
        #expect(Self.lines(trace, rule: "monthly") == [
            "unit = 64.00 EUR",
            "seats = 2",
            "unit * seats: 128.00 EUR -> 128.00 EUR (half-up, 2)",
        ])
        #expect(Self.lines(trace, rule: "total") == [
            "monthly = 128.00 EUR",
            "account.credits = 10.00 EUR",
        ])
        #expect(trace.entries.allSatisfy { $0.item == nil })
        #expect(Set(trace.entries.map(\.rule)) == ["unit", "seats", "monthly", "total"])
    }

    /// Rules run in dependency order, so the trace's rules come in that order too.
    @Test func traceFollowsEvaluationOrder() throws {
        let trace = try #require(try Self.evaluate(.init(trace: true)).trace)
        var order: [String] = []
        for entry in trace.entries where order.last != entry.rule { order.append(entry.rule) }
        #expect(order == ["unit", "seats", "monthly", "total"])
    }

    @Test func targetsEvaluateOnlyWhatTheyNeed() throws {
        let evaluation = try Self.evaluate(.init(targets: ["monthly"], trace: true))
        #expect(evaluation.value(of: "monthly") == CompilerHarness.euros("128.00"))
        #expect(evaluation.value(of: "unit") == CompilerHarness.euros("64.00"))
        #expect(evaluation.value(of: "total") == nil)
        #expect(evaluation.trace?.entries(rule: "total").isEmpty == true)
    }

    @Test func unknownTargetIsAnErrorWithASuggestion() throws {
        let graph = try CompilerHarness.graph(Self.rules)
        let record = try CompilerHarness.snapshot(Self.snapshot, for: graph)
        let error = try #require(graph.evaluate(record, asOf: CompilerHarness.asOf, options: .init(targets: ["totl"])).failureError)
        #expect(error.id == "eval.unknown-target")
        #expect(error.message == "no rule 'totl' to evaluate")
        #expect(error.hint == "did you mean 'total'?")
    }

    // MARK: Determinism

    @Test func sameInputGivesIdenticalResultsAndTraces() throws {
        let graph = try CompilerHarness.graph(Self.rules)
        let record = try CompilerHarness.snapshot(Self.snapshot, for: graph)
        let first = try graph.evaluate(record, asOf: CompilerHarness.asOf, options: .init(trace: true)).get()
        let second = try graph.evaluate(record, asOf: CompilerHarness.asOf, options: .init(trace: true)).get()
        let ids = graph.rules.map(\.id)
        #expect(ids.map { first.value(of: $0) } == ids.map { second.value(of: $0) })
        #expect(first.trace == second.trace)
        // Rendered text too, byte for byte.
        #expect(ids.map { "\(first.value(of: $0) ?? .null)" } == ids.map { "\(second.value(of: $0) ?? .null)" })
    }

    /// Compiling the same text twice gives the same order and types; nothing depends on
    /// hashing order.
    @Test func compilingTwiceGivesTheSameGraph() throws {
        let first = try CompilerHarness.graph(Self.rules)
        let second = try CompilerHarness.graph(Self.rules)
        #expect(first.rules.map(\.id) == second.rules.map(\.id))
        #expect(first.rules.map(\.resultType.description) == second.rules.map(\.resultType.description))
        #expect(first.rules.map(\.dependencies) == second.rules.map(\.dependencies))
    }

    /// The as-of date comes from the caller, never the clock.
    @Test func asOfComesOnlyFromTheCaller() throws {
        let graph = try CompilerHarness.graph(Self.rules)
        let record = try CompilerHarness.snapshot(Self.snapshot, for: graph)
        let march = try graph.evaluate(record, asOf: CompilerHarness.date("2026-03-15")).get()
        let may = try graph.evaluate(record, asOf: CompilerHarness.date("2026-05-15")).get()
        #expect(march.value(of: "seats") == .int(2))
        #expect(may.value(of: "seats") == .int(3))
    }

    // MARK: Concurrency

    /// One graph, evaluated from many tasks at once: every result equals the serial one.
    @Test func oneGraphEvaluatesFromManyTasksAtOnce() async throws {
        let graph = try CompilerHarness.graph(Self.rules)
        let record = try CompilerHarness.snapshot(Self.snapshot, for: graph)
        let ids = graph.rules.map(\.id)
        let expected = try graph.evaluate(record, asOf: CompilerHarness.asOf, options: .init(trace: true)).get()
        let expectedValues = ids.map { expected.value(of: $0) }
        let results = await withTaskGroup(of: ([Value?], Trace?).self) { group in
            for index in 0..<200 {
                group.addTask {
                    // Half with a trace, half without: recorders are per evaluation.
                    let options = EvaluationOptions(trace: index.isMultiple(of: 2))
                    guard case let .success(evaluation) = graph.evaluate(record, asOf: CompilerHarness.asOf, options: options) else {
                        return ([], nil)
                    }
                    return (ids.map { evaluation.value(of: $0) }, evaluation.trace)
                }
            }
            var collected: [([Value?], Trace?)] = []
            for await result in group { collected.append(result) }
            return collected
        }
        #expect(results.count == 200)
        #expect(results.allSatisfy { $0.0 == expectedValues })
        let traces = results.compactMap(\.1)
        #expect(traces.count == 100)
        #expect(traces.allSatisfy { $0 == expected.trace })
    }

    /// Different snapshots at once do not see each other's values.
    @Test func concurrentEvaluationsOfDifferentSnapshotsStayApart() async throws {
        let graph = try CompilerHarness.graph(Self.rules)
        let plans = ["ESSENTIAL", "SMART", "ADVANCED"]
        var records: [Record] = []
        for plan in plans {
            records.append(try CompilerHarness.snapshot(CompilerHarness.replacing("ADVANCED", with: plan, in: Self.snapshot), for: graph))
        }
        let frozen = records
        let units = await withTaskGroup(of: (Int, Value?).self) { group in
            for index in 0..<300 {
                group.addTask {
                    let evaluation = try? graph.evaluate(frozen[index % 3], asOf: CompilerHarness.asOf).get()
                    return (index % 3, evaluation?.value(of: "unit"))
                }
            }
            var collected: [(Int, Value?)] = []
            for await result in group { collected.append(result) }
            return collected
        }
        let prices = ["29.00", "44.00", "64.00"].map(CompilerHarness.euros)
        #expect(units.count == 300)
        #expect(units.allSatisfy { $0.1 == prices[$0.0] })
    }

    // MARK: Step limit

    @Test func stepLimitStopsALargeEvaluation() throws {
        let document = try YAMLReader.read(Self.rules, file: "x.yaml").get()
        let compiler = RuleCompiler(registry: .standard, limits: CompileLimits(evaluationSteps: 5))
        let graph = try compiler.compile([document]).get()
        let record = try CompilerHarness.snapshot(Self.snapshot, for: graph)
        let error = try #require(graph.evaluate(record, asOf: CompilerHarness.asOf).failureError)
        // One step per rule, one per list item visited: unit (1), seats (1 + 3) reaches 5;
        // the next rule is one too many.
        #expect(Reported(error) == Reported("eval.step-limit", "evaluation took more than 5 steps (limit evaluation-steps)", 15, 9))
        #expect(error.hint == "raise it with --max-steps if the snapshot really is this large")
    }

    @Test func stepLimitPointsAtTheMacroThatExceedsIt() throws {
        let document = try YAMLReader.read(Self.rules, file: "x.yaml").get()
        let compiler = RuleCompiler(registry: .standard, limits: CompileLimits(evaluationSteps: 4))
        let graph = try compiler.compile([document]).get()
        let record = try CompilerHarness.snapshot(Self.snapshot, for: graph)
        let error = try #require(graph.evaluate(record, asOf: CompilerHarness.asOf).failureError)
        #expect(Reported(error) == Reported("eval.step-limit", "evaluation took more than 4 steps (limit evaluation-steps)", 14, 12))
    }

    @Test func enoughStepsSucceed() throws {
        let document = try YAMLReader.read(Self.rules, file: "x.yaml").get()
        let graph = try RuleCompiler(registry: .standard, limits: CompileLimits(evaluationSteps: 8)).compile([document]).get()
        let record = try CompilerHarness.snapshot(Self.snapshot, for: graph)
        #expect(throws: Never.self) { try graph.evaluate(record, asOf: CompilerHarness.asOf).get() }
    }
}
