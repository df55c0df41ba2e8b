import Foundation
import Testing
import TariffCore
import TariffYAML

/// What expressions evaluate to against one snapshot: operators, macros, functions,
/// lookups, defaults; and the runtime errors that remain possible after type checking.
@Suite struct EvaluationTests {
    /// One rule `r` with `expression` as its value (line 15, from column 12), beside the
    /// rule `unit` it may read.
    static func rules(value expression: String) -> String {
        CompilerHarness.settings + """

            input:
              account: { plan: string, country: string, credits: money, discount: money?, seats: int, since: date, licenses: [ { id: string, added: date, assigned_to: string? } ] }
            tables:
              license_price: { type: money, rows: { ESSENTIAL: 29.00, SMART: 44.00, ADVANCED: 64.00 } }
              vat: { NO: 25, FR: 20, default: 21 }
            rules:
              - id: unit
                kind: value
                value: license_price[account.plan]
              - id: r
                kind: value
                value: \(expression)

            """
    }

    static let snapshot = """
        account:
          plan: ADVANCED
          country: NO
          credits: 10.00
          seats: 3
          since: 2025-01-31
          licenses:
            - { id: L1, added: 2026-01-10, assigned_to: alice }
            - { id: L2, added: 2026-04-10 }
            - { id: L3, added: 2026-04-12, assigned_to: null }
        """

    static func value(of expression: String, snapshot: String = snapshot) throws -> Value? {
        let evaluation = try CompilerHarness.evaluate(rules(value: expression), snapshot: snapshot)
        return evaluation.value(of: "r")
    }

    static func euros(_ text: String) -> Value { CompilerHarness.euros(text) }
    static func decimal(_ text: String) -> Value { .decimal(CompilerHarness.decimal(text)) }
    static func date(_ text: String) -> Value { .date(CompilerHarness.date(text)) }

    // MARK: Operators and precedence

    @Test(arguments: [
        ("1 + 2 * 3", Value.int(7)),
        ("(1 + 2) * 3", .int(9)),
        ("1 - 2 - 3", .int(-4)),
        ("-2 * 3 + 10 % 4", .int(-4)),
        ("- -2", .int(2)),
        ("10 / 4", .decimal(CompilerHarness.decimal("2.5"))),
        ("0.1 + 0.2 == 0.3", .bool(true)),
        ("1 + 2 * 3 == 7 and 2 > 1 or false", .bool(true)),
        ("not 1 == 2", .bool(true)),
        ("not true and false", .bool(false)),
        ("true or false and false", .bool(true)),
        ("!(1 < 2) || 2 <= 2 && 3 >= 4", .bool(false)),
        ("'b' > 'a'", .bool(true)),
        ("'a' + 'b' == 'ab'", .bool(true)),
        ("account.seats in [1, 2, 3]", .bool(true)),
        ("account.plan in ['SMART', 'ESSENTIAL']", .bool(false)),
        ("account.country in vat", .bool(true)),
        ("'SE' in vat", .bool(false)),
        ("account.seats > 2 ? 'many' : 'few'", .string("many")),
        ("account.seats > 5 ? 1 : 2.5", .decimal(CompilerHarness.decimal("2.5"))),
        ("account.credits * 3", Self.euros("30.00")),
        ("2 * account.credits - unit", Self.euros("-44.00")),
        ("account.credits / 4", Self.euros("2.50")),
        ("unit / account.credits", .decimal(CompilerHarness.decimal("6.4"))),
        ("account.credits > 9", .bool(true)),
        ("as_of - account.since", .int(439)),
        ("as_of + 16", Self.date("2026-05-01")),
        ("as_of.month * 100 + as_of.day", .int(415)),
        ("unit.amount", .decimal(CompilerHarness.decimal("64"))),
        ("unit.currency", .string("EUR")),
    ])
    func operators(expression: String, expected: Value) throws {
        // Expressions YAML would read otherwise (a leading quote, bang or dash, `: `) are quoted.
        let needsQuotes = expression.first.map { "'!-".contains($0) } == true || expression.contains(": ")
        let written = needsQuotes ? "\"\(expression)\"" : expression
        #expect(try Self.value(of: written) == expected)
    }

    // MARK: Macros, lookups and functions

