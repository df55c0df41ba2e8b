// Shared by every fuzz target: reading the repository's rules once, at start-up.
//
// Compiled into each target by `run.sh`, never by SwiftPM (Tests/Fuzz is not a target).

import TariffBilling
import TariffCore
import TariffYAML

#if canImport(Glibc)
import Glibc
#endif

enum FuzzSupport {
    /// The repository root: `TARIFF_ROOT`, set by run.sh, or the working directory.
    static let root: String = {
        if let value = getenv("TARIFF_ROOT") { return String(cString: value) }
        return "."
    }()

    /// Small limits, so each input runs in well under a millisecond and a slow one is a
    /// finding, not a hang.
    static let readLimits = ReadLimits(maxBytes: 1 << 20, maxDepth: 64, maxAliasExpansion: 10_000, maxListLength: 10_000)
    static let compileLimits = CompileLimits(expressionDepth: 64, evaluationSteps: 200_000)

    /// The rule documents of `rules/`, read with the default limits; a fuzz target cannot
    /// run without them.
    static let ruleDocuments: [SourceDocument] = {
        let names = ["input.yaml", "pricing.yaml", "policies.yaml"]
        return names.map { name in
            let path = root + "/rules/" + name
            switch DocumentReader.read(contentsOf: path) {
            case let .success(document): return document
            case let .failure(error): fatalError("fuzz set-up: cannot read \(path): \(error)")
            }
        }
    }()

    static let engine: BillingEngine = {
        switch BillingEngine.compile(ruleDocuments, limits: compileLimits) {
        case let .success(engine): return engine
        case let .failure(error): fatalError("fuzz set-up: the rules do not compile: \(error)")
        }
    }()

    /// The as-of date of the billing page's example, 2026-04-30.
    static let asOf: CivilDate = {
        do { return try CivilDate(year: 2026, month: 4, day: 30) } catch { fatalError("fuzz set-up: \(error)") }
    }()

    /// The example account, read once.
    static let acme: SourceDocument = {
        let path = root + "/examples/acme.yaml"
        switch DocumentReader.read(contentsOf: path) {
        case let .success(document): return document
        case let .failure(error): fatalError("fuzz set-up: cannot read \(path): \(error)")
        }
    }()

    /// Every diagnostic must render, with its source quoted, without trapping.
    static func render(_ diagnostics: [Diagnostic], _ document: String, _ text: String) {
        _ = DiagnosticRenderer(sources: [document: text]).render(diagnostics)
    }
}
