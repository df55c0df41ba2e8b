import Testing
import TariffCore

/// "Did you mean" hints: the nearest name by edit distance, only when plausibly a typo.
@Suite struct SuggestionTests {
    @Test(arguments: [
        ("licences", ["licenses", "numbers", "credit"], "licenses"),
        ("ADVANCD", ["ESSENTIAL", "SMART", "ADVANCED"], "ADVANCED"),
        ("advanced", ["ESSENTIAL", "SMART", "ADVANCED"], "ADVANCED"),
        ("valeu", ["value"], "value"),
        ("days_betwen", ["days_between", "days_in_month"], "days_between"),
        ("cnt", ["count", "sum"], nil),
        ("x", ["y"], "y"),
        ("credits", ["credits"], nil),
        ("totally_different", ["licenses", "numbers"], nil),
        ("", ["a"], "a"),
    ] as [(String, [String], String?)])
    func closestName(name: String, candidates: [String], expected: String?) {
        #expect(Suggestion.closest(to: name, among: candidates) == expected)
    }

    /// Callers pass dictionary keys and sets, whose order changes from one process to the
    /// next (Swift seeds hashing per process); for the same hint on every run, a tie must
    /// not depend on the candidates' order.
    @Test func tiesDoNotDependOnCandidateOrder() {
        let orders = [["bat", "cot", "car"], ["car", "bat", "cot"], ["cot", "car", "bat"]]
        let picks = Set(orders.map { Suggestion.closest(to: "cat", among: $0) })
        #expect(picks == ["bat"])
    }

    @Test func hintIsWordedAsAQuestion() {
        #expect(Suggestion.hint(for: "plna", among: ["plan"]) == "did you mean 'plan'?")
        #expect(Suggestion.hint(for: "plna", among: []) == nil)
    }
}
