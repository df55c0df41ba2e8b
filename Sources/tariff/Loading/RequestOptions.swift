import ArgumentParser
import TariffBilling
import TariffCore

/// The fields of an action's request, from flags. Which fields an action takes is declared
/// by its policy or quote in the rules (`request:`); any field can also be given with
/// `--set name=value`.
struct RequestOptions: ParsableArguments {
    @Option(name: .long, help: "Number of items (add-licenses, remove-license).") var count: String?
    @Option(name: .long, help: "Date the action takes effect (add-licenses).") var on: String?
    @Option(name: .long, help: "License id (remove-license).") var license: String?
    @Option(name: .long, help: "Country code (add-number, change-billing-address).") var country: String?
    @Option(name: .long, help: "Phone number (add-number).") var e164: String?
    @Option(name: .long, help: "Id of the uploaded certificate document (change-billing-address).") var certificate: String?
    @Option(name: .long, help: "card or iban (change-payment-method).") var method: String?
    @Option(name: .long, help: "Any request field, as name=value; repeatable.") var set: [String] = []

    var fields: [(String, String)] {
        var fields: [(String, String)] = []
        let named: [(String, String?)] = [("count", count), ("on", on), ("license", license), ("country", country),
                                          ("e164", e164), ("certificate", certificate), ("method", method)]
        for case let (name, value?) in named { fields.append((name, value)) }
        for pair in set {
            let equals = pair.firstIndex(of: "=") ?? pair.endIndex
            fields.append((String(pair[..<equals]), equals == pair.endIndex ? "" : String(pair[pair.index(after: equals)...])))
        }
        return fields
    }

    func validate() throws {
        for pair in set where pair.first == "=" || pair.isEmpty {
            throw ValidationError("--set takes name=value, such as --set count=3, not '\(pair)'")
        }
        // An empty value would read as no value: an absent license means "any unassigned
        // license", which an empty --license must not quietly become.
        for (name, value) in fields where value.isEmpty {
            throw ValidationError("--\(name) is empty: give it a value, or leave it out")
        }
    }

    /// The request as a record of the action's declared type; diagnostics name the flags.
    func request(for action: String, engine: BillingEngine, workspace: Workspace) throws -> Record {
        guard let type = engine.requestType(for: action) else {
            let known = (engine.policyActions + engine.quoteActions).sorted()
            workspace.report([.error("cli.unknown-action", "no policy or quote for action '\(action)'", at: nil,
                                     hint: Suggestion.hint(for: action, among: known) ?? "actions: " + known.joined(separator: ", "))])
            throw ExitStatus.badInput
        }
        var entries: [SourceEntry] = []
        var problems: [Diagnostic] = []
        let names = type.fields.map(\.name)
        for (index, (name, value)) in fields.enumerated() {
            let position = SourcePosition(file: "<command line>", line: 1, column: index + 1)
            guard names.contains(name) else {
                problems.append(.error("cli.unknown-request-field", "action '\(action)' takes no '\(name)'", at: nil,
                                       hint: Suggestion.closest(to: name, among: names).map { "did you mean --\($0)?" }
                                         ?? "it takes: " + names.map { "--\($0)" }.joined(separator: ", ")))
                continue
            }
            entries.append(SourceEntry(key: SourceNode(.scalar(name, .plain), at: position),
                                       value: SourceNode(.scalar(value, .plain), at: position)))
        }
        if !problems.isEmpty {
            workspace.report(problems)
            throw ExitStatus.badInput
        }
        let root = SourceNode(.mapping(entries), at: SourcePosition(file: "<command line>", line: 1, column: 1))
        let decoder = SnapshotDecoder(type: type, currency: engine.graph.settings.currency)
        switch decoder.decode(SourceDocument(file: "<command line>", text: "", root: root)) {
        case let .success(record): return record
        case let .failure(error):
            workspace.report(error.diagnostics.map { diagnostic in
                var flagged = diagnostic
                flagged.position = nil
                if diagnostic.id == "snapshot.missing-field",
                   let field = type.fields.first(where: { diagnostic.message.hasPrefix("missing field '\($0.name)'") }) {
                    flagged.message = "action '\(action)' needs --\(field.name) (\(field.type))"
                }
                return flagged
            })
            throw ExitStatus.badInput
        }
    }
}

extension String {
    /// Replaces every occurrence of `target` (no Foundation needed).
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        let source = Array(self), pattern = Array(target)
        guard !pattern.isEmpty, source.count >= pattern.count else { return self }
        var result = ""
        var index = 0
        while index < source.count {
            if index + pattern.count <= source.count, Array(source[index..<(index + pattern.count)]) == pattern {
                result += replacement
                index += pattern.count
            } else {
                result.append(source[index])
                index += 1
            }
        }
        return result
    }
}
