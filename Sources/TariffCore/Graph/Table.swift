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
    let rows: [String: Value]
    let rowPositions: [String: SourcePosition]

    public init(name: String, valueType: ValueType, rows: [(key: String, value: Value, position: SourcePosition)],
                position: SourcePosition) {
        self.name = name
        self.valueType = valueType
        self.keys = rows.map(\.key)
        self.position = position
        var values: [String: Value] = [:]
        var positions: [String: SourcePosition] = [:]
        values.reserveCapacity(rows.count)
        for row in rows {
            values[row.key] = row.value
            positions[row.key] = row.position
        }
        self.rows = values
        self.rowPositions = positions
    }

    /// The value of a row, or nil.
    public subscript(key: String) -> Value? { rows[key] }

    /// Where a row is declared, for coverage reports.
    public func position(ofRow key: String) -> SourcePosition? { rowPositions[key] }

    /// The trace label of a lookup: `seat_price["ADVANCED"]`.
    public static func label(_ table: String, _ key: String) -> String { "\(table)[\"\(key)\"]" }
}
