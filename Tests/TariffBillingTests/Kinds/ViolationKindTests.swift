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

    /// The rules with `details` (one `name: expression` each) added to the foreign-number rule.
    static func engine(details: [String]) throws -> BillingEngine {
        let code = "    code: FOREIGN_NUMBER_WITHOUT_VERIFIED_ADDRESS\n"
        return try BillingFixtures.engine(editing: "pricing.yaml", replacing: code,
                                          with: code + "    details:\n" + details.map { "      \($0)\n" }.joined())
    }

    /// `details` of every kind of value come out by name, in the order written, with the
    /// text and type a reader of the invoice sees; a rule without `details` has none.
    @Test func detailsOfEveryTypeByName() throws {
        let engine = try Self.engine(details: [
            "e164: item.e164", "fee: number_fee[item.country] ?? number_fee.default", "count: account.numbers.count()",
            "verified: account.addresses.any(a, a.verified)", "since: as_of",
        ])
        let snapshot = try BillingFixtures.snapshot(BillingFixtures.account(
            numbers: ["{ e164: \"+3220000000\", country: BE }", "{ e164: \"+33100000001\", country: FR }"]), engine: engine)
        let violation = try #require(try BillingFixtures.invoice(snapshot, engine: engine).violations.first)
        #expect(violation.details.map(\.name) == ["e164", "fee", "count", "verified", "since"])
        #expect(violation.details.map(\.text) == ["+3220000000", violation.details[1].text, "2", "true", "2026-04-30"])
        #expect(violation.details.map(\.type) == ["string", "money", "int", "bool", "date"])
        #expect(try ExactDecimal(parsing: violation.details[1].text) > ExactDecimal(0))
        // Without `details` (the rules as they are): none.
        let plain = try BillingFixtures.engine()
        let without = try BillingFixtures.snapshot(BillingFixtures.account(numbers: ["{ e164: \"+3220000000\", country: BE }"]), engine: plain)
        #expect(try BillingFixtures.invoice(without, engine: plain).violations.first?.details == [])
    }

    /// A detail that fails to compute fails the evaluation with its error, as any
    /// expression does, and leaves nothing behind: the next snapshot bills as usual.
    @Test func aDetailThatFailsFailsTheEvaluation() throws {
        let engine = try Self.engine(details: ["e164: item.e164", "share: 100 / (account.numbers.count() - 1)"])
        let lonely = try BillingFixtures.snapshot(BillingFixtures.account(numbers: ["{ e164: \"+3220000000\", country: BE }"]), engine: engine)
        let asOf = try BillingFixtures.asOf()
        guard case let .failure(error) = engine.preview(lonely, asOf: asOf) else {
            Issue.record("a division by zero in a detail gave an invoice")
            return
        }
        #expect(error.diagnostic.message.contains("zero"))
        let two = try BillingFixtures.snapshot(BillingFixtures.account(
            numbers: ["{ e164: \"+3220000000\", country: BE }", "{ e164: \"+33100000001\", country: FR }"]), engine: engine)
        let violation = try #require(try BillingFixtures.invoice(two, engine: engine).violations.first)
        #expect(violation.details.map(\.name) == ["e164", "share"])
        #expect(violation.details.first?.text == "+3220000000")
        #expect(try ExactDecimal(parsing: violation.details[1].text) == ExactDecimal(100))
    }

    /// Details set through the API come back with their names and texts, and the numbers,
    /// Bools and dates as such (money as a decimal: the same text and JSON).
    @Test func detailsSetThroughTheAPIRoundTrip() throws {
        let engine = try BillingFixtures.engine()
        var invoice = try BillingFixtures.invoice(try BillingFixtures.example("globex.yaml", engine: engine), engine: engine)
        let set = [
            OutcomeValue(name: "e164", value: .string("+3220000000")),
            OutcomeValue(name: "count", value: .int(3)),
            OutcomeValue(name: "allowed", value: .bool(false)),
            OutcomeValue(name: "fee", value: .money(Money(try ExactDecimal(parsing: "4.50"), .eur))),
            OutcomeValue(name: "from", value: .date(try CivilDate(parsing: "2026-03-05"))),
        ]
        invoice.violations[0].details = set
        let read = invoice.violations[0].details
        #expect(read.map(\.name) == set.map(\.name))
        #expect(read.map(\.text) == set.map(\.text))
        #expect(read.map(\.type) == ["string", "int", "bool", "decimal", "date"])
        invoice.violations[0].details = []
        #expect(invoice.violations[0].details.isEmpty)
    }

    @Test func domesticNumbersAreNeverViolations() throws {
        let engine = try BillingFixtures.engine()
        let snapshot = try BillingFixtures.snapshot(BillingFixtures.account(
            numbers: ["{ e164: \"+33100000001\", country: FR }"], addresses: []), engine: engine)
        #expect(try BillingFixtures.invoice(snapshot, engine: engine).violations.isEmpty)
    }
}
