/// A lookup table declared in a rule file: rows keyed by text, one typed value per row.
///
/// ```yaml
/// tables:
///   seat_price:
///     type: money
///     rows: { ESSENTIAL: 29.00, SMART: 44.00, ADVANCED: 64.00 }
/// ```
///
/// - Complexity: lookups hash the key, O(1) in the number of rows.
public struct Table: Sendable {
    public let name: String
    public let valueType: ValueType
    /// Keys in the order they were declared.
    public let keys: [String]
    public let position: SourcePosition
    let rows: RowIndex
    let rowPositions: [String: SourcePosition]

    public init(name: String, valueType: ValueType, rows: [(key: String, value: Value, position: SourcePosition)],
                position: SourcePosition) {
        self.name = name
        self.valueType = valueType
        self.keys = rows.map(\.key)
        self.position = position
        var positions: [String: SourcePosition] = [:]
        for row in rows { positions[row.key] = row.position }
        self.rows = RowIndex(rows.map { ($0.key, $0.value) })
        self.rowPositions = positions
    }

    /// The value of a row, or nil.
    public subscript(key: String) -> Value? { rows[key] }

    /// Where a row is declared, for coverage reports.
    public func position(ofRow key: String) -> SourcePosition? { rowPositions[key] }

    /// The trace label of a lookup: `seat_price["ADVANCED"]`.
    public static func label(_ table: String, _ key: String) -> String { "\(table)[\"\(key)\"]" }
}

/// The rows of a table by key: an open-addressing hash table over the keys' UTF-8 with
/// FNV-1a, which for the short codes tables are keyed by (`ADVANCED`, `FR`) costs a
/// fraction of `Dictionary`'s seeded SipHash. A later row with the same key wins, as a
/// dictionary assignment would.
///
/// - Complexity: O(1) expected per lookup, whatever the number of rows.
struct RowIndex: Sendable {
    private let keys: [String]
    private let values: [Value]
    /// Per bucket: the row's index plus one, or 0 when empty.
    private let buckets: [Int32]
    private let mask: Int

    init(_ rows: [(String, Value)]) {
        var keys: [String] = []
        var values: [Value] = []
        var capacity = 8
        while capacity < rows.count * 2 { capacity *= 2 }
        var buckets = [Int32](repeating: 0, count: capacity)
        let mask = capacity - 1
        for (key, value) in rows {
            var bucket = Int(truncatingIfNeeded: Self.hash(key)) & mask
            while buckets[bucket] != 0, keys[Int(buckets[bucket]) - 1] != key { bucket = (bucket + 1) & mask }
            if buckets[bucket] != 0 {
                values[Int(buckets[bucket]) - 1] = value
            } else {
                keys.append(key)
                values.append(value)
                buckets[bucket] = Int32(truncatingIfNeeded: keys.count)
            }
        }
        self.keys = keys
        self.values = values
        self.buckets = buckets
        self.mask = mask
    }

    subscript(key: String) -> Value? {
        var bucket = Int(truncatingIfNeeded: Self.hash(key)) & mask
        while true {
            let row = Int(buckets[bucket])
            if row == 0 { return nil }
            if keys[row - 1] == key { return values[row - 1] }
            bucket = (bucket + 1) & mask
        }
    }

    @inline(__always)
    static func hash(_ key: String) -> UInt64 {
        if let hash = key.utf8.withContiguousStorageIfAvailable(Self.hash) { return hash }
        return Array(key.utf8).withUnsafeBufferPointer(Self.hash)
    }

    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        // Fold the high bits down: the bucket is taken from the low ones.
        return hash ^ (hash >> 29)
    }
}
