import Testing
import TariffCore
import TariffYAML

/// Type errors are found when rules compile, with the position of the expression at fault
/// and a hint where one helps.
@Suite struct TypeCheckingTests {
    /// A rule file whose one rule, `r`, has `expression` as its value: line 11, from
    /// column 12.
    static func rules(value expression: String, type: String? = nil) -> String {
        CompilerHarness.settings + """

            input:
              account: { plan: string, credits: money, discount: money?, since: date, seats: int, licenses: [ { id: string, added: date, assigned_to: string? } ] }
            tables:
              license_price: { type: money, rows: { ESSENTIAL: 29.00, SMART: 44.00, ADVANCED: 64.00 } }
            rules:
              - id: r
                kind: value
                value: \(expression)
            """ + (type.map { "\n    type: \($0)" } ?? "") + "\n"
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var expression: String
        var expected: Reported
        var hint: String?

        init(_ expression: String, _ id: String, _ message: String, column: Int, hint: String? = nil) {
            self.expression = expression
            self.expected = Reported(id, message, 11, column)
            self.hint = hint
        }

        var testDescription: String { expression }
    }

    static let cases: [Case] = [
        // Absent values need a default.
        Case("account.credits - account.discount", "type.mismatch", "operator '-' cannot combine Money and Money?",
             column: 12, hint: "one side may be absent; give it a default with '??'"),
        Case("account.licenses.map(l, l.assigned_to.id)", "type.optional",
             "'l.assigned_to' may be absent (its type is String?), so '.id' cannot be read from it",
             column: 36, hint: "check it first or give a default: (l.assigned_to ?? …).id"),
        Case("account.plan ?? \"SMART\"", "type.never-absent",
             "'account.plan' is never absent (it is String), so '??' has no effect",
             column: 12, hint: "remove '?? \"SMART\"'"),
        Case("account.discount ?? account.since", "type.mismatch",
             "the default after '??' must be Money, but 'account.since' is Date", column: 32),
        // Operators.
        Case("account.credits + account.since", "type.mismatch", "operator '+' cannot combine Money and Date",
             column: 12, hint: "a Date is not an amount; did you mean to count days with days_between?"),
        Case("account.seats + account.plan", "type.mismatch", "operator '+' cannot combine Int and String",
             column: 12, hint: "text and numbers do not mix; convert with string(x)"),
        Case("account.credits + 5", "type.mismatch", "operator '+' cannot combine Money and Int",
             column: 12, hint: "add Money to Money; multiply Money by a number"),
        Case("account.plan > 3", "type.mismatch", "operator '>' cannot combine String and Int",
             column: 12, hint: "text and numbers do not mix; convert with string(x)"),
        Case("not account.seats", "type.mismatch", "operator 'not' cannot be applied to Int",
             column: 12, hint: "'not' takes a Bool"),
        Case("account.seats > 1 and account.plan", "type.mismatch", "operator 'and' cannot combine Bool and String",
             column: 12),
        // Macros.
        Case("account.licenses.filter(l, l.id)", "type.mismatch", "the condition of 'filter' must be Bool, but 'l.id' is String",
             column: 39),
        Case("account.licenses.sum(l, l.id)", "type.mismatch", "only numbers and Money can be summed, but 'l.id' gives String",
             column: 36),
        Case("account.plan.count()", "type.mismatch", "'count' works on a list, but 'account.plan' is String", column: 12),
        Case("account.licenses.map(l.id)", "expr.macro-form", "'map' is written list.map(x, expression), with a variable name first",
             column: 12),
        // Names, fields and tables.
        Case("account.plna", "expr.unknown-field", "'account' has no field 'plna'", column: 12, hint: "did you mean 'plan'?"),
        Case("acount.plan", "expr.unknown-name", "unknown name 'acount'", column: 12, hint: "did you mean 'account'?"),
        // Other languages' names for the list macros are named outright.
        Case("account.licenses.size()", "expr.unknown-function", "unknown function 'size'", column: 12,
             hint: "did you mean 'count'? A list's length is list.count()"),
        Case("account.licenses.exists(l, l.id == 'L1')", "expr.unknown-function", "unknown function 'exists'", column: 12,
             hint: "did you mean 'any'? Written list.any(x, condition)"),
        Case("account.licenses.where(l, l.id == 'L1')", "expr.unknown-function", "unknown function 'where'", column: 12,
             hint: "did you mean 'filter'? Written list.filter(x, condition)"),
        Case("account.licenses.select(l, l.id)", "expr.unknown-function", "unknown function 'select'", column: 12,
             hint: "did you mean 'map'? Written list.map(x, expression)"),
        Case("rules.nope", "graph.unknown-reference", "unknown rule 'nope'", column: 12),
        Case("license_price[account.seats]", "type.mismatch",
             "table 'license_price' is keyed by String, but 'account.seats' is Int", column: 26),
        Case("license_price", "type.table-value",
             "table 'license_price' is not a value; look up a row with license_price[key]",
             column: 12, hint: "for example license_price[\"ESSENTIAL\"]"),
        Case("license_price.ADVANCD", "table.unknown-row", "table 'license_price' has no row 'ADVANCD'",
             column: 12, hint: "did you mean 'ADVANCED'?"),
        Case("license_price[\"ESSENTIAL\"] ?? account.since", "type.mismatch",
             "the default after '??' must be Money, but it is Date", column: 26),
        Case("license_price[account.plan] ?? account.since", "type.mismatch",
             "the default after '??' must be Money, but it is Date", column: 12),
        Case("account.since.quarter", "expr.unknown-field", "a Date has no field 'quarter'",
             column: 12, hint: "its fields are year, month and day"),
        // Functions.
        Case("days_between(account.since, 3)", "type.mismatch", "function 'days_between' cannot take (Date, Int)",
             column: 12, hint: "it takes (Date, Date) -> Int"),
        Case("add_months(account.since)", "expr.arity", "function 'add_months' takes 2 arguments, but 1 was given",
             column: 12, hint: "add_months(date, n): n months later, clamped to the month's end (Jan 31 + 1 = Feb 28)"),
        Case("round(account.credits, account.seats)", "expr.round-scale",
             "the scale of 'round' must be a whole number from 0 to 18", column: 35),
        Case("min(account.credits, account.since)", "type.mismatch",
             "'min' needs arguments of one ordered type, found Money and Date", column: 12),
        Case("max(account.credits)", "expr.arity", "function 'max' takes at least 2 arguments, but 1 was given",
             column: 12, hint: "for the largest of a list, write max(a, b, …) with its items"),
    ]

