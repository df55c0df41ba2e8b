import Testing
import TariffCore
import TariffYAML

/// The operators lowered for their operand types (integer, date and money arithmetic) and
/// the operands read where they live (`item.country == country`, table keys, template
/// holes): they give the same values as the general forms, with and without a trace, and a
/// trace records the same reads. (Their errors are in `EvaluationTests`' runtime errors.)
@Suite struct LoweredOperatorTests {
    static func value(of expression: String, snapshot: String = EvaluationTests.snapshot, trace: Bool) throws -> Value? {
        let evaluation = try CompilerHarness.evaluate(EvaluationTests.rules(value: expression), snapshot: snapshot,
                                                      options: EvaluationOptions(trace: trace))
        return evaluation.value(of: "r")
    }

    @Test(arguments: [
        // Integer, date and money arithmetic.
        ("account.seats + 4", Value.int(7)),
        ("account.seats - 4", .int(-1)),
        ("account.seats * account.seats", .int(9)),
        ("as_of - account.since", .int(439)),
        ("account.since - as_of", .int(-439)),
        ("account.credits * account.seats", EvaluationTests.euros("30.00")),
        ("account.credits / account.seats", .money(Money(CompilerHarness.decimal("3.3333333333"), .eur))),
        ("account.credits + unit", EvaluationTests.euros("74.00")),
        ("account.credits - unit", EvaluationTests.euros("-54.00")),
        ("round(unit * (as_of - account.since) / 365)", EvaluationTests.euros("76.98")),
        // Operands that are themselves lowered operators, read as their Int or Money
        // (each combination of a computed operand and one read where it lives).
        ("(account.seats + 1) * (account.seats - 1)", .int(8)),
        ("account.seats * (account.seats + 1)", .int(12)),
        ("(account.seats + 1) * account.seats", .int(12)),
        ("(as_of - account.since) - (account.since - as_of)", .int(878)),
        ("account.credits * (account.seats - 1)", EvaluationTests.euros("20.00")),
        ("(account.credits + unit) * 2", EvaluationTests.euros("148.00")),
        ("(account.credits + unit) / (account.seats * 2)", .money(Money(CompilerHarness.decimal("12.3333333333"), .eur))),
        ("round(account.credits / 3) + round(unit / 7)", EvaluationTests.euros("12.47")),
        ("round(account.credits / 3) - unit", EvaluationTests.euros("-60.67")),
        ("unit - round(account.credits / 3)", EvaluationTests.euros("60.67")),
        ("round(round(unit / 7, 4) * 3, 1)", EvaluationTests.euros("27.4")),
        // A memoized table price in a loop, read back as Money by the arithmetic on it.
        ("account.licenses.map(l, round(license_price[account.plan] * (as_of - l.added) / 365))",
         .list([EvaluationTests.euros("16.66"), EvaluationTests.euros("0.88"), EvaluationTests.euros("0.53")])),
        // Text compared where it lives: snapshot fields, bound items, another rule.
        ("account.plan == 'ADVANCED'", .bool(true)),
        ("account.plan == account.country", .bool(false)),
        ("account.plan != account.country", .bool(true)),
        ("account.licenses.count(l, l.id == account.plan)", .int(0)),
        ("account.licenses.count(l, l.id != account.country)", .int(3)),
        ("account.licenses.count(l, l.assigned_to == 'alice')", .int(1)),
        ("account.licenses.count(l, l.id in ['L1', 'L3'])", .int(2)),
        ("account.country in ['NO', 'SE']", .bool(true)),
        // A table keyed by a field read in place, with and without a default.
        ("license_price[account.plan]", EvaluationTests.euros("64.00")),
        ("vat[account.country] ?? vat.default", .int(25)),
        ("account.licenses.map(l, vat[l.id] ?? vat.default)", .list([.int(21), .int(21), .int(21)])),
    ])
    func sameValueWithAndWithoutATrace(expression: String, expected: Value) throws {
        #expect(try Self.value(of: expression, trace: false) == expected)
        #expect(try Self.value(of: expression, trace: true) == expected)
    }

