import TariffBilling
import TariffCore
import Testing

@Suite("CreditKind")
struct CreditKindTests {
    /// Credits larger than the total: the total is zero and the rest carries over.
    @Test func creditsLargerThanTheTotal() throws {
        let engine = try BillingFixtures.engine()
        let invoice = try BillingFixtures.invoice(try BillingFixtures.example("initech.yaml", engine: engine), engine: engine)
        #expect(invoice.subtotal.formatted == "157.09")
        #expect(invoice.credits.formatted == "250.00")
        #expect(invoice.creditsApplied.formatted == "157.09")
        #expect(invoice.total.formatted == "0.00")
        #expect(invoice.carryover.formatted == "92.91")
    }

    /// The example invoice (1,122.47) against balances below, equal to and above it.
    @Test(arguments: [
        ("0.00", "0.00", "1122.47", "0.00"),
        ("100.00", "100.00", "1022.47", "0.00"),
        ("1122.47", "1122.47", "0.00", "0.00"),
        ("2000.00", "1122.47", "0.00", "877.53"),
    ])
    func neverBelowZero(balance: String, applied: String, total: String, carryover: String) throws {
        let engine = try BillingFixtures.engine()
        let snapshot = try BillingFixtures.example("acme.yaml", replacing: "credits: 0.00", with: "credits: \(balance)",
                                                   engine: engine)
        let invoice = try BillingFixtures.invoice(snapshot, engine: engine)
        #expect(invoice.subtotal.formatted == "1122.47")
        #expect(invoice.creditsApplied.formatted == applied)
        #expect(invoice.total.formatted == total)
        #expect(invoice.carryover.formatted == carryover)
    }

    /// A negative balance is not a credit: the snapshot is rejected where it says so.
    @Test func negativeBalanceIsRejected() throws {
        let engine = try BillingFixtures.engine()
        let error = #expect(throws: DiagnosticError.self) {
            try BillingFixtures.snapshot(BillingFixtures.account(credits: "-5.00"), engine: engine)
        }
        let diagnostic = try #require(error?.diagnostics.first)
        #expect(diagnostic.message == "'account.credits' is -5.00, below its minimum 0")
        #expect(diagnostic.position?.line == 6)
        #expect(diagnostic.position?.column == 12)
    }
}
