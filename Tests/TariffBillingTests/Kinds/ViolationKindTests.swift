import TariffBilling
import TariffCore
import Testing

@Suite("ViolationKind")
struct ViolationKindTests {
    /// A number abroad without a verified address there: on the invoice as a violation,
    /// and not billed.
    @Test func foreignNumberWithoutVerifiedAddress() throws {
        let engine = try BillingFixtures.engine()
        let invoice = try BillingFixtures.invoice(try BillingFixtures.example("globex.yaml", engine: engine), engine: engine)
        #expect(invoice.violations.map(\.rule) == ["foreign_numbers"])
        #expect(invoice.violations.map(\.code) == ["FOREIGN_NUMBER_WITHOUT_VERIFIED_ADDRESS"])
        #expect(invoice.violations.first?.message
            == "Number +3220000000 is in BE, but the account has no verified address in BE; it is not billed.")
        #expect(invoice.lines.filter { $0.rule == "numbers" }.map(\.label) == ["Phone numbers (FR)", "Phone numbers (DE)"])
        #expect(invoice.total.formatted == "165.00")
    }

    /// Once the Belgian address is verified, the number is billed and the violation gone.
    @Test func verifiedAddressClearsTheViolation() throws {
        let engine = try BillingFixtures.engine()
        let snapshot = try BillingFixtures.snapshot(BillingFixtures.account(
            numbers: ["{ e164: \"+3220000000\", country: BE }"],
            addresses: ["{ country: FR, verified: true }", "{ country: BE, verified: true }"]), engine: engine)
        let invoice = try BillingFixtures.invoice(snapshot, engine: engine)
        #expect(invoice.violations.isEmpty)
        #expect(invoice.lines.map(\.summary) == ["1 × 6.00 = 6.00"])
    }

    @Test(arguments: [
        // An unverified address abroad does not count.
        (["{ country: FR, verified: true }", "{ country: BE, verified: false }"], 1),
        // A verified address in another foreign country does not either.
        (["{ country: FR, verified: true }", "{ country: DE, verified: true }"], 1),
        (["{ country: FR, verified: true }", "{ country: BE, verified: true }"], 0),
    ])
    func addressMustBeVerifiedAndInTheNumbersCountry(addresses: [String], violations: Int) throws {
        let engine = try BillingFixtures.engine()
        let snapshot = try BillingFixtures.snapshot(BillingFixtures.account(
            numbers: ["{ e164: \"+3220000000\", country: BE }"], addresses: addresses), engine: engine)
        #expect(try BillingFixtures.invoice(snapshot, engine: engine).violations.count == violations)
    }

    /// A `when` whose Bool comes from a conditional, which has no predicate of its own
    /// (the operators' `Bool` path), decides as the operators' form does.
    @Test(arguments: [
        (["{ country: FR, verified: true }", "{ country: BE, verified: false }"], 1),
        (["{ country: FR, verified: true }", "{ country: BE, verified: true }"], 0),
    ])
    func whenFromAConditionalDecidesTheSame(addresses: [String], violations: Int) throws {
        let engine = try BillingFixtures.engine(editing: "pricing.yaml", replacing: """
                  item.country != account.country
                    and not account.addresses.any(a, a.country == item.country and a.verified)
            """, with: """
                  (item.country == account.country) ? false : account.addresses.all(a, a.country != item.country or not a.verified)
            """)
        let snapshot = try BillingFixtures.snapshot(BillingFixtures.account(
            numbers: ["{ e164: \"+3220000000\", country: BE }", "{ e164: \"+33100000001\", country: FR }"],
            addresses: addresses), engine: engine)
        #expect(try BillingFixtures.invoice(snapshot, engine: engine).violations.count == violations)
    }

    @Test func domesticNumbersAreNeverViolations() throws {
        let engine = try BillingFixtures.engine()
        let snapshot = try BillingFixtures.snapshot(BillingFixtures.account(
            numbers: ["{ e164: \"+33100000001\", country: FR }"], addresses: []), engine: engine)
        #expect(try BillingFixtures.invoice(snapshot, engine: engine).violations.isEmpty)
    }
}
