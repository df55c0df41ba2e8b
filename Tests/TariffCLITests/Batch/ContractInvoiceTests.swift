import ArgumentParser
import Foundation
@testable import tariff
import TariffBilling
import TariffCore
import Testing

/// `tariff bill --format json` writes DESIGN.md's contract straight into bytes
/// (``ContractInvoice``); it must be byte for byte what `JSONWriter.render(invoice.json)`
/// gives, on real invoices (prorated lines with their interval, fraction and basis; usage
/// lines with date, team, user and unbilled ones; violations with details) and on text that
/// needs escaping.
@Suite struct ContractInvoiceTests {
    static let root = CommandRunner.packageRoot.path

    static func invoice(_ example: String) throws -> Invoice {
        var workspace = Workspace(try RuleOptions.parse(["--rules", root + "/rules"]))
        let engine = try workspace.engine()
        let (snapshot, document) = try workspace.snapshot(root + "/examples/" + example, engine: engine)
        let asOf = try workspace.asOf(nil, document: document)
        return try engine.preview(snapshot, asOf: asOf).get().invoice
    }

    static func written(_ invoice: Invoice) -> String {
        var out: [UInt8] = []
        ContractInvoice.write(invoice, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test(arguments: ["acme.yaml", "globex.yaml", "initech.yaml"])
    func sameBytesAsTheContractWriter(example: String) throws {
        let invoice = try Self.invoice(example)
        #expect(!invoice.lines.isEmpty)
        #expect(Self.written(invoice) == JSONWriter.render(invoice.json))
    }

    @Test("the examples cover every optional field a billed line has, and a violation")
    func examplesCoverTheOptionalFields() throws {
        let invoices = try ["acme.yaml", "globex.yaml", "initech.yaml"].map(Self.invoice)
        let lines = invoices.flatMap(\.lines)
        #expect(lines.contains { $0.interval != nil && $0.fraction != nil && $0.basis != nil })
        #expect(lines.contains { $0.date != nil && $0.team != nil && $0.user != nil })
        #expect(!invoices.flatMap(\.violations).isEmpty)
    }

    @Test("a violation's details of every type, and a line not billed")
    func detailsAndUnbilledLines() throws {
        var invoice = try Self.invoice("globex.yaml")
        try #require(!invoice.violations.isEmpty)
        invoice.violations[0].details = [
            OutcomeValue(name: "e164", value: .string("+4420 \"7946\"")),
            OutcomeValue(name: "count", value: .int(3)),
            OutcomeValue(name: "allowed", value: .bool(false)),
            OutcomeValue(name: "fee", value: .money(Money(try ExactDecimal(parsing: "4.50"), .eur))),
            OutcomeValue(name: "from", value: .date(try CivilDate(parsing: "2026-03-05"))),
        ]
        invoice.lines[0].billed = false
        let written = Self.written(invoice)
        #expect(written.contains(#""details":{"e164":"+4420 \"7946\"","count":3,"allowed":false,"fee":"4.50","from":"2026-03-05"}"#))
        #expect(written.contains(#""billed":false"#))
        #expect(written == JSONWriter.render(invoice.json))
    }

    @Test("text that needs escaping, and text that does not fit the writer's buffer")
    func escapedText() throws {
        var invoice = try Self.invoice("acme.yaml")
        invoice.account = "ACME \"quoted\" \\ tab\t newline\n bell\u{07} Zürich 東京"
        invoice.lines[0].label = String(repeating: "a long label é ", count: 200) + "\u{1F}"
        invoice.lines[0].team = "team\r"
        #expect(Self.written(invoice) == JSONWriter.render(invoice.json))
    }
}
