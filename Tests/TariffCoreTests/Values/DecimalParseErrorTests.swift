import Testing
import TariffCore

@Suite("DecimalParseError")
struct DecimalParseErrorTests {
    @Test func descriptionNamesTextAndReason() {
        let error = DecimalParseError(text: "1e3", reason: "exponent notation is not supported")
        #expect(error.description == "'1e3' is not a decimal: exponent notation is not supported")
    }

    @Test func equalityIsByTextAndReason() {
        #expect(DecimalParseError(text: "x", reason: "a") == DecimalParseError(text: "x", reason: "a"))
        #expect(DecimalParseError(text: "x", reason: "a") != DecimalParseError(text: "x", reason: "b"))
    }
}
