import Testing
import TariffCore

@Suite("Money")
struct MoneyTests {
    private func money(_ amount: String, _ currency: Currency = .eur) throws -> Money {
        Money(try ExactDecimal(parsing: amount), currency)
    }

    /// The billing page's example invoice, computed under actual-days with half-up per line.
    @Test func theExampleInvoiceTotals1122_47() throws {
        let price = try money("64.00")
        let lines = [
            try price.multiplying(ExactDecimal(10)),
            try money("5.00").multiplying(ExactDecimal(3)),
            try price.multiplying(Fraction(58, 31), rounding: .halfUp),                 // 1 + 27/31
            try price.multiplying(ExactDecimal(3)),
            try price.multiplying(Fraction(22, 30), rounding: .halfUp).multiplying(ExactDecimal(2)),
            try price.multiplying(Fraction(29, 30), rounding: .halfUp),
        ]
        #expect(lines.map(\.formatted) == ["640.00", "15.00", "119.74", "192.00", "93.86", "61.87"])
        var total = Money.zero(.eur)
        for line in lines { total = try total.adding(line) }
        #expect(total.description == "1122.47 EUR")
    }

    @Test func addingAndSubtractingWithinACurrency() throws {
        #expect(try money("64.00").adding(money("5")).description == "69.00 EUR")
        #expect(try money("5.00").subtracting(money("64.00")).description == "-59.00 EUR")
        #expect(try money("-5.00").isNegative)
        #expect(try money("-5.00").negated() == money("5"))
        #expect(try money("0.00").isZero)
    }

    @Test func currencyMismatchIsAnError() throws {
        let euros = try money("1.00")
        let dollars = try money("1.00", .usd)
        #expect(throws: ArithmeticError.currencyMismatch(.eur, .usd)) { try euros.adding(dollars) }
        #expect(throws: ArithmeticError.currencyMismatch(.usd, .eur)) { try dollars.subtracting(euros) }
        #expect(throws: ArithmeticError.currencyMismatch(.eur, .usd)) { try euros.compare(dollars) }
        #expect(euros != dollars)
    }

    @Test(arguments: [("1.00", "2", -1), ("2.0", "2.00", 0), ("-1", "-2", 1), ("0.01", "0", 1)])
    func compare(left: String, right: String, expected: Int) throws {
        #expect(try money(left).compare(money(right)) == expected)
    }

    @Test func equalityIsNumericWithinACurrency() throws {
        #expect(try money("64.0") == money("64.00"))
        #expect(try money("64.0").hashValue == money("64.00").hashValue)
    }

    @Test(arguments: [
        ("46.9333", Currency.eur, RoundingMode.halfUp, "46.93"),
        ("46.935", .eur, .halfEven, "46.94"),
        ("46.925", .eur, .halfEven, "46.92"),
        ("-46.925", .eur, .halfUp, "-46.93"),
        ("119.5", .jpy, .halfEven, "120"),
        ("118.5", .jpy, .halfEven, "118"),
        ("-0.5", .jpy, .halfUp, "-1"),
        ("1.23456", .kwd, .halfUp, "1.235"),
        ("1.2345", .kwd, .halfDown, "1.234"),
        ("64", .eur, .halfUp, "64.00"),
        ("1.5", .kwd, .halfUp, "1.500"),
        // Already at the currency's scale: unchanged, whatever the mode.
        ("46.93", .eur, .halfUp, "46.93"),
        ("-5.55", .eur, .floor, "-5.55"),
        ("-5.55", .eur, .up, "-5.55"),
        ("1.234", .kwd, .ceiling, "1.234"),
        ("120", .jpy, .down, "120"),
    ])
    func roundedToTheCurrencyScale(amount: String, currency: Currency, mode: RoundingMode, expected: String) throws {
        let rounded = try money(amount, currency).rounded(mode)
        #expect(rounded.formatted == expected)
        #expect(rounded.amount.scale == currency.minorUnits)
    }

    @Test(arguments: [
        ("64", Currency.eur, "64.00"), ("1122.47", .eur, "1122.47"), ("120", .jpy, "120"), ("1.5", .kwd, "1.500"),
        ("120.00", .jpy, "120"), ("64.000", .eur, "64.00"), ("46.9333", .eur, "46.9333"), ("-5", .eur, "-5.00"),
        ("0", .kwd, "0.000"), ("0.5", .jpy, "0.5"),
    ])
    func formattedUsesTheCurrencyScaleWithoutRounding(amount: String, currency: Currency, expected: String) throws {
        #expect(try money(amount, currency).formatted == expected)
    }

    @Test func description() throws {
        #expect(try money("64.00").description == "64.00 EUR")
        #expect(try money("120", .jpy).description == "120 JPY")
        #expect(Money.zero(.jpy).description == "0 JPY")
        #expect(Money.zero(.kwd).description == "0.000 KWD")
    }

    @Test func multiplying() throws {
        #expect(try money("64.00").multiplying(ExactDecimal(parsing: "1.5")).amount.description == "96.000")
        #expect(try money("64.00").multiplying(ExactDecimal(parsing: "1.5")).formatted == "96.00")
        #expect(try money("1000", .jpy).multiplying(Fraction(1, 3), rounding: .halfUp).description == "333 JPY")
        #expect(try money("1", .kwd).multiplying(Fraction(2, 3), rounding: .halfUp).description == "0.667 KWD")
        #expect(try money("64.49").rounded(scale: 0, mode: .halfUp).amount.description == "64")
        #expect(try money("64.49").rounded(scale: 0, mode: .halfUp).description == "64.00 EUR")
        #expect(throws: ArithmeticError.self) {
            try Money(ExactDecimal(Int64.max), .eur).multiplying(ExactDecimal(2))
        }
    }
}
