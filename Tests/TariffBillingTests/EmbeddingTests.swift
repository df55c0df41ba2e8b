import Foundation
import TariffBilling
import TariffCore
import TariffYAML
import Testing

/// The README's "Embedding the library" snippet, run as written (paths from the repository root).
@Suite("Embedding, as the README shows it")
struct EmbeddingTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    @Test func readmeSnippetPreviewsTheExampleInvoice() throws {
        let documents = try ["rules/input.yaml", "rules/pricing.yaml", "rules/policies.yaml", "rules/checks.yaml"]
            .map { try DocumentReader.read(contentsOf: Self.root + "/" + $0).get() }
        let engine = try BillingEngine.compile(documents).get()
        let snapshot = try engine.decoder.decode(try DocumentReader.read(contentsOf: Self.root + "/examples/acme.yaml").get()).get()

        let preview = try engine.preview(snapshot, asOf: try CivilDate(year: 2026, month: 4, day: 30), trace: true).get()
        #expect(preview.invoice.total.description == "1122.47 EUR")
        #expect(preview.trace?.entries.isEmpty == false)
        let json = JSONWriter.render(preview.invoice.json)
        #expect(json.hasPrefix(#"{"account":"ACME-001","currency":"EUR","period":{"start":"2026-05-01","end":"2026-06-01"}"#))
        #expect(json.contains(#""total":"1122.47""#))
    }
}
