import Testing
import TariffCore
import TariffYAML

// A rule kind and a function defined only here, in a test target: the core compiles and
// evaluates them without knowing them, which is what "plugins need no change to the
// core" means.

/// `kind: discount`: a percentage off a base amount, rounded as the rule file declares.
///
/// ```yaml
/// - id: loyalty
///   kind: discount
///   base: account.credits
///   percent: 15
/// ```
struct DiscountKind: RuleKind {
    let name = "discount"
    let summary = "a percentage off a base amount"
    let category = "adjustment"
    let fields = [
        RuleField("base", .expression, required: true, summary: "the amount the discount is taken from"),
        RuleField("percent", .expression, required: true, summary: "how many percent off, such as 15 or 12.5"),
    ]

    func compile(_ rule: RuleCompilation) -> (any RuleProgram)? {
        let base = rule.expression("base", expecting: .money)
        let percent = rule.expression("percent", expecting: .decimal)
        guard let base, let percent else { return nil }
        return Program(base: base, percent: percent, scale: rule.settings.scale, mode: rule.settings.rounding)
    }

    struct Program: RuleProgram {
        let base: CompiledExpression
        let percent: CompiledExpression
        let scale: Int
        let mode: RoundingMode

        var resultType: ValueType { .money }

        func evaluate(_ frame: Frame) throws(EvaluationError) -> Value {
            guard case let .money(amount) = try base.evaluate(frame),
                  case let .decimal(rate) = try percent.evaluate(frame) else {
                throw EvaluationError("discount.type", "discount operands had unexpected types", at: base.position)
            }
            guard !rate.isNegative else {
                throw EvaluationError("discount.negative", "a discount of \(rate)% is negative", at: percent.position)
            }
            do throws(ArithmeticError) {
                let hundredth = try ExactDecimal(significand: 1, scale: 2)
                let off = try amount.multiplying(try rate.multiplying(hundredth)).rounded(scale: scale, mode: mode)
                frame.trace?.step("discount", "\(rate)% of \(amount) = \(off)")
                return .money(try off.negated())
            } catch {
                throw EvaluationError("discount.arithmetic", error.description, at: base.position)
            }
        }
    }
}

/// `clamp(x, lo, hi)`: x limited to [lo, hi], for numbers and Money.
struct ClampFunction: ExpressionFunction {
    let name = "clamp"
    let summary = "clamp(x, lo, hi): x limited to [lo, hi]"
    let signatures = [
        FunctionSignature([.int, .int, .int], returns: .int),
        FunctionSignature([.decimal, .decimal, .decimal], returns: .decimal),
        FunctionSignature([.money, .money, .money], returns: .money),
    ]

    func call(_ arguments: [Value]) throws(EvaluationError) -> Value {
        let x = arguments[0], lo = arguments[1], hi = arguments[2]
        guard let order = Self.order(lo, hi), order <= 0 else {
            throw EvaluationError("clamp.bounds", "clamp's lower bound \(lo) is above its upper bound \(hi)")
        }
        if let below = Self.order(x, lo), below < 0 { return lo }
        if let above = Self.order(x, hi), above > 0 { return hi }
        return x
    }

    private static func order(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case let (.int(x), .int(y)): x < y ? -1 : (x == y ? 0 : 1)
        case let (.decimal(x), .decimal(y)): x < y ? -1 : (x == y ? 0 : 1)
        case let (.money(x), .money(y)): try? x.compare(y)
        default: nil
        }
    }
}

@Suite struct PluginTests {
    static var registry: PluginRegistry {
        var registry = PluginRegistry.standard
        registry.register(DiscountKind())
        registry.register(ClampFunction())
        return registry
    }

    static let rules = CompilerHarness.settings + """

        input:
          account: { credits: money, seats: int, loyalty_years: int }
        tables:
          seat_price: { type: money, rows: { standard: 12.50 } }
        rules:
          - id: gross
            kind: value
            value: seat_price.standard * account.seats
          - id: loyalty
            kind: discount
            base: gross
            percent: clamp(account.loyalty_years * 2.5, 0, 15)
          - id: net
            kind: value
            value: gross + loyalty
          - id: capped_credits
            kind: value
            value: clamp(account.credits, seat_price.standard, gross)
        """

    static let snapshot = """
        account:
          credits: 500.00
          seats: 7
          loyalty_years: 3
        """

