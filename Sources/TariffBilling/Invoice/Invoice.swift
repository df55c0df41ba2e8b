public import TariffCore

/// An invoice as the `invoice` rule computed it.
public struct Invoice: Sendable, Hashable {
    public var account: String
    public var period: Period
    /// The charged lines, in the order the invoice rule lists them: views of the records
    /// the charge rules produced (``lineValues``), made when asked for.
    public var lines: [ChargeLine] {
        get { lineValues.compactMap(ChargeLine.init) }
        set { lineValues = newValue.map(\.value) }
    }
    /// The lines as the invoice rule produced them, records of ``ChargeLine/recordType``:
    /// what writers read one by one (``forEachLine(_:)``) without building ``lines``.
    public private(set) var lineValues: [Value]
    public var subtotal: Money
    /// Credit available before this invoice.
    public var credits: Money
    public var creditsApplied: Money
    public var total: Money
    /// Credit left after this invoice, carried to the next.
    public var carryover: Money
    /// The violations listed, views of their records, made when asked for.
    public var violations: [Violation] {
        get { violationValues.compactMap(Violation.init) }
        set { violationValues = newValue.map { .record($0.record) } }
    }
    public private(set) var violationValues: [Value]
    /// How amounts were rounded (`half-up, per line`).
    public var rounding: String

    /// A violation as its rule produced it: a typed view of the record of
    /// ``ViolationKind/recordType``, read without copying it.
    public struct Violation: Sendable, Hashable {
        public private(set) var record: Record

        public var rule: String {
            get { record[0].text ?? "" }
            set { record[0] = .string(newValue) }
        }
        public var code: String {
            get { record[1].text ?? "" }
            set { record[1] = .string(newValue) }
        }
        public var message: String {
            get { record[2].text ?? "" }
            set { record[2] = .string(newValue) }
        }
        /// The rule's `details`, in the order written (empty when it has none). Set, each
        /// becomes a field holding its value again: an `int`, `bool`, `decimal` or `date` as
        /// itself, money as a decimal (its text and JSON are the same), anything else as text.
        public var details: [OutcomeValue] {
            get {
                var all: [OutcomeValue] = []
                forEachDetail { all.append($0) }
                return all
            }
            set {
                guard !newValue.isEmpty else { return record[3] = .null }
                let values = newValue.map(\.restoredValue)
                let type = RecordType(name: "details", fields: zip(newValue, values).map { .init(name: $0.name, type: $1.type) })
                record[3] = .record(Record(type: type, fields: values.map(\.value)))
            }
        }

        /// Each of the rule's `details` in order, read in place (``details`` builds an array).
        public func forEachDetail(_ body: (OutcomeValue) throws -> Void) rethrows {
            try forEachDetail(values: { name, value in try body(OutcomeValue(name: name, value: value)) })
        }

        /// Each of the rule's `details` in order, as its name and the value itself, read in
        /// place: for writers, which spell the value without an ``OutcomeValue`` made for it.
        public func forEachDetail(values body: (_ name: String, _ value: Value) throws -> Void) rethrows {
            guard record.count > 3, case let .record(details) = record[3] else { return }
            try details.type.fields.withUnsafeBufferPointer { fields in
                for slot in 0..<min(fields.count, details.count) { try body(fields[slot].name, details[slot]) }
            }
        }

        /// The violation a record of ``ViolationKind/recordType`` is, or nil for any other value.
        init?(_ value: Value) {
            guard case let .record(record) = value, record.type === ViolationKind.recordType, record.count == 4,
                  case .string = record[0], case .string = record[1], record[2].isText else { return nil }
            switch record[3] {
            case .record, .null: break
            default: return nil
            }
            self.record = record
        }
    }

    public var currency: Currency { total.currency }

    /// Reads the record an `invoice` rule produced.
    public init?(_ value: Value) {
        guard case let .record(record) = value, record.type === InvoiceKind.recordType,
              case let .string(account) = record[0], case let .period(period) = record[1],
              case let .list(lines) = record[2], case let .money(subtotal) = record[3],
              case let .money(credits) = record[4], case let .money(applied) = record[5],
              case let .money(total) = record[6], case let .money(carryover) = record[7],
              case let .list(violations) = record[8], case let .string(rounding) = record[9] else { return nil }
        self.account = account
        self.period = period
        self.lineValues = lines
        self.subtotal = subtotal
        self.credits = credits
        self.creditsApplied = applied
        self.total = total
        self.carryover = carryover
        self.violationValues = violations
        self.rounding = rounding
    }

    /// Each line in order, without building the ``lines`` array.
    /// (By index: `for value in lineValues` would copy each line once more, a retain and a
    /// release, before the view takes it.)
    public func forEachLine(_ body: (ChargeLine) throws -> Void) rethrows {
        for index in lineValues.indices {
            if let line = ChargeLine(lineValues[index]) { try body(line) }
        }
    }

    /// Each violation in order, without building the ``violations`` array.
    public func forEachViolation(_ body: (Violation) throws -> Void) rethrows {
        for index in violationValues.indices {
            if let violation = Violation(violationValues[index]) { try body(violation) }
        }
    }
}

/// A policy decision: allowed or denied, by which policy, with a code and a message.
public struct Decision: Sendable, Hashable {
    public var action: String
    public var allowed: Bool
    public var policy: String
    public var code: String
    public var message: String
    public var outcome: [OutcomeValue]

    public init?(_ value: Value) {
        guard case let .record(record) = value, record.type === PolicyKind.recordType,
              case let .string(action) = record[0], case let .bool(allowed) = record[1],
              case let .string(policy) = record[2], case let .string(code) = record[3],
              case let .string(message) = record[4], case let .list(outcome) = record[5] else { return nil }
        self.action = action
        self.allowed = allowed
        self.policy = policy
        self.code = code
        self.message = message
        self.outcome = outcome.compactMap(OutcomeValue.init)
    }
}

/// A quote: the values a popup shows and the prorated amount of the prepayable period.
public struct Quote: Sendable, Hashable {
    public var action: String
    public var rule: String
    public var values: [OutcomeValue]
    public var prorated: ChargeLine?

    public init?(_ value: Value) {
        guard case let .record(record) = value, record.type === QuoteKind.recordType,
              case let .string(action) = record[0], case let .string(rule) = record[1],
              case let .list(values) = record[2] else { return nil }
        self.action = action
        self.rule = rule
        self.values = values.compactMap(OutcomeValue.init)
        if case let .list(lines) = record[3], let first = lines.first { prorated = ChargeLine(first) }
    }
}
