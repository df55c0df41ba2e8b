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

    /// Issue #5: table lookups must not scan rows linearly. Counted, not timed: a scan
    /// would visit 5,000 rows on average of 10,000. Keys of up to 8 bytes (`ROW-1234`), keys
    /// of 15 whose last bytes differ (both words of an inline key), and keys too long to be
    /// held inline. (The hash of inline keys once left their 7th and 8th bytes out of the
    /// bucket: the 8-byte keys took 176 probes a lookup, and up to 900.)
    @Test("a lookup visits a bucket or two, not the rows: 10,000 rows", arguments: [
        "ROW-", "SKU-0000000", "customer-segment-of-the-catalogue-",
    ])
    func lookupsDoNotScanTheRows(prefix: String) {
        let key = { (index: Int) in prefix + String(index) }
        let table = Self.table((0..<10_000).map { (key($0), .int(Int64($0))) })
        let found = (0..<10_000).map { table.rows.probes(key($0)) }
        let missing = (10_000..<20_000).map { table.rows.probes(key($0)) }
        for (what, probes) in [("found", found), ("missing", missing)] {
            let mean = Double(probes.reduce(0, +)) / Double(probes.count)
            #expect(mean <= 3, "\(what): \(mean) buckets on average")
            #expect(probes.max()! <= 64, "\(what): \(probes.max()!) buckets at most")
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
