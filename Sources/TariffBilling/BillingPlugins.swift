public import TariffCore

/// The billing plugins: rule kinds, proration bases and settings sections for invoices,
/// quotes and policy decisions.
public enum BillingPlugins {
    /// The standard registry plus every billing plugin.
    public static var registry: PluginRegistry {
        PluginRegistry.standard
    }
}
