/// A plugin that turns a charged interval into the exact fraction of the billing cycle
/// it covers: `actual-days`, `fixed-30`, and so on.
///
/// The cycle is the calendar month. An interval that crosses months is split per month;
/// each part's fraction is exact (a ``Fraction``), and the parts are summed exactly.
public protocol ProrationBasis: Sendable {
    /// The name used in rule files: `proration: { basis: actual-days }`.
    var name: String { get }
    /// One line for `tariff` help and the editor schema.
    var summary: String { get }
    /// The fraction of a cycle that `interval` (half-open `[start, end)`) covers.
    ///
    /// - Throws: ``ArithmeticError`` when the interval is reversed or too long to count.
    func prorate(_ interval: Period) throws(ArithmeticError) -> Proration
}

/// The result of prorating an interval: its parts per cycle and their exact sum.
public struct Proration: Sendable, Hashable {
    /// One cycle's share of the interval: `days / daysInCycle` under the basis.
    public struct Part: Sendable, Hashable {
        public var interval: Period
        /// Units charged in this cycle (days, or seconds for a per-second basis).
        public var units: Int64
        /// Units in the whole cycle under the basis (31, 30, 365/12, …).
        public var unitsInCycle: Int64
        public var fraction: Fraction

        public init(interval: Period, units: Int64, unitsInCycle: Int64, fraction: Fraction) {
            self.interval = interval
            self.units = units
            self.unitsInCycle = unitsInCycle
            self.fraction = fraction
        }
    }

    public var basis: String
    public var parts: [Part]
    public var fraction: Fraction

    public init(basis: String, parts: [Part], fraction: Fraction) {
        self.basis = basis
        self.parts = parts
        self.fraction = fraction
    }

    /// `27/31 + 30/30 = 58/31`, for traces.
    public var explanation: String {
        let terms = parts.map { "\($0.units)/\($0.unitsInCycle)" }.joined(separator: " + ")
        return parts.count == 1 ? terms : "\(terms) = \(fraction)"
    }
}
