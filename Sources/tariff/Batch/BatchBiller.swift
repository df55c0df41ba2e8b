import TariffBilling
import TariffCore
import TariffYAML

/// Bills one account per JSON line: reads the line, decodes it into the rules' input
/// type, evaluates the invoice and appends it as one line of JSON to a buffer.
///
/// A value shared by every worker thread; each call is independent. A bad account yields
/// a ``Failure`` (its line, its id when it has one, the diagnostics) and nothing in the
/// output.
struct BatchBiller: Sendable {
    enum Format: String, CaseIterable, Sendable {
        /// DESIGN.md's JSON contract (`tariff preview --format json`), on one line.
        case json
        /// The peers' canonical invoice (see ``PeersInvoice``).
        case peers
    }

    struct Failure: Sendable {
        var line: Int
        var account: String?
        var diagnostics: [Diagnostic]
    }

    enum Outcome {
        case billed
        /// Not in this shard.
        case skipped
        case failed(Failure)
    }

    let engine: BillingEngine
    let decoder: SnapshotDecoder
    let format: Format
    /// The `--as-of` date; otherwise each line's `as_of`.
    let asOf: CivilDate?
    let limits: ReadLimits
    let shard: Shard?
    /// The name diagnostics carry for the input.
    let file: String
    /// Reads valid lines straight into records; anything else takes the slow path.
    let fast: JSONSnapshotReader
    /// Where the fast path finds the account id, found once rather than by name per line.
    let idPath: AccountIDPath
    /// The date the fast path bills at; nil when each line's `as_of` must be read (the
    /// slow path's job).
    let fastAsOf: CivilDate?

    /// Slots of the account id in the input type: the top-level `id`, else `account.id`.
    enum AccountIDPath: Sendable {
        case topLevel(Int)
        /// `account` at the first slot; `id` in it at the second, if it has one.
        case nested(Int, Int?)
        case none
    }

    init(engine: BillingEngine, format: Format, asOf: CivilDate?, limits: ReadLimits, shard: Shard?, file: String) {
        self.engine = engine
        var decoder = engine.decoder
        decoder.maxListLength = limits.maxListLength
        self.decoder = decoder
        self.format = format
        self.asOf = asOf
        self.limits = limits
        self.shard = shard
        self.file = file
        self.fast = JSONSnapshotReader(decoder: decoder, limits: limits)
        let type = decoder.type
        if let slot = type.slot(of: "id") {
            idPath = .topLevel(slot)
        } else if let slot = type.slot(of: "account") {
            // The fast path builds records of the schema's own types, so the nested type is
            // known here whenever the value is a record.
            var nested: RecordType?
            switch type.fields[slot].type {
            case let .record(record), let .optional(.record(record)): nested = record
            default: nested = nil
            }
            idPath = .nested(slot, nested?.slot(of: "id"))
        } else {
            idPath = .none
        }
        // An as-of date from the snapshot is the slow path's to read.
        fastAsOf = asOf ?? (engine.graph.readsAsOf || type.slot(of: "as_of") != nil ? nil : Self.unusedAsOf)
    }

    /// When no rule reads `as_of`, this stands in for it: the results cannot depend on it.
    static let unusedAsOf = CivilDate(daysSinceEpoch: 0)

    /// Bills the account on line `number` (1-based) and appends its invoice and a newline
    /// to `out`.
    func bill(_ line: [UInt8], number: Int, into out: inout [UInt8]) -> Outcome {
        var previous: Record?
        return bill(line, number: number, into: &out, reusing: &previous)
    }

