public import TariffCore

/// One line of an invoice as the charge kinds produce it: what was charged, how many, at
/// what unit price, for which interval, and which items of the rule's list it covers.
///
/// Lines travel between rules as records of ``ChargeLine/recordType``, so rules can read
/// them (`licenses.sum(l, l.amount)`) and the `invoice` kind can total them. A `ChargeLine`
/// is a typed view of such a record, not a copy: wrapping one and reading it back as a
/// ``value`` costs nothing, which is what the billing hot path does for every line.
public struct ChargeLine: Sendable, Hashable {
    /// The line as rules see it: a record of ``recordType``.
    public private(set) var record: Record

    public var rule: String {
        get { record[0].text ?? "" }
        set { record[0] = .string(newValue) }
    }
    public var label: String {
        get { record[1].text ?? "" }
        set { record[1] = .string(newValue) }
    }
    public var quantity: Int64 {
        get { if case let .int(quantity) = record[2] { quantity } else { 0 } }
        set { record[2] = .int(newValue) }
    }
    public var unitPrice: Money {
        get { Self.money(record[3]) }
        set { record[3] = .money(newValue) }
    }
    public var amount: Money {
        get { Self.money(record[4]) }
        set { record[4] = .money(newValue) }
    }
    public var interval: Period? {
        get { if case let .period(period) = record[5] { period } else { nil } }
        set { record[5] = newValue.map(Value.period) ?? .null }
    }
    /// The prorated fraction as text (`58/31`), for prorated lines.
    public var fraction: String? {
        get { record[6].text }
        set { record[6] = newValue.map(Value.string) ?? .null }
    }
    /// The proration basis that produced the fraction.
    public var basis: String? {
        get { record[7].text }
        set { record[7] = newValue.map(Value.string) ?? .null }
    }
    /// For usage: when, by which team and user.
    public var date: CivilDate? {
        get { if case let .date(date) = record[8] { date } else { nil } }
        set { record[8] = newValue.map(Value.date) ?? .null }
    }
    public var team: String? {
        get { record[9].text }
        set { record[9] = newValue.map(Value.string) ?? .null }
    }
    public var user: String? {
        get { record[10].text }
        set { record[10] = newValue.map(Value.string) ?? .null }
    }
    /// Whether the line is billed on this invoice (usage outside the cycle is listed only).
    public var billed: Bool {
        get { if case .bool(true) = record[11] { true } else { false } }
        set { record[11] = .bool(newValue) }
    }
    /// Indices of the items of the rule's `each` list this line covers.
    public var items: [Int] {
        get { if case let .list(items) = record[12] { Self.indices(items) } else { [] } }
        set { record[12] = SingleItem.value(of: newValue) }
    }

    public init(rule: String, label: String, quantity: Int64, unitPrice: Money, amount: Money, interval: Period? = nil,
                fraction: String? = nil, basis: String? = nil, date: CivilDate? = nil, team: String? = nil,
                user: String? = nil, billed: Bool = true, items: [Int] = []) {
        self.init(rule: rule, labelField: .string(label), quantity: quantity, unitPrice: unitPrice, amount: amount,
                  interval: interval, fraction: fraction, basis: basis, date: date, team: team, user: user, billed: billed,
                  itemsField: SingleItem.value(of: items))
    }

    /// A line from its fields; `labelField` is the label as a text
    /// value (`.string`, or the `.text` a template rendered), `itemsField` the `items`
    /// field as it is stored (``SingleItem/value(of:)``).
    @inline(__always)
    init(rule: String, labelField: Value, quantity: Int64, unitPrice: Money, amount: Money, interval: Period? = nil,
         fraction: String? = nil, basis: String? = nil, date: CivilDate? = nil, team: String? = nil,
         user: String? = nil, billed: Bool = true, itemsField: Value) {
        record = Record(type: Self.recordType, count: 13) { fields in
            Self.append(rule: rule, labelField: labelField, quantity: quantity, unitPrice: unitPrice, amount: amount,
                        interval: interval, fraction: fraction, basis: basis, date: date, team: team, user: user,
                        billed: billed, itemsField: itemsField, to: &fields)
        }
    }

    /// As ``init(rule:labelField:quantity:unitPrice:amount:interval:fraction:basis:date:team:user:billed:itemsField:)``,
    /// the line made in `block` with the rule's other lines: one allocation for all of them.
    /// The label and items are moved into their fields (a closure would copy them: a retain
    /// and a release of the label's arena per line).
    @inline(__always)
    init(in block: inout RecordBlock, rule: String, labelField: consuming Value, quantity: Int64, unitPrice: Money,
         amount: Money, interval: Period? = nil, fraction: String? = nil, basis: String? = nil, date: CivilDate? = nil,
         team: String? = nil, user: String? = nil, billed: Bool = true, itemsField: consuming Value) {
        var fields = block.next()
        Self.append(rule: rule, labelField: labelField, quantity: quantity, unitPrice: unitPrice, amount: amount,
                    interval: interval, fraction: fraction, basis: basis, date: date, team: team, user: user,
                    billed: billed, itemsField: itemsField, to: &fields)
        record = block.record(from: fields)
    }

