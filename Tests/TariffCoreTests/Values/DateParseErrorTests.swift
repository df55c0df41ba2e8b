import Testing
import TariffCore

@Suite("DateParseError")
struct DateParseErrorTests {
    @Test func descriptionNamesTextAndReason() {
        let error = DateParseError(text: "2026-02-30", reason: "February 2026 has 28 days")
        #expect(error.description == "'2026-02-30' is not a date: February 2026 has 28 days")
    }
}