    /// Text at two places (`t.a == t.b`, `t.a in t.list`, an item's field, another rule's
    /// result) is compared as `String`'s `==` compares it, whether the fast path decides
    /// (short ASCII, held inline) or not (longer text, non-ASCII, canonically equivalent
    /// forms; the list also holds an element the fast path cannot decide).
    @Test(arguments: [
        ("FR", "FR"), ("FR", "US"), ("FR", "FRA"), ("FRA", "FR"), ("", ""), ("", "FR"), ("ADVANCED", "ADVANCED"),
        ("fifteen-bytes-x", "fifteen-bytes-x"), ("fifteen-bytes-x", "fifteen-bytes-y"),
        ("sixteen-bytes-xx", "sixteen-bytes-xx"), ("sixteen-bytes-xx", "sixteen-bytes-xy"), ("fifteen-bytes-x", "sixteen-bytes-xx"),
        ("Zürich", "Zürich"), ("Zürich", "Zurich"), ("\u{E9}", "e\u{301}"), ("FR", "Zürich"),
        // ASCII text equal to non-ASCII text under canonical equivalence: Kelvin sign, Greek question mark.
        ("K", "\u{212A}"), (";", "\u{37E}"), ("\u{212A}", "K"),
    ])
    func textAtTwoPlacesComparesAsStringDoes(a: String, b: String) throws {
        let rules = CompilerHarness.settings + """

            input:
              t: { a: string, b: string, items: [ { a: string } ], list: [string] }
            rules:
              - id: ra
                kind: value
                value: t.a
              - id: fields
                kind: value
                value: "[t.a == t.b, t.a != t.b, t.b == t.a]"
              - id: items
                kind: value
                value: "t.items.map(i, i.a == t.b)"
              - id: results
                kind: value
                value: "[ra == t.b, ra != t.b]"
              - id: lists
                kind: value
                value: "[t.a in t.list, ra in t.list, t.items.all(i, i.a in t.list)]"

            """
        // `a` is in the list exactly when it equals `b`, wherever `b` stands in it.
        let snapshot = "t: { a: \"\(a)\", b: \"\(b)\", items: [ { a: \"\(a)\" } ], list: [ \"X\", \"\(b)\", \"Zürich-und-mehr\" ] }\n"
        let equal = a == b
        for trace in [false, true] {
            let evaluation = try CompilerHarness.evaluate(rules, snapshot: snapshot, options: EvaluationOptions(trace: trace))
            #expect(evaluation.value(of: "fields") == .list([.bool(equal), .bool(!equal), .bool(equal)]), "\(a) vs \(b)")
            #expect(evaluation.value(of: "items") == .list([.bool(equal)]), "\(a) vs \(b)")
            #expect(evaluation.value(of: "results") == .list([.bool(equal), .bool(!equal)]), "\(a) vs \(b)")
            #expect(evaluation.value(of: "lists") == .list([.bool(equal), .bool(equal), .bool(equal)]), "\(a) in [X, \(b), …]")
        }
    }

