import TariffCore

/// The messages of rule tests that are built in more than one place, sorted by id.
enum RuleTestMessages {
    /// `test.not-a-test-file`: the document has no `tests:` list.
    static func notATestFile(_ root: SourceNode) -> Diagnostic {
        .error("test.not-a-test-file", "a test file is a mapping with a 'tests:' list", at: root.position,
               hint: "start it with 'tests:' then '  - name: what the case checks'")
    }

    /// `test.unknown-key`: a key the place does not take, with the nearest one.
    static func unknownKey(_ entry: SourceEntry, in place: String, among keys: [String]) -> Diagnostic {
        .error("test.unknown-key", "unknown key '\(entry.name)' in \(place)", at: entry.key.position,
               length: max(1, entry.name.count),
               hint: Suggestion.hint(for: entry.name, among: keys) ?? "it takes: " + keys.joined(separator: ", "))
    }
}
