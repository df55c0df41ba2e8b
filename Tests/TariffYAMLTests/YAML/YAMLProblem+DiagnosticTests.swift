import Testing
import TariffCore
@testable import TariffYAML

@Suite struct YAMLProblemDiagnosticTests {
    private func diagnostic(_ problem: YAMLProblem, in text: String) -> Diagnostic {
        var text = text
        return text.withUTF8 { problem.diagnostic(in: $0, file: "f") }
    }

    private func at(_ line: Int, _ column: Int) -> SourcePosition {
        SourcePosition(file: "f", line: line, column: column)
    }

    @Test func contextBecomesANoteWhereItStarts() {
        let problem = YAMLProblem(
            kind: .parser, problem: "did not find expected key", position: at(3, 2),
            context: ("while parsing a block mapping", at(1, 1))
        )
        let result = diagnostic(problem, in: "a: 1\nb: 2\n c: 3\n")
        #expect(result.spot == Spot("yaml.syntax", 3, 2))
        #expect(result.message == "did not find expected key")
        #expect(result.notes == [.init("while parsing a block mapping that starts here", at: at(1, 1))])
    }

    @Test func aContextAtTheProblemItselfAddsNoNote() {
        let problem = YAMLProblem(kind: .scanner, problem: "p", position: at(1, 1), context: ("while x", at(1, 1)))
        #expect(diagnostic(problem, in: "x").notes.isEmpty)
    }

    @Test func aTabAtTheProblemGetsAHint() {
        let problem = YAMLProblem(
            kind: .scanner, problem: "found character that cannot start any token", position: at(1, 3)
        )
        #expect(diagnostic(problem, in: "a:\t1").hint == "YAML does not allow a tab here; use spaces")
    }

    @Test func readerProblemsArePlacedByByteOffset() {
        let problem = YAMLProblem(
            kind: .reader(offset: 9, value: 7), problem: "control characters are not allowed", position: nil
        )
        let result = diagnostic(problem, in: "a: 1\né: \u{7}")
        #expect(result.spot == Spot("yaml.syntax", 2, 4))
        #expect(result.message == "control character U+0007 is not allowed in YAML")
    }

    @Test func libyamlsOwnNestingLimitIsADepthDiagnostic() {
        let problem = YAMLProblem(
            kind: .parser, problem: "Maximum nesting level reached, set with yaml_set_max_nest_level())",
            position: at(1, 1)
        )
        #expect(diagnostic(problem, in: "[").id == "input.too-deep")
    }
}
