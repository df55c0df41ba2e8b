/// The plugins a compiler knows: rule kinds, expression functions, proration bases and
/// the settings sections plugins add to rule files. A value: build one, hand it to
/// ``RuleCompiler``.
///
/// ```swift
/// var registry = PluginRegistry.standard
/// registry.register(MyKind())
/// let graph = RuleCompiler(registry: registry).compile(documents)
/// ```
public struct PluginRegistry: Sendable {
    public private(set) var kinds: [String: any RuleKind] = [:]
    public private(set) var functions: [String: any ExpressionFunction] = [:]
    public private(set) var prorationBases: [String: any ProrationBasis] = [:]
    /// Top-level sections of rule files and the fields each accepts, beyond the core's own.
    public private(set) var sections: [String: [RuleField]] = [:]

    /// An empty registry: no kinds, no functions.
    public init() {}

    /// The core's own plugins: the `value` rule kind and the standard functions
    /// (dates, numbers, text).
    public static var standard: PluginRegistry {
        var registry = PluginRegistry()
        registry.register(ValueRuleKind())
        for function in StandardFunctions.all { registry.register(function) }
        registry.registerSection("rounding", fields: [
            RuleField("mode", .choice(RoundingMode.allCases.map(\.rawValue)), required: true,
                      summary: "how to round: half-up, half-even, half-down, up, down, ceiling, floor"),
            RuleField("scale", .text, required: true, summary: "digits after the decimal point"),
            RuleField("precision", .text, summary: "digits kept by division before any rounding (default 10)"),
        ])
        return registry
    }

    public mutating func register(_ kind: any RuleKind) { kinds[kind.name] = kind }

    public mutating func register(_ function: any ExpressionFunction) { functions[function.name] = function }

    public mutating func register(_ basis: any ProrationBasis) { prorationBases[basis.name] = basis }

    /// Adds a top-level section, or fields to an existing one.
    public mutating func registerSection(_ name: String, fields: [RuleField]) {
        sections[name, default: []].append(contentsOf: fields)
    }
}
