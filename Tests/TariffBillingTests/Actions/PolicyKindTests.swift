import TariffBilling
import TariffCore
import Testing

@Suite("PolicyKind")
struct PolicyKindTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var snapshot: String
        var action: String
        var request: String
        var allowed: Bool
        var code: String
        var message: String
        var testDescription: String { "\(action) \(request) on \(snapshot) → \(code)" }
    }

    /// Every policy of the billing page, allowed and denied, with the reason the customer reads.
    static let cases: [Case] = [
        // Remove a license: only an unassigned one, one per request.
        Case(snapshot: "acme.yaml", action: "remove-license", request: "license: L03", allowed: true, code: "LICENSE_REMOVABLE",
             message: "License L03 (ADVANCED, unassigned) will be removed; your next bill deducts 64.00 EUR."),
        // Without a license named, the first unassigned one (L03) is chosen.
        Case(snapshot: "acme.yaml", action: "remove-license", request: "", allowed: true, code: "LICENSE_REMOVABLE",
             message: "License L03 (ADVANCED, unassigned) will be removed; your next bill deducts 64.00 EUR."),
        Case(snapshot: "acme.yaml", action: "remove-license", request: "license: L01", allowed: false, code: "LICENSE_ASSIGNED",
             message: "License L01 is assigned to alice: remove the user first."),
        Case(snapshot: "globex.yaml", action: "remove-license", request: "", allowed: false, code: "ALL_LICENSES_ASSIGNED",
             message: "Every license is assigned to a user: remove a user first, then the license."),
        Case(snapshot: "acme.yaml", action: "remove-license", request: "count: 2", allowed: false, code: "ONE_LICENSE_PER_REQUEST",
             message: "Licenses are removed one at a time: confirm each removal separately."),
        // One per request comes first, even for a license that could be removed.
        Case(snapshot: "acme.yaml", action: "remove-license", request: "{ license: L03, count: 3 }", allowed: false,
             code: "ONE_LICENSE_PER_REQUEST", message: "Licenses are removed one at a time: confirm each removal separately."),
        Case(snapshot: "acme.yaml", action: "remove-license", request: "license: L99", allowed: false, code: "UNKNOWN_LICENSE",
             message: "There is no license L99 on this account."),
        // Add a number: abroad only with a verified address there.
        Case(snapshot: "acme.yaml", action: "add-number", request: "country: FR", allowed: true, code: "NUMBER_ALLOWED",
             message: "A number in FR can be added for 5.00 EUR per month."),
        Case(snapshot: "globex.yaml", action: "add-number", request: "country: DE", allowed: true, code: "NUMBER_ALLOWED",
             message: "A number in DE can be added for 6.00 EUR per month."),
        Case(snapshot: "globex.yaml", action: "add-number", request: "country: BE", allowed: false, code: "VERIFIED_ADDRESS_REQUIRED",
             message: "A number in BE needs a verified address in BE: add one under Your Billing Address."),
        Case(snapshot: "acme.yaml", action: "add-number", request: "country: DE", allowed: false, code: "VERIFIED_ADDRESS_REQUIRED",
             message: "A number in DE needs a verified address in DE: add one under Your Billing Address."),
        // Change the billing address: with a company registration certificate among the documents.
        Case(snapshot: "acme.yaml", action: "change-billing-address", request: "{ country: BE, certificate: D1 }", allowed: true,
             code: "ADDRESS_CHANGE_ACCEPTED", message: "The billing address can change to BE, with certificate D1."),
        Case(snapshot: "acme.yaml", action: "change-billing-address", request: "country: BE", allowed: false, code: "CERTIFICATE_REQUIRED",
             message: "A new billing address needs your new company registration certificate: add it under Your Documents first."),
        Case(snapshot: "acme.yaml", action: "change-billing-address", request: "{ country: BE, certificate: D2 }", allowed: false,
             code: "CERTIFICATE_REQUIRED",
             message: "A new billing address needs your new company registration certificate: add it under Your Documents first."),
        // Change the payment method: a card yourself, an IBAN through customer service.
        Case(snapshot: "acme.yaml", action: "change-payment-method", request: "method: card", allowed: true, code: "CARD_SELF_SERVICE",
             message: "Click 'modify' and fill in the new credit card's details."),
        Case(snapshot: "acme.yaml", action: "change-payment-method", request: "method: iban", allowed: false,
             code: "IBAN_VIA_CUSTOMER_SERVICE", message: "To provide an IBAN, please contact our customer service."),
    ]

    @Test(arguments: cases)
    func decides(_ example: Case) throws {
        let engine = try BillingFixtures.engine()
        let snapshot = try BillingFixtures.example(example.snapshot, engine: engine)
        let request = try BillingFixtures.request(example.action, example.request, engine: engine)
        let decision = try engine.decide(example.action, request: request, snapshot: snapshot, asOf: BillingFixtures.asOf()).get()
        #expect(decision.action == example.action)
        #expect(decision.policy == String(example.action.map { $0 == "-" ? "_" : $0 }))
        #expect(decision.allowed == example.allowed)
        #expect(decision.code == example.code)
        #expect(decision.message == example.message)
        if !decision.allowed { #expect(decision.outcome.isEmpty) }
    }

    /// An allowed removal says what the next bill deducts.
    @Test func removalOutcome() throws {
        let engine = try BillingFixtures.engine()
        let snapshot = try BillingFixtures.example("acme.yaml", engine: engine)
        let request = try BillingFixtures.request("remove-license", "license: L07", engine: engine)
        let decision = try engine.decide("remove-license", request: request, snapshot: snapshot, asOf: BillingFixtures.asOf()).get()
        #expect(decision.outcome.map { "\($0.name)=\($0.text) (\($0.type))" } == ["license=L07 (string)", "deduction=64.00 (money)", "licenses_after=9 (int)"])
    }

    /// Every action of the billing page has a policy.
    @Test func everyActionHasAPolicy() throws {
        #expect(try BillingFixtures.engine().policyActions
            == ["add-number", "change-billing-address", "change-payment-method", "remove-license"])
    }

    @Test func unknownActionIsAnError() throws {
        let engine = try BillingFixtures.engine()
        let snapshot = try BillingFixtures.example("acme.yaml", engine: engine)
        let request = try BillingFixtures.request("remove-license", "", engine: engine)
        let result = engine.decide("remove-licence", request: request, snapshot: snapshot, asOf: try BillingFixtures.asOf())
        guard case let .failure(error) = result else {
            Issue.record("an unknown action was decided")
            return
        }
        #expect(error.id == "billing.unknown-action")
        #expect(error.message == "no policy for action 'remove-licence'")
        #expect(error.hint == "did you mean 'remove-license'?")
    }
}
