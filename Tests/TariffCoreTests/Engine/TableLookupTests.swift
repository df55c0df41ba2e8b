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

    @Test("a short key finds its row however the String holds it: inline, or out of line after removals")
    func shortKeyOutOfLine() {
        // What is left of a long string after removals keeps its out-of-line storage.
        var outOfLine = "FR" + String(repeating: "z", count: 40)
        outOfLine.removeLast(40)
        #expect(outOfLine == "FR")
        #expect(InlineText(outOfLine) == nil)
        #expect(InlineText("FR") != nil)
        #expect(RowIndex.words(outOfLine) == RowIndex.words("FR"))
        let table = Self.table([("FR", .int(1)), ("US", .int(2))])
        #expect(table[outOfLine] == .int(1))
        // Declared out of line, looked up inline.
        let declared = Self.table([(outOfLine, .int(7)), ("GB", .int(8))])
        #expect(declared["FR"] == .int(7))
        #expect(declared["GB"] == .int(8))
        #expect(declared["FRz"] == nil)
        // Fifteen bytes are the most a key held inline has; sixteen are hashed as bytes.
        let fifteen = String(repeating: "k", count: 15), sixteen = String(repeating: "k", count: 16)
        #expect(InlineText(fifteen) != nil)
        #expect(RowIndex.words(sixteen) == nil)
        let edges = Self.table([(fifteen, .int(15)), (sixteen, .int(16))])
        #expect(edges[fifteen] == .int(15))
        #expect(edges[sixteen] == .int(16))
        #expect(edges[String(repeating: "k", count: 14)] == nil)
    }

    @Test("a key declared twice keeps its last row")
    func laterRowWins() {
        let table = Self.table([("FR", .int(1)), ("US", .int(2)), ("FR", .int(3))])
        #expect(table["FR"] == .int(3))
        #expect(table["US"] == .int(2))
        #expect(table.keys == ["FR", "US", "FR"])
    }
}