    @Test(arguments: [
        ("account.licenses.count()", Value.int(3)),
        ("count(account.licenses)", .int(3)),
        ("account.licenses.count(l, l.assigned_to != null)", .int(1)),
        ("account.licenses.filter(l, l.added >= start_of_month(as_of)).map(l, l.id)", .list([.string("L2"), .string("L3")])),
        ("filter(account.licenses, l, l.assigned_to == null).count()", .int(2)),
        ("account.licenses.map(l, l.assigned_to ?? 'nobody')", .list([.string("alice"), .string("nobody"), .string("nobody")])),
        ("account.licenses.any(l, l.id == 'L3')", .bool(true)),
        ("account.licenses.all(l, l.added < as_of)", .bool(true)),
        ("account.licenses.all(l, l.assigned_to != null)", .bool(false)),
        ("account.licenses.filter(l, false).all(l, false)", .bool(true)),
        ("account.licenses.filter(l, false).any(l, true)", .bool(false)),
        ("account.licenses.sum(l, unit)", Self.euros("192.00")),
        ("account.licenses.filter(l, false).sum(l, unit)", Self.euros("0")),
        ("[1, 2.5].sum()", Self.decimal("3.5")),
        ("sum([1, 2, 3])", .int(6)),
        ("account.licenses.map(l, account.licenses.filter(m, m.added < l.added).count())", .list([.int(0), .int(1), .int(2)])),
        ("account.licenses[1].id", .string("L2")),
        ("license_price[account.plan]", Self.euros("64.00")),
        ("license_price.SMART", Self.euros("44.00")),
        ("license_price['ESSENTIAL']", Self.euros("29.00")),
        ("license_price['NONE'] ?? license_price.SMART", Self.euros("44.00")),
        ("vat[account.country] ?? vat.default", .int(25)),
        ("vat[account.plan] ?? vat.default", .int(21)),
        ("vat[account.plan] ?? 0.5", Self.decimal("0.5")),
        ("vat['NO'] ?? 0.5", Self.decimal("25")),
        ("days_between(account.since, as_of)", .int(439)),
        ("days_between(as_of, account.since)", .int(-439)),
        ("days_in_month(date('2028-02-10'))", .int(29)),
        ("start_of_month(as_of)", Self.date("2026-04-01")),
        ("end_of_month(as_of)", Self.date("2026-04-30")),
        ("add_months(account.since, 1)", Self.date("2025-02-28")),
        ("add_months(account.since, 13)", Self.date("2026-02-28")),
        ("add_days(as_of, -15)", Self.date("2026-03-31")),
        ("as_of.add_days(16)", Self.date("2026-05-01")),
        ("period(start_of_month(as_of), add_months(start_of_month(as_of), 1)).days", .int(30)),
        ("period(date('2026-02-01'), date('2026-03-01')).end", Self.date("2026-03-01")),
        ("round(unit * 29 / 30)", Self.euros("61.87")),
        ("round(unit * 22 / 30)", Self.euros("46.93")),
        ("round(2.345, 2, 'half-even')", Self.decimal("2.34")),
        ("round(2.345, 2)", Self.decimal("2.35")),
        ("round(2.5, 0, 'floor')", Self.decimal("2")),
        ("min(1, 2.5, -3)", Self.decimal("-3")),
        ("max(account.credits, unit)", Self.euros("64.00")),
        ("min(as_of, account.since)", Self.date("2025-01-31")),
        ("abs(-2.50)", Self.decimal("2.50")),
        ("abs(account.credits - unit)", Self.euros("54.00")),
        ("abs(-3)", .int(3)),
        ("string(unit) + ' / ' + string(account.seats)", .string("64.00 / 3")),
        ("len(account.plan)", .int(8)),
        ("account.discount ?? account.credits", Self.euros("10.00")),
        ("account.discount == null", .bool(true)),
    ])
    func macrosLookupsAndFunctions(expression: String, expected: Value) throws {
        let needsQuotes = expression.first.map { "'[".contains($0) } == true
        let written = needsQuotes ? "\"\(expression)\"" : expression
        #expect(try Self.value(of: written) == expected)
    }

    // MARK: Absent values

    /// An absent optional field and an explicit null both take the default; a present one
    /// does not.
    @Test(arguments: [
        ("account: { plan: SMART, country: FR, credits: 1.00, seats: 1, since: 2026-01-01, licenses: [] }", "1.00"),
        ("account: { plan: SMART, country: FR, credits: 1.00, discount: null, seats: 1, since: 2026-01-01, licenses: [] }", "1.00"),
        ("account: { plan: SMART, country: FR, credits: 1.00, discount: ~, seats: 1, since: 2026-01-01, licenses: [] }", "1.00"),
        ("account: { plan: SMART, country: FR, credits: 1.00, discount: 0.50, seats: 1, since: 2026-01-01, licenses: [] }", "0.50"),
    ])
    func absentOptionalTakesTheDefault(snapshot: String, expected: String) throws {
        #expect(try Self.value(of: "account.discount ?? account.credits", snapshot: snapshot) == Self.euros(expected))
    }

