import TariffBilling
import TariffCore
import Testing

@Suite("InvoiceKind")
struct InvoiceKindTests {
    @Test func acmeInvoiceTotals1122_47() throws {
        let engine = try BillingFixtures.engine()
        let invoice = try BillingFixtures.invoice(try BillingFixtures.example("acme.yaml", engine: engine), engine: engine)
        #expect(invoice.account == "ACME-001")
        #expect(invoice.period == (try Period(start: CivilDate(year: 2026, month: 5, day: 1), end: CivilDate(year: 2026, month: 6, day: 1))))
        // Lines in the order of the invoice's `charges` list, then by item.
        #expect(invoice.lines.map(\.rule) == ["licenses", "numbers", "added_licenses", "added_licenses", "added_licenses", "added_licenses"])
        #expect(invoice.lines.map(\.amount.formatted) == ["640.00", "15.00", "119.74", "192.00", "93.86", "61.87"])
        #expect(invoice.subtotal.formatted == "1122.47")
        #expect(invoice.total.formatted == "1122.47")
        #expect(invoice.currency == .eur)
        #expect(invoice.rounding == "half-up, per line")
        #expect(invoice.violations.isEmpty)
    }

    /// Rounding per line rounds each prorated unit price to the cent.
    @Test func perLineRoundsEachUnitPrice() throws {
        let engine = try BillingFixtures.engine()
        let preview = try engine.preview(try BillingFixtures.example("acme.yaml", engine: engine), asOf: BillingFixtures.asOf(),
                                         trace: true).get()
        let roundings = try #require(preview.trace).entries.compactMap { entry -> String? in
            guard case let .rounding(label, from, to, _, _) = entry.event else { return nil }
            return "\(entry.rule) \(label) \(from) → \(to)"
        }
        #expect(roundings.filter { $0.hasPrefix("added_licenses unit price") }.count == 7)
        #expect(!roundings.contains { $0.hasPrefix("invoice ") })
    }

    /// Rounding per invoice keeps lines exact and rounds the subtotal once: 1,122.4752… → 1,122.48,
    /// a cent more than the sum of rounded lines.
    @Test func perInvoiceRoundsTheSubtotalOnce() throws {
        let engine = try BillingFixtures.engine(editing: "pricing.yaml", replacing: "per: line", with: "per: invoice")
        let preview = try engine.preview(try BillingFixtures.example("acme.yaml", engine: engine), asOf: BillingFixtures.asOf(),
                                         trace: true).get()
        let invoice = preview.invoice
        #expect(invoice.rounding == "half-up, per invoice")
        #expect(invoice.subtotal.formatted == "1122.48")
        #expect(invoice.total.formatted == "1122.48")
        // The prorated unit prices keep their digits.
        let prorated = invoice.lines.filter { $0.rule == "added_licenses" }
        #expect(prorated.map(\.unitPrice.amount.description) == ["119.7419354839", "64.0000000000", "46.9333333333", "61.8666666667"])
        let roundings = try #require(preview.trace).entries.filter { entry in
            if case .rounding = entry.event { return true }
            return false
        }
        #expect(roundings.count == 1)
        if case let .rounding(label, from, to, mode, scale)? = roundings.first?.event {
            #expect(label == "subtotal")
            #expect(from == "1122.4752688172")
            #expect(to == "1122.48")
            #expect(mode == .halfUp)
            #expect(scale == 2)
        }
    }

    /// The rounding mode is a setting too: rounding down per line gives a cent less.
    @Test func roundingModeIsASetting() throws {
        let engine = try BillingFixtures.engine(editing: "pricing.yaml", replacing: "mode: half-up", with: "mode: down")
        let invoice = try BillingFixtures.invoice(try BillingFixtures.example("acme.yaml", engine: engine), engine: engine)
        #expect(invoice.lines.filter { $0.rule == "added_licenses" }.map(\.unitPrice.formatted) == ["119.74", "64.00", "46.93", "61.86"])
        #expect(invoice.total.formatted == "1122.46")
        #expect(invoice.rounding == "down, per line")
    }

    /// Lines not billed this cycle (last-but-one month's calls) are not on the invoice.
    @Test func unbilledLinesStayOff() throws {
        let engine = try BillingFixtures.engine()
        let invoice = try BillingFixtures.invoice(try BillingFixtures.example("initech.yaml", engine: engine), engine: engine)
        #expect(invoice.lines.allSatisfy { $0.billed })
        #expect(invoice.lines.filter { $0.rule == "calls" }.count == 4)
        #expect(invoice.subtotal.formatted == "157.09")
    }
}
