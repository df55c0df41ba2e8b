public import TariffCore

/// The billing settings a rule set declares: where rounding happens and how prorated
/// fractions are computed. Read from the `rounding` and `proration` sections; each is
/// written into the trace of the lines it shapes.
public struct BillingSettings: Sendable {
    public enum RoundingPoint: String, Sendable { case line, invoice }

    /// Round each line's unit price (`line`), or keep lines exact and round the subtotal
    /// once (`invoice`).
    public var roundingPoint: RoundingPoint
    public var mode: RoundingMode
    public var basis: (any ProrationBasis)?
    /// Digits a prorated fraction keeps before it multiplies a price; nil keeps it exact.
    public var fractionScale: Int?
    /// Digits kept by unrounded amounts when rounding happens per invoice.
    public var precision: Int

    static func read(_ rule: RuleCompilation) -> BillingSettings {
        let rounding = rule.sections["rounding"] ?? []
        let proration = rule.sections["proration"] ?? []
        func value(_ entries: [SourceEntry], _ name: String) -> String? { entries.first { $0.name == name }?.value.scalar }
        let point = value(rounding, "per").flatMap(RoundingPoint.init(rawValue:)) ?? .line
        let basisName = value(proration, "basis")
        var fractionScale: Int?
        if let text = value(proration, "precision"), text != "exact" { fractionScale = Int(text) }
        return BillingSettings(
            roundingPoint: point, mode: rule.settings.rounding,
            basis: basisName.flatMap { rule.registry.prorationBases[$0] },
            fractionScale: fractionScale, precision: rule.settings.divisionScale)
    }

    /// `half-up to 2 places per line`, for traces.
    public var roundingDescription: String {
        "\(mode.rawValue), per \(roundingPoint.rawValue)"
    }

    /// Rounds an amount to the currency's minor units when rounding is per line; keeps it
    /// to `precision` digits otherwise.
    func lineAmount(_ amount: Money, label: String, trace: TraceRecorder?) throws(ArithmeticError) -> Money {
        switch roundingPoint {
        case .line:
            // Already in minor units (a table's price): nothing to round, nothing to trace.
            if amount.amount.scale == amount.currency.minorUnits { return amount }
            let rounded = try amount.rounded(mode)
            if rounded.amount != amount.amount || amount.amount.scale > amount.currency.minorUnits {
                trace?.rounding(label, from: amount.amount.description, to: rounded.formatted, mode: mode,
                                scale: amount.currency.minorUnits)
            }
            return rounded
        case .invoice:
            return amount.amount.scale > precision ? try amount.rounded(scale: precision, mode: mode) : amount
        }
    }
}
