/// Bounds on what a reader accepts, so a hostile or broken file yields a diagnostic
/// instead of exhausting memory, the stack or the clock.
///
/// ```swift
/// var limits = ReadLimits.default
/// limits.maxDepth = 64
/// let result = YAMLReader.read(text, file: "rules/pricing.yaml", limits: limits)
/// ```
///
/// Each limit's diagnostic names the limit and the command-line flag that raises it.
public struct ReadLimits: Sendable, Hashable {
    /// The largest input, in bytes, checked before any parsing (`input.too-large`).
    public var maxBytes: Int = 10 * 1024 * 1024
    /// How deeply mappings and lists may nest; a scalar root has depth 0 (`input.too-deep`).
    public var maxDepth: Int = 256
    /// How many nodes YAML aliases may create in total, counting every node of every
    /// expanded anchor, so a "billion laughs" document stops early (`yaml.alias-limit`).
    public var maxAliasExpansion: Int = 100_000
    /// The most elements one list may hold (`input.list-too-long`).
    public var maxListLength: Int = 1_000_000

    public init(
        maxBytes: Int = 10 * 1024 * 1024,
        maxDepth: Int = 256,
        maxAliasExpansion: Int = 100_000,
        maxListLength: Int = 1_000_000
    ) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
        self.maxListLength = maxListLength
    }

    /// 10 MiB, depth 256, 100,000 alias-expanded nodes, lists of a million elements.
    public static let `default` = ReadLimits()
}
