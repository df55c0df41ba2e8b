public import TariffCore

/// One line of an invoice as the charge kinds produce it: what was charged, how many, at
/// what unit price, for which interval, and which items of the rule's list it covers.
///
/// Lines travel between rules as records of ``ChargeLine/recordType``, so rules can read
/// them (`licenses.sum(l, l.amount)`) and the `invoice` kind can total them.
public struct ChargeLine: Sendable, Hashable {
    public var rule: String
    public var label: String
    public var quantity: Int64
    public var unitPrice: Money
    public var amount: Money
    public var interval: Period?
    /// The prorated fraction as text (`58/31`), for prorated lines.
    public var fraction: String?
    /// The proration basis that produced the fraction.
    public var basis: String?
    /// For usage: when, by which team and user.
    public var date: CivilDate?
    public var team: String?
    public var user: String?
    /// Whether the line is billed on this invoice (usage outside the cycle is listed only).
    public var billed: Bool
    /// Indices of the items of the rule's `each` list this line covers.
    public var items: [Int]

    public init(rule: String, label: String, quantity: Int64, unitPrice: Money, amount: Money, interval: Period? = nil,
                fraction: String? = nil, basis: String? = nil, date: CivilDate? = nil, team: String? = nil,
                user: String? = nil, billed: Bool = true, items: [Int] = []) {
        self.rule = rule
        self.label = label
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.amount = amount
        self.interval = interval
        self.fraction = fraction
        self.basis = basis
        self.date = date
        self.team = team
        self.user = user
        self.billed = billed
        self.items = items
    }

    /// The record type every charge kind produces, shared so that lists of lines from
    /// different rules have one type.
    public static let recordType = RecordType(name: "line", fields: [
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

    public var value: Value {
        .record(Record(type: Self.recordType, fields: [
            .string(rule), .string(label), .int(quantity), .money(unitPrice), .money(amount),
            interval.map(Value.period) ?? .null, fraction.map(Value.string) ?? .null, basis.map(Value.string) ?? .null,
            date.map(Value.date) ?? .null, team.map(Value.string) ?? .null, user.map(Value.string) ?? .null,
            .bool(billed), .list(items.map { .int(Int64($0)) }),
        ]))
    }

    /// The ``value`` of a billed line with only the common fields, built without the struct
    /// (the hot path of charges that do not merge).
    static func value(rule: String, label: String, quantity: Int64, unitPrice: Money, amount: Money, interval: Period?,
                      item: Int?) -> Value {
        .record(Record(type: recordType, fields: [
            .string(rule), .string(label), .int(quantity), .money(unitPrice), .money(amount),
            interval.map(Value.period) ?? .null, .null, .null, .null, .null, .null,
            .bool(true), .list(item.map { [.int(Int64($0))] } ?? []),
        ]))
    }

    public init?(_ value: Value) {
        guard case let .record(record) = value, record.type === Self.recordType, record.fields.count == 13,
              case let .string(rule) = record.fields[0], case let .string(label) = record.fields[1],
              case let .int(quantity) = record.fields[2], case let .money(unit) = record.fields[3],
              case let .money(amount) = record.fields[4], case let .bool(billed) = record.fields[11],
              case let .list(items) = record.fields[12] else { return nil }
        func text(_ value: Value) -> String? { if case let .string(s) = value { return s } else { return nil } }
        var interval: Period?
        if case let .period(p) = record.fields[5] { interval = p }
        var date: CivilDate?
        if case let .date(d) = record.fields[8] { date = d }
        self.init(rule: rule, label: label, quantity: quantity, unitPrice: unit, amount: amount, interval: interval,
                  fraction: text(record.fields[6]), basis: text(record.fields[7]), date: date,
                  team: text(record.fields[9]), user: text(record.fields[10]), billed: billed,
                  items: items.compactMap { if case let .int(i) = $0 { Int(i) } else { nil } })
    }
}

/// Merges lines that say the same thing (same label, unit price and interval) into one
/// line with their quantities and amounts added, keeping first-seen order.
enum LineMerger {
    /// `merge: identical` (the default) or `merge: never`, for kinds whose lines merge.
    static let field = RuleField("merge", .choice(["identical", "never"]),
                                 summary: "identical (default): lines with the same label and unit price become one; never: one line per item")

    /// Whether the rule's lines merge (`merge` absent or `identical`).
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
