import Foundation
import Testing

/// `tariff preview --explain`: sentences under each line.
@Suite("preview --explain")
struct ExplainTests {
    @Test("each line says what it covers, where its price comes from, the period, the share of a month and the rounding")
    func sentences() throws {
        let output = try RuleToolsCLI.tariff(["preview", "examples/acme.yaml", "--explain"])
        #expect(output.status == 0, "\(output.stderr)")
        for expected in [
            "Covers licenses L01, L02, L03, L04, L05, L06, L07, L08, L09 and L10.",
            "The price, 64.00 EUR, is row ADVANCED of table license_price (rules/pricing.yaml:14).",
            "Covers license L04.",
            "Charged from 2026-03-05 to 2026-04-30 inclusive: 57 days.",
            "Share of the monthly price: 27/31 + 30/30 = 58/31 of a month (actual-days:",
            "Unit price: 64.00 × 58/31 = 119.741935… EUR, rounded half-up to the cent: 119.74 EUR.",
            "Unit price: 64.00 × 1 = 64.00 EUR, no rounding needed.",
            "Covers numbers +33100000001, +33100000002 and +33100000003.",
            "Rule added_licenses (prorated-charge), rules/pricing.yaml:38.",
        ] {
            #expect(output.stdout.contains(expected), "missing: \(expected)")
        }
    }
}
