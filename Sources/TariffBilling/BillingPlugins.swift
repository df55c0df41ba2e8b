public import TariffCore

/// The billing plugins: rule kinds, proration bases and the settings sections for
/// invoices, quotes and policy decisions.
public enum BillingPlugins {
    public static let kinds: [any RuleKind] = [
        RecurringChargeKind(), ProratedChargeKind(), UsageChargeKind(), CreditKind(), ViolationKind(),
        InvoiceKind(), PolicyKind(), QuoteKind(), InvariantKind(),
    ]

    /// The standard registry plus every billing plugin.
    public static var registry: PluginRegistry {
        var registry = PluginRegistry.standard
        for kind in kinds { registry.register(kind) }
        for basis in ProrationBases.all { registry.register(basis) }
        registry.registerSection("rounding", fields: [
            RuleField("per", .choice(["line", "invoice"]),
                      summary: "round each line's unit price (line) or only the subtotal (invoice)"),
        ])
        registry.registerSection("proration", fields: [
            RuleField("basis", .choice(ProrationBases.all.map(\.name)), required: true,
                      summary: "how an interval becomes a fraction of a cycle"),
            RuleField("precision", .text,
                      summary: "digits the fraction keeps before it multiplies a price, or 'exact' (default)"),
        ])
        return registry
    }
}
