// Fuzz target (b): the expression parser, type checker and lowering, then evaluation.
//
// The input is the text of one expression (or, when it holds a '{', a label template),
// compiled as a rule beside the repository's input schema and pricing rules, so names
// such as `account.licenses`, `license_price` and `cycle` resolve. When it compiles it is
// evaluated against the example account with a small step limit.

import TariffBilling
import TariffCore
import TariffYAML

/// input.yaml and pricing.yaml's settings, tables and `cycle` rule: what expressions read,
/// without compiling every pricing rule again for each input.
let context: [SourceDocument] = {
    let documents = FuzzSupport.ruleDocuments
    guard let pricing = documents.first(where: { $0.file.hasSuffix("pricing.yaml") }),
          let input = documents.first(where: { $0.file.hasSuffix("input.yaml") }),
          let entries = pricing.root.entries else { fatalError("fuzz set-up: no rules/pricing.yaml or rules/input.yaml") }
    var kept: [SourceEntry] = []
    for entry in entries {
        guard entry.name == "rules" else {
            kept.append(entry)
            continue
        }
        var rules = entry
        let cycle = (entry.value.elements ?? []).filter { $0["id"]?.scalar == "cycle" }
        rules.value = SourceNode(.list(cycle), at: entry.value.position)
        kept.append(rules)
    }
    var trimmed = pricing
    trimmed.root = SourceNode(.mapping(kept), at: pricing.root.position)
    return [input, trimmed]
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExpression(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let file = "fuzz.expr"
    func at(_ column: Int) -> SourcePosition { SourcePosition(file: file, line: 1, column: column) }
    func scalar(_ value: String, _ column: Int = 1) -> SourceNode { SourceNode(.scalar(value, .plain), at: at(column)) }
    func entry(_ key: String, _ value: SourceNode) -> SourceEntry { SourceEntry(key: scalar(key), value: value) }

    let isTemplate = text.contains("{")
    let rule: [SourceEntry] = isTemplate
        ? [entry("id", scalar("fuzz_rule")), entry("kind", scalar("violation")), entry("when", scalar("true")),
           entry("code", scalar("FUZZ")), entry("message", scalar(text))]
        : [entry("id", scalar("fuzz_rule")), entry("kind", scalar("value")), entry("value", scalar(text))]
    let root = SourceNode(.mapping([entry("rules", SourceNode(.list([SourceNode(.mapping(rule), at: at(1))]), at: at(1)))]),
                          at: at(1))
    let document = SourceDocument(file: file, text: text, root: root)

    let graph: RuleGraph
    switch RuleCompiler(registry: BillingPlugins.registry, limits: FuzzSupport.compileLimits).compile(context + [document]) {
    case let .success(compiled): graph = compiled
    case let .failure(error):
        FuzzSupport.render(error.diagnostics, file, text)
        return 0
    }
    guard case let .success(snapshot) = SnapshotDecoder(graph: graph).decode(FuzzSupport.acme) else { return 0 }
    switch graph.evaluate(snapshot, asOf: FuzzSupport.asOf, options: EvaluationOptions(targets: ["fuzz_rule"], trace: true)) {
    case let .success(evaluation): _ = evaluation.value(of: "fuzz_rule")?.description
    case let .failure(error): FuzzSupport.render([error.diagnostic], file, text)
    }
    return 0
}