    @Test(arguments: cases)
    func diagnosesAtTheFaultyExpression(_ testCase: Case) {
        let diagnostics = CompilerHarness.diagnostics(Self.rules(value: testCase.expression))
        #expect(diagnostics.map(Reported.init) == [testCase.expected])
        #expect(diagnostics.first?.hint == testCase.hint)
    }

    /// A declared type is checked against the expression's; an optional one needs `??`.
    @Test(arguments: [
        ("account.discount", "money", "'value' must be Money, but 'account.discount' is Money?",
         "give a default for the absent case with '??'"),
        ("account.seats", "money", "'value' must be Money, but 'account.seats' is Int", "declare the table or field as money"),
        ("account.plan", "date", "'value' must be Date, but 'account.plan' is String", nil),
    ] as [(String, String, String, String?)])
    func declaredTypeIsChecked(expression: String, type: String, message: String, hint: String?) {
        let diagnostics = CompilerHarness.diagnostics(Self.rules(value: expression, type: type))
        #expect(diagnostics.map(Reported.init) == [Reported("type.mismatch", message, 11, 12)])
        #expect(diagnostics.first?.hint == hint)
    }

    /// With a default, the optional becomes a value, and an Int widens to a declared Decimal.
    @Test(arguments: [
        ("account.discount ?? account.credits", "money", ValueType.money),
        ("account.seats", "decimal", .decimal),
        ("account.licenses.map(l, l.assigned_to)", "[string?]", .list(.optional(.string))),
        ("account.licenses.map(l, l.assigned_to ?? \"nobody\")", "[string]", .list(.string)),
        ("[1, 2.5]", "[decimal]", .list(.decimal)),
    ])
    func compatibleTypesCompile(expression: String, type: String, expected: ValueType) throws {
        let text = Self.rules(value: expression.hasPrefix("[") ? "\"\(expression)\"" : expression, type: "\"\(type)\"")
        let graph = try CompilerHarness.graph(text)
        #expect(graph.rule("r")?.resultType == expected)
    }

    /// The inferred type of an expression with no declared type.
    @Test(arguments: [
        ("account.seats / 2", ValueType.decimal),
        ("account.seats * 2", .int),
        ("account.credits / 2", .money),
        ("account.credits / account.credits", .decimal),
        ("as_of - account.since", .int),
        ("as_of + 1", .date),
        ("account.licenses.filter(l, l.assigned_to == null)", .list(.record(RecordType(name: "x", fields: [])))),
        ("account.licenses.count()", .int),
        ("account.licenses.map(l, l.added)", .list(.date)),
        ("[1, 2, 3]", .list(.int)),
        ("[null, 1]", .list(.optional(.int))),
        ("[]", .list(.null)),
        ("account.discount ?? null", .optional(.money)),
        ("period(account.since, as_of)", .period),
        ("string(account.credits)", .string),
    ])
    func inferredTypes(expression: String, expected: ValueType) throws {
        let quoted = expression.hasPrefix("[") ? "\"\(expression)\"" : expression
        let graph = try CompilerHarness.graph(Self.rules(value: quoted))
        let type = try #require(graph.rule("r")?.resultType)
        if case .list(.record) = expected {
            // Record types compare by identity: check the shape instead.
            guard case let .list(.record(record)) = type else {
                Issue.record("expected a list of records, found \(type)")
                return
            }
            #expect(record.fields.map(\.name) == ["id", "added", "assigned_to"])
        } else {
            #expect(type == expected)
        }
    }
}
