// Fuzz target (c): the snapshot readers (YAML and JSON, chosen by content) and the
// snapshot decoder, with the repository's rules; a snapshot that decodes is then previewed,
// a license removal decided and a license purchase quoted. The JSON fast path reads every
// input too, fresh and recycling the snapshot the input before left: where it answers, it
// must answer what the slow path does, and the same both ways.

import TariffBilling
import TariffCore
import TariffYAML

let engine = FuzzSupport.engine
let fastReader = JSONSnapshotReader(decoder: {
    var decoder = engine.decoder
    decoder.maxListLength = FuzzSupport.readLimits.maxListLength
    return decoder
}(), limits: FuzzSupport.readLimits)
/// The snapshot the fast path read last, recycled by the next input's read (one thread).
nonisolated(unsafe) var recycled: Record?

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSnapshot(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let file = "fuzz-snapshot"
    let fresh = bytes.withUnsafeBufferPointer { fastReader.read($0) }
    let reused = bytes.withUnsafeBufferPointer { fastReader.read($0, reusing: recycled.take()) }
    if reused != fresh { fatalError("the fast path read differently when recycling the snapshot before") }
    recycled = reused
    let document: SourceDocument
    switch DocumentReader.read(bytes: bytes, file: file, limits: FuzzSupport.readLimits) {
    case let .success(read): document = read
    case let .failure(error):
        if fresh != nil { fatalError("the fast path read what the slow path rejects") }
        FuzzSupport.render(error.diagnostics, file, String(decoding: bytes, as: UTF8.self))
        return 0
    }
    var decoder = engine.decoder
    decoder.maxListLength = FuzzSupport.readLimits.maxListLength
    let snapshot: Record
    switch decoder.decode(document) {
    case let .success(record): snapshot = record
    case let .failure(error):
        if fresh != nil { fatalError("the fast path read what the slow path rejects") }
        FuzzSupport.render(error.diagnostics, file, document.text)
        return 0
    }
    if let fresh, fresh != snapshot { fatalError("the fast path read differently from the slow path") }
    switch engine.preview(snapshot, asOf: FuzzSupport.asOf, trace: true) {
    case let .success(preview): _ = JSONWriter.render(preview.invoice.json, pretty: true)
    case let .failure(error): FuzzSupport.render([error.diagnostic], file, document.text)
    }
    for (action, fields) in [("remove-license", [("license", "L07")]), ("add-licenses", [("count", "3"), ("on", "2026-04-10")])] {
        guard let type = engine.requestType(for: action) else { continue }
        let position = SourcePosition(file: "<request>", line: 1, column: 1)
        let entries = fields.map { SourceEntry(key: SourceNode(.scalar($0.0, .plain), at: position),
                                               value: SourceNode(.scalar($0.1, .plain), at: position)) }
        let request = SnapshotDecoder(type: type, currency: engine.graph.settings.currency)
            .decode(SourceDocument(file: "<request>", text: "", root: SourceNode(.mapping(entries), at: position)))
        guard case let .success(record) = request else { continue }
        _ = engine.decide(action, request: record, snapshot: snapshot, asOf: FuzzSupport.asOf)
        _ = engine.quote(action, request: record, snapshot: snapshot, asOf: FuzzSupport.asOf)
    }
    return 0
}