    /// Missing is not null is not zero: a required field absent from the snapshot is an
    /// error that names it, reported when the snapshot is read.
    @Test func absentRequiredFieldIsNamed() throws {
        let graph = try CompilerHarness.graph(Self.rules(value: "account.seats"))
        let text = "account:\n  plan: SMART\n  country: FR\n  credits: 1.00\n  since: 2026-01-01\n  licenses: []\n"
        let document = try YAMLReader.read(text, file: "s.yaml").get()
        let error = try #require(SnapshotDecoder(graph: graph).decode(document).failureError)
        #expect(error.diagnostics.map(Reported.init) == [Reported("snapshot.missing-field", "missing field 'account.seats' (Int)", 2, 3)])
    }

    // MARK: Runtime errors

    /// A key computed at evaluation may be missing from the table: the error names the key
    /// and the table, points at the key expression, and suggests the nearest row.
    @Test func missingTableKeyNamesTheKeyWithASuggestion() throws {
        let snapshot = CompilerHarness.replacing("plan: ADVANCED", with: "plan: ADVANCD", in: Self.snapshot)
        let error = try #require(try CompilerHarness.evaluationError(Self.rules(value: "1"), snapshot: snapshot))
        #expect(Reported(error) == Reported("table.unknown-row", "table 'license_price' has no row 'ADVANCD'", 12, 26))
        #expect(error.hint == "did you mean 'ADVANCED'?")
        #expect(error.length == "account.plan".count)
        #expect(error.diagnostic.description == "x.yaml:12:26: error: table 'license_price' has no row 'ADVANCD'")
    }

    @Test func missingTableKeyWithoutACloseRowSaysHowToFixIt() throws {
        let snapshot = CompilerHarness.replacing("plan: ADVANCED", with: "plan: GOLD", in: Self.snapshot)
        let error = try #require(try CompilerHarness.evaluationError(Self.rules(value: "1"), snapshot: snapshot))
        #expect(error.message == "table 'license_price' has no row 'GOLD'")
        #expect(error.hint == "add a row, or give a default with '??'")
    }

    @Test(arguments: [
        ("account.seats / (account.seats - 3)", Reported("eval.arithmetic", "Division by zero: 3 / 0.", 15, 12)),
        ("account.licenses[3].id", Reported("eval.index", "index 3 is outside the list of 3 items", 15, 12)),
        ("date(account.plan)", Reported("eval.date", "'ADVANCED' is not a date in the form YYYY-MM-DD", 15, 12)),
        ("period(as_of, account.since)", Reported("eval.period", "a period cannot end (2025-01-31) before it starts (2026-04-15)", 15, 12)),
        // Int and Money arithmetic lowered for their types report as the general form does.
        ("account.seats * 4611686018427387904", Reported("eval.arithmetic", "Overflow: 3 * 4611686018427387904 does not fit in a 64-bit significand.", 15, 12)),
        ("account.seats + 9223372036854775806", Reported("eval.arithmetic", "Overflow: 3 + 9223372036854775806 does not fit in a 64-bit significand.", 15, 12)),
        ("account.seats - 3 - 9223372036854775807 - 2", Reported("eval.arithmetic", "Overflow: -9223372036854775807 - 2 does not fit in a 64-bit significand.", 15, 12)),
        ("account.credits / (account.seats - 3)", Reported("eval.arithmetic", "Division by zero: 10.00 EUR / 0.", 15, 12)),
        // Inside other lowered operators: at the operator that failed.
        ("round(unit / (account.seats - 3)) + unit", Reported("eval.arithmetic", "Division by zero: 64.00 EUR / 0.", 15, 18)),
        ("2 * ((account.seats + 1) * 4611686018427387904)", Reported("eval.arithmetic", "Overflow: 4 * 4611686018427387904 does not fit in a 64-bit significand.", 15, 17)),
    ])
    func runtimeErrorsCarryTheExpressionPosition(expression: String, expected: Reported) throws {
        let error = try #require(try CompilerHarness.evaluationError(Self.rules(value: expression), snapshot: Self.snapshot))
        #expect(Reported(error) == expected)
    }
}