    /// As ``bill(_:number:into:)``, with the snapshot read before (`previous`) recycled for
    /// this one's records and lists where nothing else holds them (see
    /// ``JSONSnapshotReader/read(_:reusing:)``); `previous` is then this account's snapshot,
    /// for the next call. A worker billing accounts one after another passes the same one.
    func bill(_ line: [UInt8], number: Int, into out: inout [UInt8], reusing previous: inout Record?) -> Outcome {
        if let outcome = billFast(line, number: number, into: &out, reusing: &previous) { return outcome }
        let document: SourceDocument
        switch JSONReader.read(bytes: line, file: file, limits: limits) {
        case let .success(read): document = read
        case let .failure(error): return .failed(Failure(line: number, account: nil, diagnostics: located(error.diagnostics, number)))
        }
        let account = Self.accountID(document.root)
        if let shard, !shard.contains(account ?? "") { return .skipped }
        func fail(_ diagnostics: [Diagnostic]) -> Outcome {
            .failed(Failure(line: number, account: account, diagnostics: located(diagnostics, number)))
        }
        var date = asOf
        if date == nil, let node = document.root["as_of"] {
            guard let text = node.scalar, let parsed = try? CivilDate(parsing: text) else {
                return fail([.error("snapshot.type", "as_of is not a date in the form YYYY-MM-DD", at: node.position)])
            }
            date = parsed
        }
        if date == nil {
            guard !engine.graph.readsAsOf else {
                return fail([.error("cli.as-of", "no as-of date", at: document.root.position,
                                    hint: "pass --as-of YYYY-MM-DD, or give each account an 'as_of' field")])
            }
            date = Self.unusedAsOf
        }
        let record: Record
        switch decoder.decode(document) {
        case let .success(decoded): record = decoded
        case let .failure(error): return fail(error.diagnostics)
        }
        switch engine.preview(record, asOf: date ?? Self.unusedAsOf) {
        case let .success(preview):
            write(preview.invoice, into: &out)
            out.append(UInt8(ascii: "\n"))
            return .billed
        case let .failure(error):
            return fail([error.diagnostic])
        }
    }

    /// The fast path: nil when the line needs the slow one (to be billed or to be diagnosed).
    private func billFast(_ line: [UInt8], number: Int, into out: inout [UInt8], reusing previous: inout Record?) -> Outcome? {
        guard let record = line.withUnsafeBufferPointer({ fast.read($0, reusing: previous.take()) }) else { return nil }
        // Kept for the next account's read, once this one's invoice is gone.
        defer { previous = record }
        // The id as the slow path reads it: top-level `id`, else `account.id`, as text.
        var account: String?
        switch idPath {
        case let .topLevel(slot):
            guard case let .string(id) = record[slot] else { return nil }
            account = id
        case let .nested(slot, idSlot):
            guard case let .record(nested) = record[slot] else { return nil }
            if let idSlot {
                guard case let .string(id) = nested[idSlot] else { return nil }
                account = id
            }
        case .none:
            break
        }
        if let shard, !shard.contains(account ?? "") { return .skipped }
        guard let date = fastAsOf else { return nil }
        switch engine.preview(record, asOf: date) {
        case let .success(preview):
            write(preview.invoice, into: &out)
            out.append(UInt8(ascii: "\n"))
            return .billed
        case let .failure(error):
            return .failed(Failure(line: number, account: account, diagnostics: [error.diagnostic]))
        }
    }

    func write(_ invoice: Invoice, into out: inout [UInt8]) {
        switch format {
        case .json: ContractInvoice.write(invoice, into: &out)
        case .peers: PeersInvoice.write(invoice, into: &out)
        }
    }

    /// The account's id, for shards and error lines: the top-level `id`, else `account.id`.
    static func accountID(_ root: SourceNode) -> String? {
        if let id = root["id"]?.scalar { return id }
        return root["account"]?["id"]?.scalar
    }

    /// Positions of a one-line document moved to the line it came from.
    private func located(_ diagnostics: [Diagnostic], _ number: Int) -> [Diagnostic] {
        diagnostics.map { diagnostic in
            var moved = diagnostic
            if var position = moved.position, position.file == file {
                position.line += number - 1
                moved.position = position
            }
            return moved
        }
    }
}

/// `--shard K/N`: the accounts whose id hashes (64-bit FNV-1a of its UTF-8) to K modulo N,
/// with K counted from 0 as Kubernetes' `JOB_COMPLETION_INDEX` is. The hash is fixed, so
/// every machine splits the same input the same way.
struct Shard: Sendable, Hashable {
    let index: UInt64
    let count: UInt64

    init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = UInt64(parts[0]), let count = UInt64(parts[1]), count > 0, index < count else {
            return nil
        }
        self.index = index
        self.count = count
    }

    func contains(_ id: String) -> Bool { Self.fnv1a(id) % count == index }

    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash
    }
}