    @Test func kindAndFunctionRunEndToEnd() throws {
        let graph = try CompilerHarness.graph(Self.rules, registry: Self.registry)
        let record = try CompilerHarness.snapshot(Self.snapshot, for: graph)
        let evaluation = try graph.evaluate(record, asOf: CivilDate(year: 2026, month: 4, day: 1)).get()
        // 7 × 12.50 = 87.50; 3 years × 2.5 = 7.5 %, within [0, 15]; 7.5 % of 87.50 = 6.5625 → 6.56.
        #expect(evaluation.value(of: "gross") == CompilerHarness.euros("87.50"))
        #expect(evaluation.value(of: "loyalty") == CompilerHarness.euros("-6.56"))
        #expect(evaluation.value(of: "net") == CompilerHarness.euros("80.94"))
        #expect(evaluation.value(of: "capped_credits") == CompilerHarness.euros("87.50"))
    }

    @Test(arguments: [(0, "0.00"), (4, "-8.75"), (6, "-13.13"), (40, "-13.13")])
    func clampBoundsThePercent(years: Int, discount: String) throws {
        let graph = try CompilerHarness.graph(Self.rules, registry: Self.registry)
        let record = try CompilerHarness.snapshot(
            "account: { credits: 1.00, seats: 7, loyalty_years: \(years) }\n", for: graph)
        let evaluation = try graph.evaluate(record, asOf: CompilerHarness.asOf).get()
        #expect(evaluation.value(of: "loyalty") == CompilerHarness.euros(discount))
        #expect(evaluation.value(of: "capped_credits") == CompilerHarness.euros("12.50"))
    }

    /// Arguments read at their places (`account.seats`), an Int among them widened to the
    /// Decimal the signature takes, give the same value with and without a trace.
    @Test func argumentsAtPlacesAndWidenedOnesReachTheFunction() throws {
        let rules = CompilerHarness.settings + """

            input:
              account: { credits: money, seats: int, loyalty_years: int }
            rules:
              - id: seats_in_range
                kind: value
                value: clamp(account.seats, 0.5, 10.5)
              - id: years_capped
                kind: value
                value: clamp(account.loyalty_years, 0, account.seats)
              - id: days
                kind: value
                value: days_between(date("2026-01-01"), add_days(date("2026-01-01"), account.seats))
            """
        let graph = try CompilerHarness.graph(rules, registry: Self.registry)
        for (seats, years) in [(7, 3), (40, 12), (2, 9)] {
            let record = try CompilerHarness.snapshot(
                "account: { credits: 1.00, seats: \(seats), loyalty_years: \(years) }\n", for: graph)
            for trace in [false, true] {
                let evaluation = try graph.evaluate(record, asOf: CompilerHarness.asOf, options: .init(trace: trace)).get()
                let inRange = try ExactDecimal(parsing: seats > 10 ? "10.5" : String(seats))
                #expect(evaluation.value(of: "seats_in_range") == .decimal(inRange), "seats \(seats), trace \(trace)")
                #expect(evaluation.value(of: "years_capped") == .int(Int64(min(years, seats))), "seats \(seats), trace \(trace)")
                #expect(evaluation.value(of: "days") == .int(Int64(seats)), "seats \(seats), trace \(trace)")
            }
        }
    }

    @Test func pluginKindHasItsCategoryAndResultType() throws {
        let graph = try CompilerHarness.graph(Self.rules, registry: Self.registry)
        let loyalty = try #require(graph.rule("loyalty"))
        #expect(loyalty.category == "adjustment")
        #expect(loyalty.resultType == .money)
        #expect(graph.rules(inCategory: "adjustment").map(\.id) == ["loyalty"])
        // `net` reads `loyalty`, which reads `gross`: the order follows.
        let order = graph.rules.map(\.id)
        #expect(try #require(order.firstIndex(of: "gross")) < #require(order.firstIndex(of: "loyalty")))
        #expect(try #require(order.firstIndex(of: "loyalty")) < #require(order.firstIndex(of: "net")))
    }

    @Test func pluginStepsAppearInTheTrace() throws {
        let graph = try CompilerHarness.graph(Self.rules, registry: Self.registry)
        let record = try CompilerHarness.snapshot(Self.snapshot, for: graph)
        let evaluation = try graph.evaluate(record, asOf: CompilerHarness.asOf, options: .init(trace: true)).get()
        let steps = try #require(evaluation.trace).entries(rule: "loyalty").map(\.event)
        #expect(steps.contains(.step("discount", "7.5% of 87.50 EUR = 6.56 EUR")))
        #expect(steps.contains(.read("gross", CompilerHarness.euros("87.50"))))
    }

