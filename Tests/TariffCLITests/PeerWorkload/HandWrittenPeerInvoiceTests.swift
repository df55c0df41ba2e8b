import ArgumentParser
import Foundation
@testable import tariff
import TariffBilling
import TariffCore
import TariffYAML
import Testing

/// The peers' workload written by hand (``HandWrittenPeerInvoice``), which
/// `tariff bench --hand-written` times next to Tariff: it must bill each account exactly as
/// Tariff does with `Benchmarks/peer-rules` (else the bench would compare different work),
/// and its check must catch an invoice that differs.
@Suite("Hand-written peer workload")
struct HandWrittenPeerInvoiceTests {
    static let root = CommandRunner.packageRoot.path

    /// Accounts that reach each branch: a price on an exact half cent, a foreign number with
    /// and without a verified address, a country with the default fee, no base licenses,
    /// credits above the subtotal, a leap February.
    static let accounts = [
        #"{"id":"half-cent","country":"FR","plan":"ESSENTIALS","period":{"start":"2024-04-01","end":"2024-05-01"},"#
            + #""licenses":{"base":3,"added":[{"date":"2024-04-30"},{"date":"2024-04-02"}]},"#
            + #""numbers":[{"e164":"+33100000001","country":"FR"},{"e164":"+34100000002","country":"ES"},"#
            + #"{"e164":"+44100000003","country":"GB"},{"e164":"+12100000004","country":"US"}],"#
            + #""verified_address_countries":["ES","US"],"credits":"10.5"}"#,
        #"{"id":"no-base","country":"US","plan":"ULTIMATE","period":{"start":"2024-02-01","end":"2024-03-01"},"#
            + #""licenses":{"base":0,"added":[{"date":"2024-02-29"}]},"numbers":[{"e164":"+33100000005","country":"FR"}],"#
            + #""verified_address_countries":[],"credits":"100000.00"}"#,
    ]

    static func engineAndRecords() throws -> (BillingEngine, [Record]) {
        var workspace = Workspace(try RuleOptions.parse(["--rules", root + "/Benchmarks/peer-rules"]))
        let engine = try workspace.engine()
        let records = try accounts.map { text in
            try engine.decoder.decode(try JSONReader.read(text, file: "account.json").get()).get()
        }
        return (engine, records)
    }

    static func invoice(_ record: Record, prices: HandWrittenPeerInvoice.Prices = .peers) throws -> HandWrittenPeerInvoice {
        let account = try #require(HandWrittenPeerInvoice.Account(record))
        return try #require(HandWrittenPeerInvoice(account, prices: prices))
    }

    @Test("bills every branch of the workload exactly as Tariff does")
    func agreesWithTariff() throws {
        let (engine, records) = try Self.engineAndRecords()
        for record in records {
            let invoice = try Self.invoice(record)
            let tariff = try engine.preview(record, asOf: BatchBiller.unusedAsOf).get().invoice
            #expect(invoice.differences(from: tariff) == [], "\(invoice.account)")
        }
    }

    @Test("the half cent rounds up, the unverified foreign number is a violation, credits stop at zero")
    func theBranches() throws {
        let (_, records) = try Self.engineAndRecords()
        let first = try Self.invoice(records[0])
        let labels = first.lines.map { String(decoding: first.labels[$0.label], as: UTF8.self) }
        #expect(labels == ["ESSENTIALS license",
                           "ESSENTIALS license added 2024-04-30 (prorated 1/30 days)",
                           "ESSENTIALS license added 2024-04-02 (prorated 29/30 days)",
                           "Phone number +33100000001 (FR)",
                           "Phone number +34100000002 (ES)",
                           "Phone number +12100000004 (US)"])
        // 19.95 × 1/30 = 0.665: half up to 0.67; 19.95 × 29/30 = 19.285: 19.29.
        #expect(first.lines.map(\.unitCents) == [1995, 67, 1929, 500, 600, 300])
        #expect(first.lines[0].amountCents == 5985)
        #expect(first.violations.map(\.e164) == ["+44100000003"])
        #expect(first.subtotalCents == 5985 + 67 + 1929 + 500 + 600 + 300)
        #expect(first.creditsAppliedCents == 1050)
        #expect(first.totalCents == first.subtotalCents - 1050)

        let second = try Self.invoice(records[1])
        // 89.50 × 1/29 = 3.0862…: 3.09; the French number is foreign to a US account, unverified.
        #expect(second.lines.map(\.unitCents) == [8950, 309])
        #expect(second.lines[0].amountCents == 0)
        #expect(second.violations.map(\.country) == ["FR"])
        #expect(second.creditsAppliedCents == second.subtotalCents)
        #expect(second.totalCents == 0)
    }

    @Test("its check reports a line priced otherwise than Tariff's")
    func disagreementIsReported() throws {
        let (engine, records) = try Self.engineAndRecords()
        var prices = HandWrittenPeerInvoice.Prices.peers
        prices.numberFees[0].cents = 501   // FR: 5.01 instead of 5.00
        let invoice = try Self.invoice(records[0], prices: prices)
        let differences = invoice.differences(from: try engine.preview(records[0], asOf: BatchBiller.unusedAsOf).get().invoice)
        #expect(differences.count == 2, "\(differences)")   // the line and the totals
        #expect(differences.first?.hasPrefix("line 4: 'Phone number +33100000001 (FR)' 1 × 5.00") == true, "\(differences)")
    }

    @Test("tariff bench --hand-written prints its table, after checking every account")
    func benchPrintsTheHandWrittenTable() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("medium.jsonl", Array((Self.accounts.joined(separator: "\n") + "\n").utf8))
        let output = try RuleToolsCLI.tariff(["bench", "--rules", "Benchmarks/peer-rules", "--hand-written",
                                              "--seconds", "0.01", "--runs", "1", path])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("| size | hand-written, parsed → invoice (µs/account, wall / CPU) |"), "\(output.stdout)")
        #expect(output.stdout.contains("\n| medium | "), "\(output.stdout)")
    }

    @Test("tariff bench --hand-written refuses an account the hand-written workload cannot bill, and says which")
    func benchRefusesAnAccountItCannotBill() throws {
        let directory = try TemporaryDirectory()
        // Tariff bills a tenth of a cent of credit; the hand-written workload counts in cents.
        let account = Self.accounts[1].replacingOccurrences(of: #""credits":"100000.00""#, with: #""credits":"0.005""#)
        #expect(account != Self.accounts[1])
        let path = try directory.write("medium.jsonl", Array((Self.accounts[0] + "\n" + account + "\n").utf8))
        let output = try RuleToolsCLI.tariff(["bench", "--rules", "Benchmarks/peer-rules", "--hand-written",
                                              "--seconds", "0.01", "--runs", "1", path])
        #expect(output.status == 2, "\(output.stdout)")
        #expect(output.stderr.contains("line 2 of '\(path)' is not an account the hand-written workload reads"), "\(output.stderr)")
        #expect(output.stderr.contains("credits in whole cents"), "\(output.stderr)")
        #expect(!output.stdout.contains("hand-written, parsed → invoice"))
    }
}
