import Foundation
import TariffBilling
import TariffCore
import TariffYAML
import Testing

/// The project's own rules and examples, compiled and read the way the CLI does, plus small
/// snapshots written inline for one behaviour each.
enum BillingFixtures {
    /// The package root: the nearest directory above this file that holds `Package.swift`.
    static let root: String = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory.path
            }
            directory = directory.deletingLastPathComponent()
        }
        return FileManager.default.currentDirectoryPath
    }()

    /// The documents of `rules/*.yaml`, sorted by name, read with `DocumentReader`.
    static func ruleDocuments() throws -> [SourceDocument] {
        let directory = root + "/rules"
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".yaml") }.sorted()
        return try names.map { try DocumentReader.read(contentsOf: directory + "/" + $0).get() }
    }

    /// `rules/` compiled with the billing plugins.
    static func engine() throws -> BillingEngine {
        try BillingEngine.compile(try ruleDocuments()).get()
    }

    /// `rules/` compiled after replacing text in one file, to try another setting
    /// (`per: line` → `per: invoice`). Fails when the text is not there, so a changed rule
    /// file cannot turn the test into a no-op.
    static func engine(editing file: String, replacing old: String, with new: String) throws -> BillingEngine {
        var documents: [SourceDocument] = []
        for document in try ruleDocuments() {
            guard document.file.hasSuffix("/" + file) else {
                documents.append(document)
                continue
            }
            try #require(document.text.contains(old), "\(file) no longer contains '\(old)'")
            let text = document.text.replacingOccurrences(of: old, with: new)
            documents.append(try DocumentReader.read(bytes: Array(text.utf8), file: document.file).get())
        }
        return try BillingEngine.compile(documents).get()
    }

    /// A snapshot of `examples/`, by file name.
    static func example(_ name: String, engine: BillingEngine) throws -> Record {
        try engine.decoder.decode(try DocumentReader.read(contentsOf: root + "/examples/" + name).get()).get()
    }

    /// A snapshot of `examples/` with one piece of its text replaced (`credits: 0.00` →
    /// `credits: 250.00`); fails when the text is not there.
    static func example(_ name: String, replacing old: String, with new: String, engine: BillingEngine) throws -> Record {
        let document = try DocumentReader.read(contentsOf: root + "/examples/" + name).get()
        try #require(document.text.contains(old), "examples/\(name) no longer contains '\(old)'")
        return try snapshot(document.text.replacingOccurrences(of: old, with: new), engine: engine)
    }

    /// A snapshot from YAML text.
    static func snapshot(_ yaml: String, engine: BillingEngine) throws -> Record {
        try engine.decoder.decode(try DocumentReader.read(bytes: Array(yaml.utf8), file: "inline.yaml").get()).get()
    }

    /// An account snapshot in YAML; each list is given as flow mappings, one per element.
    static func account(plan: String = "ADVANCED", credits: String = "0.00", paymentMethod: String = "card",
                        licenses: [String] = [], numbers: [String] = [],
                        addresses: [String] = ["{ country: FR, verified: true }"],
                        documents: [String] = [], consumption: [String] = []) -> String {
        func list(_ items: [String]) -> String {
            items.isEmpty ? " []" : items.map { "\n    - " + $0 }.joined()
        }
        return """
        as_of: 2026-04-30
        account:
          id: TEST-1
          country: FR
          plan: \(plan)
          credits: \(credits)
          payment_method: \(paymentMethod)
          licenses:\(list(licenses))
          numbers:\(list(numbers))
          addresses:\(list(addresses))
          documents:\(list(documents))
          consumption:\(list(consumption))

        """
    }

    /// The as-of date of every example: the next invoice is May 2026's.
    static func asOf() throws -> CivilDate { try CivilDate(year: 2026, month: 4, day: 30) }

    /// The next invoice of a snapshot.
    static func invoice(_ snapshot: Record, engine: BillingEngine) throws -> Invoice {
        try engine.preview(snapshot, asOf: asOf()).get().invoice
    }

    /// A request for an action, from YAML text (`license: L01`), typed by the action's rule.
    static func request(_ action: String, _ yaml: String, engine: BillingEngine) throws -> Record {
        let type = try #require(engine.requestType(for: action), "no request type for '\(action)'")
        let document = try DocumentReader.read(bytes: Array((yaml.isEmpty ? "{}" : yaml).utf8), file: "request.yaml").get()
        return try SnapshotDecoder(type: type, currency: engine.graph.settings.currency).decode(document).get()
    }
}

extension ChargeLine {
    /// `2 × 46.93 = 93.86`, for comparing lines in one string.
    var summary: String { "\(quantity) × \(unitPrice.formatted) = \(amount.formatted)" }
}
