// Fuzz target (a): the rule loader and compiler.
//
// The input is one or more rule files separated by a line `#--8<--`. Each is read as YAML
// (or JSON, by content), the readable ones compiled together with the billing plugins, and
// when they compile the example account is previewed, decided and quoted with them. Every
// diagnostic is rendered with its source. Anything but a trap is fine.

import TariffBilling
import TariffCore
import TariffYAML

let separator = Array("\n#--8<--\n".utf8)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRules(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var documents: [SourceDocument] = []
    var sources: [String: String] = [:]
    for (index, part) in split(bytes).enumerated() {
        let file = "fuzz-\(index)" + (index % 2 == 0 ? ".yaml" : "")
        switch DocumentReader.read(bytes: part, file: file, limits: FuzzSupport.readLimits) {
        case let .success(document):
            documents.append(document)
            sources[file] = document.text
        case let .failure(error):
            _ = DiagnosticRenderer(sources: sources).render(error.diagnostics)
        }
    }
    let engine: BillingEngine
    switch BillingEngine.compile(documents, limits: FuzzSupport.compileLimits) {
    case let .success(compiled): engine = compiled
    case let .failure(error):
        _ = DiagnosticRenderer(sources: sources).render(error.diagnostics)
        return 0
    }
    var decoder = engine.decoder
    decoder.maxListLength = FuzzSupport.readLimits.maxListLength
    guard case let .success(snapshot) = decoder.decode(FuzzSupport.acme) else { return 0 }
    switch engine.preview(snapshot, asOf: FuzzSupport.asOf, trace: true) {
    case let .success(preview): _ = JSONWriter.render(preview.invoice.json, pretty: true)
    case let .failure(error): _ = DiagnosticRenderer(sources: sources).render([error.diagnostic])
    }
    for action in engine.policyActions + engine.quoteActions {
        guard let type = engine.requestType(for: action) else { continue }
        // An empty request: every declared field absent, so only optional ones pass.
        let root = SourceNode(.mapping([]), at: SourcePosition(file: "<request>", line: 1, column: 1))
        let request = SnapshotDecoder(type: type, currency: engine.graph.settings.currency)
            .decode(SourceDocument(file: "<request>", text: "", root: root))
        guard case let .success(record) = request else { continue }
        _ = engine.decide(action, request: record, snapshot: snapshot, asOf: FuzzSupport.asOf)
        _ = engine.quote(action, request: record, snapshot: snapshot, asOf: FuzzSupport.asOf)
    }
    return 0
}

/// The input cut at every separator line.
func split(_ bytes: [UInt8]) -> [[UInt8]] {
    var parts: [[UInt8]] = []
    var start = 0
    var index = 0
    while index + separator.count <= bytes.count {
        if bytes[index] == separator[0], Array(bytes[index..<(index + separator.count)]) == separator {
            parts.append(Array(bytes[start..<index]))
            index += separator.count
            start = index
        } else {
            index += 1
        }
    }
    parts.append(Array(bytes[start...]))
    return parts
}
