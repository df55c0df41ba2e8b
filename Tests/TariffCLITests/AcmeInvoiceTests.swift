import Foundation
import TariffCore
import Testing

/// The billing page's example invoice, as `tariff preview examples/acme.yaml` prints it:
/// every line amount the page shows, and the total 1,122.47 EUR.
@Suite("The billing page's example invoice")
struct AcmeInvoiceTests {
    struct Line: Equatable, CustomStringConvertible {
        var quantity: Int
        var unitPrice: String
        var amount: String
        var description: String { "\(quantity) × \(unitPrice) = \(amount)" }
    }

    /// The page's lines, in the invoice's order: 10 licenses, 3 numbers, then the licenses
    /// added since the last invoice (119.74, 3 × 64.00, 2 × 46.93, 61.87).
    static let pageLines = [
        Line(quantity: 10, unitPrice: "64.00", amount: "640.00"),
        Line(quantity: 3, unitPrice: "5.00", amount: "15.00"),
        Line(quantity: 1, unitPrice: "119.74", amount: "119.74"),
        Line(quantity: 3, unitPrice: "64.00", amount: "192.00"),
        Line(quantity: 2, unitPrice: "46.93", amount: "93.86"),
        Line(quantity: 1, unitPrice: "61.87", amount: "61.87"),
    ]

    func invoice() throws -> [String: Any] {
        let output = try CommandRunner.run(["preview", "examples/acme.yaml", "--format", "json"])
        try #require(output.status == 0, "tariff preview failed: \(output.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
        return try #require(object as? [String: Any])
    }

    @Test func totalIs1122_47() throws {
        let invoice = try invoice()
        #expect(invoice["account"] as? String == "ACME-001")
        #expect(invoice["currency"] as? String == "EUR")
        #expect(invoice["subtotal"] as? String == "1122.47")
        #expect(invoice["credits"] as? String == "0.00")
        #expect(invoice["total"] as? String == "1122.47")
        #expect((invoice["violations"] as? [Any])?.isEmpty == true)
    }

    @Test func everyLineOfThePage() throws {
        let lines = try #require(try invoice()["lines"] as? [[String: Any]])
        let found = lines.map { line in
            Line(quantity: line["quantity"] as? Int ?? -1, unitPrice: line["unit_price"] as? String ?? "?",
                 amount: line["amount"] as? String ?? "?")
        }
        #expect(found == Self.pageLines)
    }

    /// The prorated lines come from dates in the snapshot on the actual-days basis.
    @Test func proratedLinesComeFromDates() throws {
        let lines = try #require(try invoice()["lines"] as? [[String: Any]])
        let prorated = lines.filter { $0["rule"] as? String == "added_licenses" }
        let found = prorated.map { line -> String in
            let interval = line["interval"] as? [String: String] ?? [:]
            return "\(interval["start"] ?? "?")..<\(interval["end"] ?? "?") \(line["fraction"] as? String ?? "?") \(line["basis"] as? String ?? "?")"
        }
        #expect(found == [
            "2026-03-05..<2026-05-01 58/31 actual-days",   // 27/31 + 30/30
            "2026-04-01..<2026-05-01 1 actual-days",
            "2026-04-09..<2026-05-01 11/15 actual-days",   // 22/30
            "2026-04-02..<2026-05-01 29/30 actual-days",
        ])
    }

    /// The lines add up to the subtotal, in exact decimals.
    @Test func linesAddUpToTheTotal() throws {
        let invoice = try invoice()
        let lines = try #require(invoice["lines"] as? [[String: Any]])
        var sum = ExactDecimal(0)
        for line in lines {
            sum = try sum.adding(ExactDecimal(parsing: try #require(line["amount"] as? String)))
        }
        #expect(sum == (try ExactDecimal(parsing: "1122.47")))
    }

    @Test func tableShowsTheTotal() throws {
        let output = try CommandRunner.run(["preview", "examples/acme.yaml"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("Total      1,122.47 EUR"))
        for line in Self.pageLines {
            #expect(output.stdout.contains(line.unitPrice), "unit price \(line.unitPrice) on the table")
        }
    }
}
