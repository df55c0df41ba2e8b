import TariffBilling
import TariffCore
import TariffYAML
import Testing

/// Running rule tests against rules/: passing, failing amount by amount, and coverage.
@Suite("RuleTestSuite")
struct RuleTestSuiteTests {
    static func run(_ yaml: String, coverage: Bool = false) throws -> RuleTestReport {
        let engine = try BillingFixtures.engine()
        let document = try DocumentReader.read(bytes: Array(yaml.utf8), file: "rules/tests/t.yaml").get()
        let contents = RuleTestFile.parse(document) { path in DocumentReader.read(contentsOf: BillingFixtures.root + "/" + path) }
        return RuleTestSuite(engine: engine).run(contents.cases, broken: contents.broken, coverage: coverage)
    }

    @Test("ACME's invoice passes; the same case with ADVANCED at 66.00 fails with each difference")
    func invoiceDiff() throws {
        let passing = try Self.run("""
        tests:
          - name: acme
            account_file: ../../examples/acme.yaml
            expect: { total: 1122.47, subtotal: 1122.47, credits: 0, lines: [ { label: ADVANCED licenses, amount: 640 } ] }
        """)
        let failed = try #require(passing.results.first)
        // `lines` is the whole list: the five other lines are unexpected.
        guard case let .failed(mismatches) = failed.status else {
            Issue.record("expected a failure, got \(failed.status)")
            return
        }
        #expect(mismatches.count == 5)
        #expect(mismatches.allSatisfy { $0.field == "line" && $0.expected == "no such line" })
        #expect(mismatches.first?.actual == "1 × 5.00 = 5.00" || mismatches.first?.subject == "line 'Phone numbers (FR)'")

        let report = try Self.run("""
        tests:
          - name: acme at 66
            account_file: ../../examples/acme.yaml
            expect:
              lines:
                - { label: ADVANCED licenses, unit_price: 66.00, amount: 660.00 }
                - { label: Phone numbers (FR), amount: 15.00 }
                - { label: "ADVANCED license added 2026-03-05, prepayable period", fraction: 116/62, amount: 119.74 }
                - { label: "ADVANCED license added 2026-04-01, prepayable period", amount: 192.00 }
                - { label: "ADVANCED license added 2026-04-09, prepayable period", amount: 93.86 }
                - { label: "ADVANCED license added 2026-04-02, prepayable period", amount: 61.87 }
              total: 1142.47
        """)
        #expect(report.summary == "0 passed, 1 failed")
        guard case let .failed(differences)? = report.results.first?.status else {
            Issue.record("expected a failure")
            return
        }
        #expect(differences == [
            Mismatch(subject: "line 'ADVANCED licenses'", field: "unit price", expected: "66.00", actual: "64.00", difference: "-2.00",
                     position: SourcePosition(file: "rules/tests/t.yaml", line: 6, column: 51)),
            Mismatch(subject: "line 'ADVANCED licenses'", field: "amount", expected: "660.00", actual: "640.00", difference: "-20.00",
                     position: SourcePosition(file: "rules/tests/t.yaml", line: 6, column: 66)),
            Mismatch(subject: nil, field: "total", expected: "1142.47", actual: "1122.47", difference: "-20.00",
                     position: SourcePosition(file: "rules/tests/t.yaml", line: 12, column: 14)),
        ])
    }

    @Test("a decision's code and outcome are compared; a request field the policy lacks fails the case")
    func decisions() throws {
        let report = try Self.run("""
        tests:
          - name: removable
            account_file: ../../examples/acme.yaml
            action: remove-license
            request: { license: L03 }
            expect: { allowed: true, code: LICENSE_REMOVABLE, outcome: { deduction: 64, licenses_after: 8 } }
          - name: typo
            account_file: ../../examples/acme.yaml
            action: remove-license
            request: { licence: L03 }
            expect: { allowed: true }
        """)
        #expect(report.summary == "0 passed, 2 failed")
        guard case let .failed(differences)? = report.results.first?.status,
              case let .error(diagnostics)? = report.results.last?.status else {
            Issue.record("expected a failure and an error: \(report.results.map(\.status))")
            return
        }
        #expect(differences.map(\.field) == ["licenses_after"])
        #expect(differences.first?.difference == "+1")
        #expect(diagnostics.map(\.message) == ["action 'remove-license' takes no 'licence'"])
        #expect(diagnostics.first?.hint == "did you mean 'license'?")
    }

    @Test("coverage: one invoice case leaves policies, rows and the charge rules it did not use")
    func coverage() throws {
        let engine = try BillingFixtures.engine()
        let report = try Self.run("""
        tests:
          - name: acme
            account_file: ../../examples/acme.yaml
            expect: { total: 1122.47 }
        """, coverage: true)
        let coverage = try #require(report.coverage)
        let missing = coverage.unexercised(in: engine.graph)
        let names = Set(missing.map(\.name))
        #expect(names.isSuperset(of: ["calls", "credits", "foreign_numbers", "remove_license", "add_licenses",
                                      "license_price[\"SMART\"]", "number_fee[\"default\"]",
                                      "remove_license: allowed LICENSE_REMOVABLE"]))
        #expect(!names.contains("licenses") && !names.contains("license_price[\"ADVANCED\"]") && !names.contains("cycle"))
        let totals = coverage.totals(in: engine.graph)
        #expect(totals.map(\.total) == [engine.graph.rules.count, 8, 11])
        #expect(totals.first?.exercised == engine.graph.rules.count - missing.count { $0.kind == .rule })
        #expect(totals.last?.exercised == 0)
    }
}
