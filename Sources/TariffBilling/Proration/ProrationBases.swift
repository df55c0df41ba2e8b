public import TariffCore

/// The built-in proration bases, by the names rule files use: `actual-days`,
/// `inclusive-days`, `fixed-30`, `365`, `seconds`.
///
/// ```swift
/// var registry = PluginRegistry.standard
/// for basis in ProrationBases.all { registry.register(basis) }
/// ```
public enum ProrationBases {
    public static let all: [any ProrationBasis] = [
        ActualDaysBasis(), InclusiveDaysBasis(), FixedThirtyBasis(), ThreeSixtyFiveBasis(), PerSecondBasis(),
    ]
}
