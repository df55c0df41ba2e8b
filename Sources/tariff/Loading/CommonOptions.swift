import ArgumentParser

/// Flags shared by every command that reads rules.
struct RuleOptions: ParsableArguments {
    @Option(name: .long, help: "The directory of rule files (*.yaml).")
    var rules: String = "rules"

    @Option(name: .long, help: "Largest input file read, in bytes.")
    var maxBytes: Int = 10 * 1024 * 1024

    @Option(name: .long, help: "Deepest nesting of a YAML or JSON document.")
    var maxDepth: Int = 256

    @Option(name: .long, help: "Most nodes YAML aliases may expand to.")
    var maxAliasExpansion: Int = 100_000

    @Option(name: .long, help: "Longest list in a snapshot.")
    var maxListLength: Int = 1_000_000

    @Option(name: .long, help: "Deepest nesting of one expression.")
    var maxExpressionDepth: Int = 64

    @Option(name: .long, help: "Most units of work one evaluation may take.")
    var maxSteps: Int = 50_000_000

    /// Nesting beyond this would be deeper than the readers, the decoder and the type
    /// checker can recurse on a thread's stack; libyaml stops at 1000 levels anyway.
    static let nestingCeiling = 1000

    func validate() throws {
        let limits: [(String, Int)] = [
            ("max-bytes", maxBytes), ("max-depth", maxDepth), ("max-alias-expansion", maxAliasExpansion),
            ("max-list-length", maxListLength), ("max-expression-depth", maxExpressionDepth), ("max-steps", maxSteps),
        ]
        for (flag, value) in limits where value < 1 {
            throw ValidationError("--\(flag) must be at least 1, not \(value)")
        }
        for (flag, value) in [("max-depth", maxDepth), ("max-expression-depth", maxExpressionDepth)]
        where value > Self.nestingCeiling {
            throw ValidationError("--\(flag) can be at most \(Self.nestingCeiling), not \(value)")
        }
    }
}

/// The snapshot argument and the as-of date.
struct SnapshotOptions: ParsableArguments {
    @Argument(help: "The account snapshot (YAML or JSON).")
    var account: String

    @Option(name: .long, help: "Evaluate as of this date (YYYY-MM-DD); defaults to the snapshot's as_of.")
    var asOf: String?
}
