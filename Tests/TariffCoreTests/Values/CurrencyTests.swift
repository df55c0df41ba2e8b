import Testing
import TariffCore

@Suite("Currency")
struct CurrencyTests {
    @Test(arguments: [
        ("EUR", 2), ("USD", 2), ("GBP", 2), ("CHF", 2), ("JPY", 0), ("KWD", 3), ("BHD", 3), ("SEK", 2),
        ("NOK", 2), ("DKK", 2), ("PLN", 2), ("CAD", 2), ("AUD", 2), ("CZK", 2), ("HUF", 2), ("ISK", 0),
        ("KRW", 0), ("TND", 3), ("CLP", 0),
    ])
    func knownCurrencies(code: String, minorUnits: Int) throws {
        let currency = try #require(Currency(code: code))
        #expect(currency.code == code)
        #expect(currency.minorUnits == minorUnits)
        #expect(currency.description == code)
        #expect(Currency.knownCodes.contains(code))
    }

    @Test(arguments: ["eur", "EURO", "EU", "", "XXX", "E1R", "ÉUR", "ZZZ"])
    func unknownCodesAreNil(code: String) {
        #expect(Currency(code: code) == nil)
    }

    @Test func constantsMatchTheTable() {
        #expect(Currency(code: "EUR") == .eur)
        #expect(Currency(code: "USD") == .usd)
        #expect(Currency(code: "JPY") == .jpy)
        #expect(Currency(code: "GBP") == .gbp)
        #expect(Currency(code: "CHF") == .chf)
        #expect(Currency(code: "KWD") == .kwd)
        #expect(Currency.eur != .usd)
        #expect(Set([Currency.eur, .eur, .usd]).count == 2)
    }

    @Test func knownCodesAreSortedAndUnique() {
        let codes = Currency.knownCodes
        #expect(codes == codes.sorted())
        #expect(Set(codes).count == codes.count)
        #expect(codes.allSatisfy { Currency(code: $0) != nil })
    }
}
