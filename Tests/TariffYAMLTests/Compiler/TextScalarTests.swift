import Testing
import TariffCore
import TariffYAML

/// Scalars stay text until the schema gives them a type: `country: NO` is Norway, not false.
@Suite struct TextScalarTests {
    static func graph() throws -> RuleGraph {
        try CompilerHarness.graph(try CompilerHarness.fixture("good/country-no.yaml"), file: "country-no.yaml")
    }

    @Test func tableKeysAreTheTextWritten() throws {
        let table = try #require(try Self.graph().tables["vat_rate"])
        #expect(table.keys == ["NO", "FR", "default"])
        #expect(table["NO"] == .int(25))
        #expect(table.valueType == .int)
    }

    @Test func snapshotValueNOIsTheStringNO() throws {
        let graph = try Self.graph()
        let record = try CompilerHarness.snapshot("account: { country: NO }\n", for: graph)
        #expect(record["account"].flatMap(Self.country) == "NO")
        let evaluation = try graph.evaluate(record, asOf: CompilerHarness.asOf).get()
        #expect(evaluation.value(of: "rate") == .int(25))
        #expect(evaluation.value(of: "norwegian") == .bool(true))
        #expect(evaluation.value(of: "listed") == .bool(true))
    }

    /// Every YAML 1.1 boolean spelling stays the text it is where a string is expected.
    @Test(arguments: ["no", "No", "off", "OFF", "y", "Yes", "false", "'null'"])
    func booleanLookingWordsStayText(_ written: String) throws {
        let graph = try Self.graph()
        let record = try CompilerHarness.snapshot("account:\n  country: \(written)\n", for: graph)
        let text = written == "'null'" ? "null" : written
        #expect(record["account"].flatMap(Self.country) == text)
        let evaluation = try graph.evaluate(record, asOf: CompilerHarness.asOf).get()
        #expect(evaluation.value(of: "rate") == .int(21))
        #expect(evaluation.value(of: "norwegian") == .bool(false))
    }

    /// Where a Bool is expected, `NO` is an error, never a silent false.
    @Test func boolFieldRejectsNO() throws {
        let graph = try CompilerHarness.graph(CompilerHarness.settings + """

            input:
              account: { active: bool }
            rules:
              - id: on
                kind: value
                value: account.active
            """)
        let document = try YAMLReader.read("account:\n  active: NO\n", file: "s.yaml").get()
        let error = try #require(SnapshotDecoder(graph: graph).decode(document).failureError)
        #expect(error.diagnostics.map(Reported.init) == [
            Reported("snapshot.type", "'account.active': expected true or false, found 'NO'", 2, 11),
        ])
    }

    static func country(_ value: Value) -> String? {
        guard case let .record(account) = value, case let .string(text)? = account["country"] else { return nil }
        return text
    }
}

extension Result {
    var failureError: Failure? {
        if case let .failure(error) = self { return error }
        return nil
    }
}
