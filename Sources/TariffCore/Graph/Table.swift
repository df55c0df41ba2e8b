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

    /// The value of the row whose key is held inline as `words`, or nil.
    @inline(__always)
    func row(_ words: InlineText) -> Value? { rows.row(words) }

    /// Where a row is declared, for coverage reports.
    public func position(ofRow key: String) -> SourcePosition? { rowPositions[key] }

    /// The trace label of a lookup: `seat_price["ADVANCED"]`.
    public static func label(_ table: String, _ key: String) -> String { "\(table)[\"\(key)\"]" }
}

/// The rows of a table by key: an open-addressing hash table. A key of up to 15 bytes of
/// UTF-8 (the codes tables are keyed by: `ADVANCED`, `FR`) is hashed and compared as the
/// two words `String` holds it in (``InlineText``), without reading the bytes out; a longer
/// key is hashed over its UTF-8 with FNV-1a. Both cost a fraction of `Dictionary`'s seeded
/// SipHash. Keys match by their UTF-8 bytes. A later row with the same key wins, as a
/// dictionary assignment would.
///
/// - Complexity: O(1) expected per lookup, whatever the number of rows.
struct RowIndex: Sendable {
    private let keys: [String]
    /// Per row: the key's words when it is held inline (see ``InlineText``), else nil.
    private let words: [InlineText?]
    private let values: [Value]
    /// Per bucket: the row's index plus one, or 0 when empty.
    private let buckets: [Int32]
    private let mask: Int

    init(_ rows: [(String, Value)]) {
        var keys: [String] = []
        var words: [InlineText?] = []
        var values: [Value] = []
        var capacity = 8
        while capacity < rows.count * 2 { capacity *= 2 }
        var buckets = [Int32](repeating: 0, count: capacity)
        let mask = capacity - 1
        for (key, value) in rows {
            let keyWords = Self.words(key)
            let bucket = Self.bucket(of: key, keyWords, buckets: buckets, mask: mask, keys: keys, words: words).bucket
            if buckets[bucket] != 0 {
                values[Int(buckets[bucket]) - 1] = value
            } else {
                keys.append(key)
                words.append(keyWords)
                values.append(value)
                buckets[bucket] = Int32(truncatingIfNeeded: keys.count)
            }
        }
        self.keys = keys
        self.words = words
        self.values = values
        self.buckets = buckets
        self.mask = mask
    }

    /// The row of a key held inline (``InlineText``): read by its words, the key not
    /// copied out of where it lies.
    @inline(__always)
    func row(_ words: InlineText) -> Value? {
        var bucket = Int(truncatingIfNeeded: Self.hash(words)) & mask
        while true {
            let row = Int(buckets[bucket])
            if row == 0 { return nil }
            if self.words[row - 1] == words { return values[row - 1] }
            bucket = (bucket + 1) & mask
        }
    }

    subscript(key: String) -> Value? {
        if let keyWords = Self.words(key) { return row(keyWords) }
        var bucket = Int(truncatingIfNeeded: Self.hash(key, nil)) & mask
        while true {
            let row = Int(buckets[bucket])
            if row == 0 { return nil }
            if Self.matches(key, nil, keys[row - 1], words[row - 1]) { return values[row - 1] }
            bucket = (bucket + 1) & mask
        }
    }

    /// The buckets a lookup of `key` visits, up to its row or an empty bucket: its cost,
    /// which stays a few whatever the number of rows (TableLookupTests checks it on 10,000).
    func probes(_ key: String) -> Int {
        Self.bucket(of: key, Self.words(key), buckets: buckets, mask: mask, keys: keys, words: words).probes
    }

    /// The bucket that holds `key`, or the empty one where it would go, and how many
    /// buckets were visited to find it (linear probing from the key's hash).
    private static func bucket(of key: String, _ keyWords: InlineText?, buckets: [Int32], mask: Int, keys: [String],
                               words: [InlineText?]) -> (bucket: Int, probes: Int) {
        var bucket = Int(truncatingIfNeeded: hash(key, keyWords)) & mask
        var probes = 1
        while buckets[bucket] != 0, !matches(key, keyWords, keys[Int(buckets[bucket]) - 1], words[Int(buckets[bucket]) - 1]) {
            bucket = (bucket + 1) & mask
            probes += 1
        }
        return (bucket, probes)
    }

    /// The words of `key` held inline; nil when it is longer than 15 bytes. A short key
    /// held out of line (what is left of a long string after removals) is copied inline
    /// first, so equal text always meets equal words.
    @inline(__always)
    static func words(_ key: String) -> InlineText? {
        if let words = InlineText(key) { return words }
        guard key.utf8.count <= 15 else { return nil }
        return InlineText(String(decoding: Array(key.utf8), as: UTF8.self))
    }

    @inline(__always)
    static func matches(_ key: String, _ keyWords: InlineText?, _ row: String, _ rowWords: InlineText?) -> Bool {
        if let keyWords { return keyWords == rowWords }
        return rowWords == nil && key.utf8.elementsEqual(row.utf8)
    }

    @inline(__always)
    static func hash(_ key: String, _ words: InlineText?) -> UInt64 {
        if let words { return hash(words) }
        if let hash = key.utf8.withContiguousStorageIfAvailable(Self.hash) { return hash }
        return Array(key.utf8).withUnsafeBufferPointer(Self.hash)
    }

    /// Both words folded into one, then MurmurHash3's 64-bit finalizer, so that every bit
    /// of the key reaches the low bits the bucket is taken from. (A single multiplication
    /// and one fold, as before, left the key's 7th and 8th bytes out of them: `ROW-1200`
    /// to `ROW-1299` shared a bucket, and 10,000 such keys took 176 probes a lookup.)
    @inline(__always)
    static func hash(_ words: InlineText) -> UInt64 {
        var mixed = words.low ^ (words.high &* 0x9E37_79B9_7F4A_7C15)
        mixed = (mixed ^ (mixed >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        mixed = (mixed ^ (mixed >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return mixed ^ (mixed >> 33)
    }

    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        // Fold the high bits down: the bucket is taken from the low ones.
        return hash ^ (hash >> 29)
    }
}
