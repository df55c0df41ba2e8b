import Testing
import TariffCore
import TariffYAML

/// The rule graph: which rules read which, the order they run in, and cycles.
@Suite struct DependencyTests {
    static func rules(_ body: String) -> String { CompilerHarness.settings + "\nrules:\n" + body + "\n" }

    static func evaluate(_ body: String, targets: Set<String>? = nil) throws -> Evaluation {
        let graph = try CompilerHarness.graph(rules(body))
        return try graph.evaluate(Record(type: graph.inputType, fields: []), asOf: CompilerHarness.asOf,
                                  options: .init(targets: targets)).get()
    }

    @Test func rulesRunAfterWhatTheyReadWhateverTheOrderWritten() throws {
        let graph = try CompilerHarness.graph(Self.rules("""
              - id: total
                kind: value
                value: rules.net + tax
              - id: tax
                kind: value
                value: net * 0.25
              - id: net
                kind: value
                value: 100
            """))
        #expect(graph.rules.map(\.id) == ["net", "tax", "total"])
        #expect(graph.rule("total")?.dependencies.map { graph.rules[$0].id }.sorted() == ["net", "tax"])
        let evaluation = try graph.evaluate(Record(type: graph.inputType, fields: []), asOf: CompilerHarness.asOf).get()
        #expect(evaluation.value(of: "total") == .decimal(CompilerHarness.decimal("125")))
    }

    @Test func afterOrdersWithoutReading() throws {
        let graph = try CompilerHarness.graph(Self.rules("""
              - id: second
                kind: value
                value: 2
                after: [first]
              - id: first
                kind: value
                value: 1
            """))
        #expect(graph.rules.map(\.id) == ["first", "second"])
    }

    @Test func afterNamingAnUnknownRuleIsReported() {
        let diagnostics = CompilerHarness.diagnostics(Self.rules("""
              - id: second
                kind: value
                value: 2
                after: [frist]
              - id: first
                kind: value
                value: 1
            """))
        #expect(diagnostics.map(Reported.init) == [
            Reported("graph.unknown-reference", "'after' names unknown rule 'frist'", 8, 13),
        ])
        #expect(diagnostics.first?.hint == "did you mean 'first'?")
    }

    @Test func aRuleReadingItselfIsReported() {
        let diagnostics = CompilerHarness.diagnostics(Self.rules("""
              - id: total
                kind: value
                value: total + 1
            """))
        #expect(diagnostics.map(Reported.init) == [Reported("graph.cycle", "rule 'total' refers to itself", 5, 9)])
    }

    @Test func cycleThroughTheRulesNamespaceIsReported() {
        let diagnostics = CompilerHarness.diagnostics(Self.rules("""
              - id: a
                kind: value
                value: rules.b
              - id: b
                kind: value
                value: a
            """))
        #expect(diagnostics.map(Reported.init) == [Reported("graph.cycle", "dependency cycle: a -> b -> a", 5, 9)])
    }

    /// Each cycle once, starting at its rule declared first; rules that only read a
    /// cycle are not reported again.
    @Test func everyCycleIsReportedOnce() {
        let diagnostics = CompilerHarness.diagnostics(Self.rules("""
              - id: reader
                kind: value
                value: y + 1
              - id: x
                kind: value
                value: y
              - id: y
                kind: value
                value: x
              - id: p
                kind: value
                value: q
              - id: q
                kind: value
                value: r
              - id: r
                kind: value
                value: p
            """))
        #expect(diagnostics.map(Reported.init) == [
            Reported("graph.cycle", "dependency cycle: x -> y -> x", 8, 9),
            Reported("graph.cycle", "dependency cycle: p -> q -> r -> p", 14, 9),
        ])
    }

    @Test func aRuleCannotShareANameWithATableOrAnInputField() {
        let text = CompilerHarness.settings + """

            input:
              account: { plan: string }
            tables:
              price: { A: 1 }
            rules:
              - id: price
                kind: value
                value: 1
              - id: account
                kind: value
                value: 2
            """
        let diagnostics = CompilerHarness.diagnostics(text)
        #expect(diagnostics.map(Reported.init) == [
            Reported("graph.name-clash", "rule id 'price' is also the name of a table or snapshot field", 9, 9),
            Reported("graph.name-clash", "rule id 'account' is also the name of a table or snapshot field", 12, 9),
        ])
    }

    @Test func duplicateIDsAcrossFilesPointIntoBothFiles() throws {
        let first = try YAMLReader.read(Self.rules("  - id: total\n    kind: value\n    value: 1"), file: "a.yaml").get()
        let second = try YAMLReader.read("rules:\n  - id: total\n    kind: value\n    value: 2\n", file: "b.yaml").get()
        let diagnostics = try #require(RuleCompiler(registry: .standard).compile([first, second]).failureDiagnostics)
        #expect(diagnostics.map(Reported.init) == [Reported("graph.duplicate-id", "rule id 'total' is already used", 2, 9)])
        #expect(diagnostics.first?.position?.file == "b.yaml")
        #expect(diagnostics.first?.notes.first?.position == SourcePosition(file: "a.yaml", line: 5, column: 9))
    }

    // MARK: Macro variables and method calls

    /// `filter(list, y, …)` binds `y`: a rule named `y` is not read, so there is no cycle.
    @Test func macroVariableInCallFormIsNotADependency() throws {
        let evaluation = try Self.evaluate("""
              - id: xs
                kind: value
                value: "[1, 2, 3]"
              - id: big
                kind: value
                value: filter(xs, y, y > 1)
              - id: y
                kind: value
                value: big.count()
            """)
        #expect(evaluation.value(of: "y") == .int(2))
    }

    @Test func macroVariableShadowsARuleOfTheSameName() throws {
        let evaluation = try Self.evaluate("""
              - id: l
                kind: value
                value: 100
              - id: doubled
                kind: value
                value: "[1, 2].map(l, l * 2)"
            """)
        #expect(evaluation.value(of: "doubled") == .list([.int(2), .int(4)]))
    }

    /// `x.max(low, high)` reads `low` and `high`: asking only for `x` evaluates them.
    @Test func methodCallArgumentsAreDependencies() throws {
        let evaluation = try Self.evaluate("""
              - id: x
                kind: value
                value: 3.max(low, high)
              - id: low
                kind: value
                value: 5
              - id: high
                kind: value
                value: 4
            """, targets: ["x"])
        #expect(evaluation.value(of: "x") == .int(5))
    }

    // MARK: Suggestions

    /// A misspelt reference is matched against every rule, including those declared (and
    /// so compiled) after the rule that misspells it.
    @Test(arguments: [("licences * 2", "unknown name 'licences'"), ("rules.licences * 2", "unknown rule 'licences'")])
    func suggestionConsidersRulesDeclaredLater(expression: String, message: String) {
        let diagnostics = CompilerHarness.diagnostics(Self.rules("""
              - id: total
                kind: value
                value: \(expression)
              - id: licenses
                kind: value
                value: 3
            """))
        #expect(diagnostics.map(\.message) == [message])
        #expect(diagnostics.first?.hint == "did you mean 'licenses'?")
    }
}
