/// Declared settings that expressions obey: the currency of money values and how
/// division and `round` round. Nothing here is implied: each comes from the rule files.
public struct ExpressionSettings: Sendable, Hashable {
    /// The currency of money read from tables and snapshots.
    public var currency: Currency
    /// The default rounding of `round(x)`, from `rounding: { mode, scale }`.
    public var rounding: RoundingMode
    public var scale: Int
    /// Digits kept by `/`, which is rounded with ``rounding``.
    public var divisionScale: Int

    public init(currency: Currency, rounding: RoundingMode, scale: Int, divisionScale: Int = 10) {
        self.currency = currency
        self.rounding = rounding
        self.scale = scale
        self.divisionScale = divisionScale
    }
}