    /// A table keyed by text at a place finds its row by the key's inline words (up to 15
    /// bytes) or by its bytes (longer), and falls back to the default or names the missing
    /// key, the same with a trace as without.
    @Test(arguments: [
        ("FR", Value.int(20)), ("ES", .int(0)), ("sixteen-bytes-xx", .int(16)), ("sixteen-bytes-xy", .int(0)),
        ("Zürich", .int(8)), ("Zurich", .int(0)), ("", .int(0)),
    ])
    func tableRowsByKeyAtAPlace(key: String, expected: Value) throws {
        let rules = CompilerHarness.settings + """

            input:
              t: { key: string, items: [ { key: string } ] }
            tables:
              rate: { FR: 20, sixteen-bytes-xx: 16, "Zürich": 8 }
            rules:
              - id: fields
                kind: value
                value: "[rate[t.key] ?? 0, t.items.map(i, rate[i.key] ?? 0)[0]]"
              - id: strict
                kind: value
                value: "rate[t.key]"

            """
        let snapshot = "t: { key: \"\(key)\", items: [ { key: \"\(key)\" } ] }\n"
        for trace in [false, true] {
            let rows = try CompilerHarness.evaluate(CompilerHarness.replacing("value: \"rate[t.key]\"", with: "value: \"0\"", in: rules),
                                                    snapshot: snapshot, options: EvaluationOptions(trace: trace))
            #expect(rows.value(of: "fields") == .list([expected, expected]), "\(key)")
            if expected == .int(0) {
                let error = try #require(try CompilerHarness.evaluationError(rules, snapshot: snapshot))
                #expect(error.message == "table 'rate' has no row '\(key)'")
            } else {
                #expect(try CompilerHarness.evaluate(rules, snapshot: snapshot, options: EvaluationOptions(trace: trace)).value(of: "strict") == expected)
            }
        }
    }

    /// An Int table whose default is a decimal gives decimals, and the trace records the
    /// row as the decimal it became.
    @Test func anIntRowWidenedByItsDefaultIsTracedAsTheDecimal() throws {
        let evaluation = try CompilerHarness.evaluate(EvaluationTests.rules(value: "vat[account.country] ?? 0.5"),
                                                      snapshot: EvaluationTests.snapshot, options: EvaluationOptions(trace: true))
        #expect(evaluation.value(of: "r") == EvaluationTests.decimal("25"))
        let reads = try #require(evaluation.trace).entries.filter { $0.rule == "r" }.compactMap { entry -> Value? in
            if case let .read(path, value) = entry.event, path == #"vat["NO"]"# { return value }
            return nil
        }
        #expect(reads == [EvaluationTests.decimal("25")])
    }

    /// `round` over lowered arithmetic records its rounding in a trace, as the general
    /// form does, each time it runs, labelled with its formula as written.
    @Test func roundingOverLoweredArithmeticIsTraced() throws {
        let expression = "account.licenses.map(l, round(license_price[account.plan] * (as_of - l.added) / 365))"
        let evaluation = try CompilerHarness.evaluate(EvaluationTests.rules(value: expression),
                                                      snapshot: EvaluationTests.snapshot, options: EvaluationOptions(trace: true))
        let entries = try #require(evaluation.trace).entries.filter { $0.rule == "r" }
        let roundings = entries.compactMap { entry -> String? in
            guard case let .rounding(label, from, to, mode, scale) = entry.event else { return nil }
            return "\(label): \(from) -> \(to) (\(mode.rawValue), \(scale))"
        }
        let label = "license_price[account.plan] * (as_of - l.added) / 365"   // the parentheses kept
        #expect(roundings == [
            "\(label): 16.6575342466 EUR -> 16.66 EUR (half-up, 2)",
            "\(label): 0.8767123288 EUR -> 0.88 EUR (half-up, 2)",
            "\(label): 0.5260273973 EUR -> 0.53 EUR (half-up, 2)",
        ])
    }

    /// A field read in place by `==` is still a read in the trace, as it was when the
    /// comparison called the field's closure (a rule read twice is listed once).
    @Test func aTraceStillRecordsTheReadsOfFusedOperands() throws {
        let evaluation = try CompilerHarness.evaluate(EvaluationTests.rules(value: "account.plan == account.country or unit == unit"),
                                                      snapshot: EvaluationTests.snapshot, options: EvaluationOptions(trace: true))
        let reads = try #require(evaluation.trace).entries.filter { $0.rule == "r" }.compactMap { entry -> String? in
            if case let .read(path, _) = entry.event { return path }
            return nil
        }
        #expect(reads == ["account.plan", "account.country", "unit"])
    }
}
