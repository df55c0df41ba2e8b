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

    /// A price computed by a rule's own `round(…)` (the peers' workload) is explained
    /// by its formula as it computes, parentheses kept, and its amounts once each with
    /// their currency: not `… * period.end - item.date / …`, not `55.1724137931 EUR EUR`.
    @Test("a rule's round(…) shows its formula with its parentheses and each amount's currency once")
    func roundInARule() throws {
        let directory = try TemporaryDirectory()
        let account = #"{"id":"a-1","country":"FR","plan":"ADVANCED","period":{"start":"2024-02-01","end":"2024-03-01"},"#
            + #""licenses":{"base":2,"added":[{"date":"2024-02-05"}]},"numbers":[],"verified_address_countries":[],"credits":"0.00"}"#
        let path = try directory.write("account.json", Array(account.utf8))
        let output = try RuleToolsCLI.tariff(["preview", "--rules", "Benchmarks/peer-rules", "--explain", "--as-of", "2024-02-01", path])
        #expect(output.status == 0, "\(output.stderr)")
        let expected = "plan_price[plan] * (period.end - item.date) / days_in_period: 55.1724137931 EUR, "
            + "rounded half-up to the cent: 55.17 EUR."
        #expect(output.stdout.contains(expected), "\(output.stdout)")
        #expect(!output.stdout.contains("EUR EUR"))
        // An item of `licenses.added` is an added license, not an "added record".
        #expect(output.stdout.contains("Values read: period end is 2024-03-01; added license date is 2024-02-05; days in period is 29."),
                "\(output.stdout)")
    }
}