    /// A line's fields in slot order: the one place that lays them out.
    @inline(__always)
    private static func append(rule: String, labelField: consuming Value, quantity: Int64, unitPrice: Money, amount: Money,
                               interval: Period?, fraction: String?, basis: String?, date: CivilDate?, team: String?,
                               user: String?, billed: Bool, itemsField: consuming Value, to fields: inout Record.Fields) {
        fields.append(.string(rule))
        fields.append(consume labelField)
        fields.append(.int(quantity))
        fields.append(.money(unitPrice))
        fields.append(.money(amount))
        fields.append(interval.map(Value.period) ?? .null)
        fields.append(fraction.map(Value.string) ?? .null)
        fields.append(basis.map(Value.string) ?? .null)
        fields.append(date.map(Value.date) ?? .null)
        fields.append(team.map(Value.string) ?? .null)
        fields.append(user.map(Value.string) ?? .null)
        fields.append(.bool(billed))
        fields.append(consume itemsField)
    }

    /// The record type every charge kind produces, shared so that lists of lines from
    /// different rules have one type.
    public static let recordType = RecordType.processLifetime(name: "line", fields: [
        .init(name: "rule", type: .string),
        .init(name: "label", type: .string),
        .init(name: "quantity", type: .int),
        .init(name: "unit_price", type: .money),
        .init(name: "amount", type: .money),
        .init(name: "interval", type: .optional(.period)),
        .init(name: "fraction", type: .optional(.string)),
        .init(name: "basis", type: .optional(.string)),
        .init(name: "date", type: .optional(.date)),
        .init(name: "team", type: .optional(.string)),
        .init(name: "user", type: .optional(.string)),
        .init(name: "billed", type: .bool),
        .init(name: "items", type: .list(.int)),
    ])

    public static let listType = ValueType.list(.record(recordType))

    public var value: Value { .record(record) }

    /// The line a record of ``recordType`` is, or nil for any other value.
    public init?(_ value: Value) {
        guard case let .record(record) = value, record.isOf(Self.recordType), record.count == 13,
              record.withUnsafeBufferPointer(Self.holdsLineFields) else { return nil }
        self.record = record
    }

    /// Whether the fields have the kinds a line's must, each looked at where it lies (a
    /// `switch` borrows it; `case .string = record[0]` copied it out and released it).
    private static func holdsLineFields(_ fields: UnsafeBufferPointer<Value>) -> Bool {
        switch fields[0] { case .string: break; default: return false }
        switch fields[1] { case .string, .text: break; default: return false }
        switch fields[2] { case .int: break; default: return false }
        switch fields[3] { case .money: break; default: return false }
        switch fields[4] { case .money: break; default: return false }
        switch fields[11] { case .bool: break; default: return false }
        switch fields[12] { case .list: return true; default: return false }
    }

    /// Money fields are checked to be money when the line is made or wrapped.
    private static func money(_ value: Value) -> Money {
        if case let .money(money) = value { return money }
        preconditionFailure("a line's money field holds \(value)")
    }

    private static func indices(_ items: [Value]) -> [Int] {
        if items.count == 1, case let .int(index) = items[0], index >= 0, index < SingleItem.count {
            return SingleItem.indices[Int(index)]
        }
        return items.compactMap { if case let .int(i) = $0 { Int(i) } else { nil } }
    }
}

/// Lines covering one item (most of them) share their `items` list: made once, here, so a
/// line costs no allocation for it.
enum SingleItem {
    static let count = 4096
    /// Immortal lists: every line of every thread copies one of them.
    static let values: [Value] = (0..<count).map { .processLifetimeList([.int(Int64($0))]) }
    static let indices: [[Int]] = (0..<count).map { [$0] }

    static func list(_ index: Int) -> [Int] {
        index >= 0 && index < count ? indices[index] : [index]
    }

    static func value(_ index: Int) -> Value {
        value(index, in: values)
    }

    /// The items field of a line of item `index`, from `values` (``SingleItem/values``
    /// held by the caller).
    @inline(__always)
    static func value(_ index: Int, in values: [Value]) -> Value {
        index >= 0 && index < values.count ? values[index] : .list([.int(Int64(index))])
    }

    /// Item indices as a line's `items` field: the shared list when there is one index.
    static func value(of indices: [Int]) -> Value {
        indices.count == 1 ? value(indices[0]) : .list(indices.map { .int(Int64($0)) })
    }
}

/// Merges lines that say the same thing (same label, unit price and interval) into one
/// line with their quantities and amounts added, keeping first-seen order.
enum LineMerger {
    /// `merge: identical` (the default) or `merge: never`, for kinds whose lines merge.
    static let field = RuleField("merge", .choice(["identical", "never"]),
                                 summary: "identical (default): lines with the same label and unit price become one; never: one line per item")

    /// Whether the rule's lines merge (`merge` absent or `identical`). A rule without `each`
    /// makes one line, so its kind skips merging whatever this says.
    static func merges(_ rule: RuleCompilation) -> Bool { rule.text("merge") != "never" }

    static func merge(_ lines: [ChargeLine]) throws(ArithmeticError) -> [ChargeLine] {
        var merged: [ChargeLine] = []
        var index: [MergeKey: Int] = [:]
        for line in lines {
            let key = MergeKey(label: line.label, unit: line.unitPrice, interval: line.interval, billed: line.billed)
            if let at = index[key] {
                merged[at].quantity += line.quantity
                merged[at].amount = try merged[at].amount.adding(line.amount)
                merged[at].items += line.items
            } else {
                index[key] = merged.count
                merged.append(line)
            }
        }
        return merged
    }

    private struct MergeKey: Hashable {
        let label: String
        let unit: Money
        let interval: Period?
        let billed: Bool
    }
}

extension Value {
    /// The text of a string value, held either way (``Value/string``); nil for any other
    /// value. For the views' getters.
    var text: String? { string }
}
