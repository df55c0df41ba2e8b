import TariffBilling
import TariffCore
import TariffYAML
import Testing

/// Reading rule tests: every case kind, account files and their overrides, and the
/// problems an analyst makes, each with its position.
@Suite("RuleTestFile")
struct RuleTestFileTests {
    static func read(_ yaml: String, file: String = "rules/tests/t.yaml") throws -> RuleTestFile.Contents {
        let document = try DocumentReader.read(bytes: Array(yaml.utf8), file: file).get()
        return RuleTestFile.parse(document) { path in DocumentReader.read(contentsOf: BillingFixtures.root + "/" + path) }
    }

    @Test("paths of account files are relative to the test file", arguments: [
        ("../../examples/acme.yaml", "rules/tests/invoices.yaml", "examples/acme.yaml"),
        ("acme.yaml", "tests.yaml", "acme.yaml"),
        ("./a/../b.yaml", "x/t.yaml", "x/b.yaml"),
        ("/abs/acme.yaml", "rules/tests/t.yaml", "/abs/acme.yaml"),
        ("../../../up.yaml", "rules/tests/t.yaml", "../up.yaml"),
    ])
    func resolve(path: String, base: String, expected: String) {
        #expect(RuleTestFile.resolve(path, relativeTo: base) == expected)
    }

    @Test("an invoice case from an account file with one field replaced, as of the file's date")
    func invoiceCase() throws {
        let contents = try Self.read("""
        tests:
          - name: with a credit
            account_file: ../../examples/acme.yaml
            account: { credits: 50.00 }
            expect:
              lines: [ { label: ADVANCED licenses, quantity: 10, unit_price: "64.00 EUR", amount: "1,122.47" } ]
              total: 1072.47
              period: { start: 2026-05-01, end: 2026-06-01 }
              violations: [ FOREIGN_NUMBER_WITHOUT_VERIFIED_ADDRESS ]
        """)
        #expect(contents.broken.isEmpty, "\(contents.diagnostics)")
        let testCase = try #require(contents.cases.first)
        #expect(testCase.name == "with a credit")
        #expect(testCase.position == SourcePosition(file: "rules/tests/t.yaml", line: 2, column: 5))
        #expect(testCase.asOf == (try CivilDate(year: 2026, month: 4, day: 30)))
        #expect(testCase.snapshot.root["account"]?["credits"]?.scalar == "50.00")
        #expect(testCase.snapshot.root["account"]?["plan"]?.scalar == "ADVANCED")
        guard case let .invoice(expectation) = testCase.subject else {
            Issue.record("not an invoice case")
            return
        }
        #expect(expectation.total?.value == (try ExactDecimal(parsing: "1072.47")))
        #expect(expectation.lines?.first?.unitPrice?.value == ExactDecimal(64))
        #expect(expectation.lines?.first?.amount?.value == (try ExactDecimal(parsing: "1122.47")))
        #expect(expectation.period?.text == "2026-05-01/2026-06-01")
        #expect(expectation.violations?.map(\.code.value) == ["FOREIGN_NUMBER_WITHOUT_VERIFIED_ADDRESS"])
    }

    @Test("decision and quote cases keep their action and request")
    func decisionAndQuote() throws {
        let contents = try Self.read("""
        tests:
          - name: d
            account: { id: X }
            as_of: 2026-01-01
            action: remove-license
            request: { license: L1 }
            expect: { allowed: false, code: LICENSE_ASSIGNED, outcome: { deduction: 64.00 } }
          - name: q
            account: { id: X }
            as_of: 2026-01-01
            quote: add-licenses
            request: { count: 2, on: 2026-01-10 }
            expect: { values: { first_payment: 2026-02-01 }, prorated: { amount: 10.00 } }
        """)
        #expect(contents.broken.isEmpty, "\(contents.diagnostics)")
        guard contents.cases.count == 2, case let .decision(action, request, decision) = contents.cases[0].subject,
              case let .quote(quoted, _, quote) = contents.cases[1].subject else {
            Issue.record("expected a decision and a quote: \(contents.cases.map(\.name))")
            return
        }
        #expect(action.value == "remove-license")
        #expect(request["license"]?.scalar == "L1")
        #expect(decision.allowed?.value == false)
        #expect(decision.outcome.map(\.name) == ["deduction"])
        #expect(quoted.value == "add-licenses")
        #expect(quote.values.first?.value.value == "2026-02-01")
        #expect(quote.prorated?.amount?.value == ExactDecimal(10))
    }

    @Test("mistakes are reported with their position and a hint, and fail only their case", arguments: [
        ("expect: { totl: 1 }", "test.unknown-key", "unknown key 'totl' in an invoice's 'expect'", 5, "did you mean 'total'?"),
        ("expect: { allowed: true }", "test.unknown-key", "'allowed' does not belong in an invoice's 'expect'", 5,
         "for a decision add 'action:', for a quote 'quote:'"),
        ("expect: { total: lots }", "test.bad-value", "'total' must be an amount such as 640.00, found 'lots'", 5, nil),
        ("acount: { id: X }\n    expect: { total: 1 }", "test.unknown-key", "unknown key 'acount' in a test case", 5,
         "did you mean 'account'?"),
        ("expect: { lines: [ { qty: 1 } ] }", "test.unknown-key", "unknown key 'qty' in a line", 5, nil),
    ] as [(String, String, String, Int, String?)])
    func mistakes(fragment: String, id: String, message: String, line: Int, hint: String?) throws {
        let contents = try Self.read("""
        tests:
          - name: good
            account: { id: X }
            as_of: 2026-01-01
            \(fragment)
          - name: other
            account: { id: X }
            as_of: 2026-01-01
            expect: { total: 1 }
        """)
        #expect(contents.cases.map(\.name) == ["other"])
        #expect(contents.broken.map(\.name) == ["good"])
        let diagnostic = try #require(contents.diagnostics.first)
        #expect(diagnostic.id == id)
        #expect(diagnostic.message == message)
        #expect(diagnostic.position?.line == line)
        if let hint { #expect(diagnostic.hint == hint) }
    }

    @Test("a file without 'tests:' is one broken part")
    func notATestFile() throws {
        let contents = try Self.read("rules: []\n")
        #expect(contents.cases.isEmpty)
        #expect(contents.diagnostics.map(\.id).contains("test.not-a-test-file"))
        #expect(!contents.broken.isEmpty)
    }
}
