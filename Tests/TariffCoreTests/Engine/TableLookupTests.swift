import Testing
@testable import TariffCore

/// Table rows are found by key through ``RowIndex``: every key declared finds its own row,
/// any other key finds none, and a key declared twice keeps its last row, as a dictionary
/// assignment would.
@Suite("table lookups") struct TableLookupTests {
    static let at = SourcePosition(file: "t.yaml", line: 1, column: 1)

    static func table(_ rows: [(String, Value)]) -> Table {
        Table(name: "t", valueType: .int, rows: rows.map { (key: $0.0, value: $0.1, position: at) }, position: at)
    }

    @Test("every one of 10,000 keys finds its own row; keys not declared find none")
    func everyKeyFindsItsRow() {
        let table = Self.table((0..<10_000).map { ("ROW-\($0)", .int(Int64($0))) })
        for index in 0..<10_000 {
            #expect(table["ROW-\(index)"] == .int(Int64(index)))
        }
        for missing in ["", "ROW-10000", "row-1", "ROW-01", "ROW-1 "] {
            #expect(table[missing] == nil)
        }
    }

    @Test("short codes, long keys, non-ASCII keys and the empty key")
    func keysOfAnyShape() {
        let keys = ["FR", "US", "GB", "default", "ADVANCED", "a-key-longer-than-fifteen-bytes", "Zürich", "東京", ""]
        let table = Self.table(keys.enumerated().map { ($1, .int(Int64($0))) })
        for (index, key) in keys.enumerated() {
            #expect(table[key] == .int(Int64(index)), "\(key)")
        }
        #expect(table["Zurich"] == nil)
        #expect(table["fr"] == nil)
    }

    @Test("a key declared twice keeps its last row")
    func laterRowWins() {
        let table = Self.table([("FR", .int(1)), ("US", .int(2)), ("FR", .int(3))])
        #expect(table["FR"] == .int(3))
        #expect(table["US"] == .int(2))
        #expect(table.keys == ["FR", "US", "FR"])
    }
}