    @Test func runtimeErrorOfAPluginFunctionCarriesTheCallPosition() throws {
        let rules = CompilerHarness.settings + """

            rules:
              - id: x
                kind: value
                value: clamp(5, 10, 1)
            """
        let graph = try CompilerHarness.graph(rules, registry: Self.registry)
        let error = try #require(graph.evaluate(Record(type: graph.inputType, fields: []), asOf: CompilerHarness.asOf).failureError)
        #expect(Reported(error) == Reported("clamp.bounds", "clamp's lower bound 10 is above its upper bound 1", 7, 12))
        #expect(error.length == "clamp(5, 10, 1)".count)
    }

    // MARK: The core checks plugins' declarations

    /// Lines of the rule under test, after the settings (lines 1 to 3) and the input (4, 5).
    static func plugged(_ rule: String) -> String {
        CompilerHarness.settings + "\ninput:\n  account: { credits: money, since: date }\nrules:\n" + rule + "\n"
    }

    static let checked: [(rule: String, expected: Reported, hint: String?)] = [
        ("""
          - id: off
            kind: discount
            base: account.credits
        """, Reported("rules.missing-field", "a discount rule needs 'percent'", 7, 5),
         "percent: how many percent off, such as 15 or 12.5"),
        ("""
          - id: off
            kind: discount
            base: account.credits
            percent: 10
            pecent: 10
        """, Reported("rules.unknown-field", "a discount rule has no field 'pecent'", 11, 5), "did you mean 'percent'?"),
        ("""
          - id: off
            kind: discount
            base: account.since
            percent: 10
        """, Reported("type.mismatch", "'base' must be Money, but 'account.since' is Date", 9, 11), nil),
        ("""
          - id: off
            kind: discount
            base: account.credits
            percent: clamp(1, 2)
        """, Reported("expr.arity", "function 'clamp' takes 3 arguments, but 2 were given", 10, 14),
         "clamp(x, lo, hi): x limited to [lo, hi]"),
        ("""
          - id: off
            kind: discount
            base: account.credits
            percent: clamp(account.since, 1, 2)
        """, Reported("type.mismatch", "function 'clamp' cannot take (Date, Int, Int)", 10, 14),
         "it takes (Int, Int, Int) -> Int or (Decimal, Decimal, Decimal) -> Decimal or (Money, Money, Money) -> Money"),
        ("""
          - id: off
            kind: discont
            base: account.credits
            percent: 10
        """, Reported("rules.unknown-kind", "unknown rule kind 'discont'", 8, 11), "did you mean 'discount'?"),
    ]

    @Test(arguments: checked)
    func coreDiagnosesPluginRules(rule: String, expected: Reported, hint: String?) {
        let diagnostics = CompilerHarness.diagnostics(Self.plugged(rule), registry: Self.registry)
        #expect(diagnostics.map(Reported.init) == [expected])
        #expect(diagnostics.first?.hint == hint)
    }

    /// Without registration the same file does not compile: the standard registry knows
    /// neither the kind nor the function.
    @Test func standardRegistryDoesNotKnowThem() {
        let diagnostics = CompilerHarness.diagnostics(Self.rules)
        #expect(diagnostics.map(Reported.init) == [
            Reported("rules.unknown-kind", "unknown rule kind 'discount'", 13, 11),
            Reported("expr.unknown-function", "unknown function 'clamp'", 21, 12),
        ])
    }

    /// A function called as a method, `x.clamp(lo, hi)`, reads the rules named in its
    /// arguments: they are dependencies even when declared after it.
    @Test func methodCallArgumentsAreDependencies() throws {
        let rules = CompilerHarness.settings + """

            rules:
              - id: x
                kind: value
                value: 20.5.clamp(low, high)
              - id: low
                kind: value
                value: 1.0
              - id: high
                kind: value
                value: 10.0
            """
        let graph = try CompilerHarness.graph(rules, registry: Self.registry)
        let evaluation = try graph.evaluate(Record(type: graph.inputType, fields: []), asOf: CompilerHarness.asOf,
                                            options: .init(targets: ["x"])).get()
        #expect(evaluation.value(of: "x") == .decimal(CompilerHarness.decimal("10.0")))
    }
}
