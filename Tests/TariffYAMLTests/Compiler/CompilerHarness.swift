import Foundation
import Testing
import TariffCore
import TariffYAML

/// Compiles and evaluates rule files written as YAML text, the way the CLI does, so the
/// compiler's tests read like the files users write.
enum CompilerHarness {
    /// The settings every rule set declares; two lines, so a rule's line numbers are
    /// easy to count in tests that start their text with it.
    static let settings = """
        tariff: 1
        currency: EUR
        rounding: { mode: half-up, scale: 2 }
        """

    /// Reads `text` as YAML, then compiles it with `registry`. A reading failure is
    /// returned as it is: the compiler never sees a document that did not read.
    static func compile(
        _ text: String, file: String = "x.yaml", registry: PluginRegistry = .standard
    ) -> Result<RuleGraph, DiagnosticError> {
        switch YAMLReader.read(text, file: file) {
        case let .success(document): RuleCompiler(registry: registry).compile([document])
        case let .failure(error): .failure(error)
        }
    }

    /// The diagnostics of a rule file that must not compile.
    static func diagnostics(
        _ text: String, file: String = "x.yaml", registry: PluginRegistry = .standard,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> [Diagnostic] {
        switch compile(text, file: file, registry: registry) {
        case .success:
            Issue.record("expected diagnostics, but the rules compiled", sourceLocation: sourceLocation)
            return []
        case let .failure(error):
            return error.diagnostics
        }
    }

    /// The graph of a rule file that must compile; every diagnostic is recorded as an issue.
    static func graph(
        _ text: String, file: String = "x.yaml", registry: PluginRegistry = .standard,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> RuleGraph {
        switch compile(text, file: file, registry: registry) {
        case let .success(graph):
            return graph
        case let .failure(error):
            let rendered = DiagnosticRenderer(sources: [file: text]).render(error.diagnostics)
            Issue.record("expected the rules to compile:\n\(rendered)", sourceLocation: sourceLocation)
            throw error
        }
    }

    /// A snapshot read as YAML and decoded against the graph's input schema.
    static func snapshot(
        _ text: String, for graph: RuleGraph, file: String = "snapshot.yaml",
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> Record {
        let decoded = YAMLReader.read(text, file: file).flatMap { SnapshotDecoder(graph: graph).decode($0) }
        switch decoded {
        case let .success(record):
            return record
        case let .failure(error):
            let rendered = DiagnosticRenderer(sources: [file: text]).render(error.diagnostics)
            Issue.record("expected the snapshot to decode:\n\(rendered)", sourceLocation: sourceLocation)
            throw error
        }
    }

    static let asOf = date("2026-04-15")

    static func date(_ text: String) -> CivilDate {
        // Test dates are literals; a bad one is a bug in the test, reported by the compare.
        (try? CivilDate(parsing: text)) ?? .minimum
    }

    static func decimal(_ text: String) -> ExactDecimal {
        (try? ExactDecimal(parsing: text)) ?? .zero
    }

    static func euros(_ text: String) -> Value {
        .money(Money(decimal(text), .eur))
    }

    /// Compiles `rules`, decodes `snapshot` and evaluates every rule as of `asOf`.
    static func evaluate(
        _ rules: String, snapshot: String, asOf: CivilDate = asOf, options: EvaluationOptions = .init(),
        registry: PluginRegistry = .standard, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> Evaluation {
        let graph = try graph(rules, registry: registry, sourceLocation: sourceLocation)
        let record = try self.snapshot(snapshot, for: graph, sourceLocation: sourceLocation)
        return try graph.evaluate(record, asOf: asOf, options: options).get()
    }

    /// The evaluation error of rules that compile but fail on this snapshot.
    static func evaluationError(
        _ rules: String, snapshot: String, asOf: CivilDate = asOf,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> EvaluationError? {
        let graph = try graph(rules, sourceLocation: sourceLocation)
        let record = try self.snapshot(snapshot, for: graph, sourceLocation: sourceLocation)
        switch graph.evaluate(record, asOf: asOf) {
        case .success:
            Issue.record("expected the evaluation to fail", sourceLocation: sourceLocation)
            return nil
        case let .failure(error):
            return error
        }
    }

    /// `text` with the first occurrence of `target` replaced, to vary a snapshot.
    static func replacing(_ target: String, with replacement: String, in text: String) -> String {
        guard let range = text.range(of: target) else { return text }
        return text.replacingCharacters(in: range, with: replacement)
    }

    /// The directory of rule files used as fixtures, next to this file's folder.
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// The text of a fixture, such as `bad/cycle.yaml`.
    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
    }
}

/// What a diagnostic's assertions compare: stable id, message, line and column.
struct Reported: Hashable, CustomStringConvertible, Sendable {
    var id: String
    var message: String
    var line: Int
    var column: Int

    init(_ id: String, _ message: String, _ line: Int, _ column: Int) {
        self.id = id
        self.message = message
        self.line = line
        self.column = column
    }

    init(_ diagnostic: Diagnostic) {
        self.init(diagnostic.id, diagnostic.message, diagnostic.position?.line ?? 0, diagnostic.position?.column ?? 0)
    }

    init(_ error: EvaluationError) {
        self.init(error.id, error.message, error.position?.line ?? 0, error.position?.column ?? 0)
    }

    var description: String { "\(line):\(column) \(id): \(message)" }
}
