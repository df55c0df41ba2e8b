import TariffCore
import Testing

/// A field the schema does not declare, inside the snapshot, is an error with a hint: a
/// misspelt optional field (`paid_untill`) would otherwise read as absent and change the
/// bill without a word. The top level may carry more (`as_of`, a batch line's `id`).
@Suite("snapshot fields the schema does not declare")
struct SnapshotUnknownFieldTests {
    static let item = RecordType(name: "item", fields: [.init(name: "id", type: .string), .init(name: "paid_until", type: .optional(.date))])
    static let type = RecordType(name: "snapshot", fields: [
        .init(name: "account", type: .record(RecordType(name: "account", fields: [.init(name: "items", type: .list(.record(item)))]))),
    ])

    static func decode(_ item: [(String, String)], top: [(String, String)] = []) -> Result<Record, DiagnosticError> {
        func at(_ column: Int) -> SourcePosition { SourcePosition(file: "s.yaml", line: 1, column: column) }
        func entry(_ key: String, _ value: SourceNode, _ column: Int) -> SourceEntry {
            SourceEntry(key: SourceNode(.scalar(key, .plain), at: at(column)), value: value)
        }
        let fields = item.enumerated().map { entry($1.0, SourceNode(.scalar($1.1, .plain), at: at(100 + $0)), 10 * ($0 + 1)) }
        let account = SourceNode(.mapping([entry("items", SourceNode(.list([SourceNode(.mapping(fields), at: at(5))]), at: at(4)), 3)]),
                                 at: at(2))
        let extra = top.map { entry($0.0, SourceNode(.scalar($0.1, .plain), at: at(90)), 90) }
        let root = SourceNode(.mapping([entry("account", account, 1)] + extra), at: at(1))
        return SnapshotDecoder(type: type, currency: .eur).decode(SourceDocument(file: "s.yaml", text: "", root: root))
    }

    @Test func aMisspeltOptionalFieldIsAnError() throws {
        guard case let .failure(error) = Self.decode([("id", "A"), ("paid_untill", "2026-05-01")]) else {
            Issue.record("decoded")
            return
        }
        #expect(error.diagnostics.map(\.message) == ["unknown field 'paid_untill' in 'account.items[0]'"])
        #expect(error.diagnostics.first?.hint == "did you mean 'paid_until'?")
        #expect(error.diagnostics.first?.position?.column == 20)
    }

    @Test func aFieldNothingIsCloseToListsTheFields() throws {
        guard case let .failure(error) = Self.decode([("id", "A"), ("colour", "red")]) else {
            Issue.record("decoded")
            return
        }
        #expect(error.diagnostics.first?.hint == "its fields are: id, paid_until")
    }

    /// A misspelt required field is reported once, as missing, with the hint.
    @Test func aMisspeltRequiredFieldIsReportedOnce() throws {
        guard case let .failure(error) = Self.decode([("idd", "A")]) else {
            Issue.record("decoded")
            return
        }
        #expect(error.diagnostics.map(\.message) == ["missing field 'account.items[0].id' (String)"])
        #expect(error.diagnostics.first?.hint == "did you mean 'idd'?")
    }

    @Test func theTopLevelMayCarryMore() throws {
        #expect(throws: Never.self) { try Self.decode([("id", "A")], top: [("as_of", "2026-04-30"), ("id", "batch-7")]).get() }
    }
}
