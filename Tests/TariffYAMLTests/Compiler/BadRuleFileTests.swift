import Foundation
import Testing
import TariffCore
import TariffYAML

/// One rule file of `Fixtures/bad/` and what compiling it must report.
struct BadRuleFile: Sendable, CustomTestStringConvertible {
    var name: String
    /// Every diagnostic, in the order reported (sorted by position).
    var expected: [Reported]
    /// The hint of the first diagnostic, when it has one worth pinning down.
    var hint: String?

    init(_ name: String, _ expected: [Reported], hint: String? = nil) {
        self.name = name
        self.expected = expected
        self.hint = hint
    }

    var testDescription: String { name }
}

/// The acceptance cases of the compiler's diagnostics: each file under `Fixtures/bad/`
/// is a rule file a person could write, and each must be reported with its message, line
/// and column, all problems at once.
@Suite struct BadRuleFileTests {
    static let files: [BadRuleFile] = [
        BadRuleFile("cycle.yaml", [
            Reported("graph.cycle", "dependency cycle: a -> b -> c -> a", 6, 9),
        ], hint: "a rule cannot depend, directly or through others, on its own result"),
        BadRuleFile("duplicate-id.yaml", [
            Reported("graph.duplicate-id", "rule id 'total' is already used", 9, 9),
        ], hint: "rule ids must be unique across all rule files"),
        BadRuleFile("duplicate-key.yaml", [
            Reported("yaml.duplicate-key", "duplicate key 'value' in mapping", 9, 5),
        ]),
        BadRuleFile("expression-syntax.yaml", [
            Reported("expr.syntax", "expected ')' to close '(', found 'end of expression'", 10, 30),
        ]),
        BadRuleFile("missing-field.yaml", [
            Reported("rules.missing-field", "a value rule needs 'value'", 6, 5),
        ], hint: "value: the expression"),
        BadRuleFile("missing-rounding.yaml", [
            Reported("rules.missing-rounding", "no rounding declared", 1, 1),
        ], hint: "add 'rounding: { mode: half-up, scale: 2 }' to a rule file"),
        BadRuleFile("money-plus-date.yaml", [
            Reported("type.mismatch", "operator '+' cannot combine Money and Date", 10, 12),
        ], hint: "a Date is not an amount; did you mean to count days with days_between?"),
        BadRuleFile("optional-without-default.yaml", [
            Reported("type.mismatch", "operator '-' cannot combine Money and Money?", 10, 12),
        ], hint: "one side may be absent; give it a default with '??'"),
        BadRuleFile("tab-indentation.yaml", [
            Reported("yaml.tab-indentation", "tab character in indentation; YAML indents with spaces", 8, 1),
        ], hint: "replace the tab with spaces"),
        BadRuleFile("three-errors.yaml", [
            Reported("rules.unknown-kind", "unknown rule kind 'valeu'", 9, 11),
            Reported("expr.unknown-field", "'account' has no field 'credit'", 13, 12),
            Reported("expr.syntax", "expected a value, found the end of the expression", 16, 15),
        ], hint: "did you mean 'value'?"),
        BadRuleFile("unknown-field.yaml", [
            Reported("rules.missing-field", "a value rule needs 'value'", 6, 5),
            Reported("rules.unknown-field", "a value rule has no field 'valeu'", 8, 5),
        ]),
        BadRuleFile("unknown-function.yaml", [
            Reported("expr.unknown-function", "unknown function 'days_betwen'", 10, 12),
        ], hint: "did you mean 'days_between'?"),
        BadRuleFile("unknown-kind.yaml", [
            Reported("rules.unknown-kind", "unknown rule kind 'valeu'", 7, 11),
        ], hint: "did you mean 'value'?"),
        BadRuleFile("unknown-reference.yaml", [
            Reported("expr.unknown-name", "unknown name 'licences'", 13, 12),
        ], hint: "did you mean 'licenses'?"),
        BadRuleFile("unknown-table-row.yaml", [
            Reported("table.unknown-row", "table 'license_price' has no row 'ADVANCD'", 10, 26),
        ], hint: "did you mean 'ADVANCED'?"),
        BadRuleFile("wrong-arity.yaml", [
            Reported("expr.arity", "function 'days_between' takes 2 arguments, but 1 was given", 10, 12),
        ], hint: "days_between(from, to): days from one date to another, negative if reversed"),
        BadRuleFile("yaml-syntax.yaml", [
            Reported("yaml.syntax", "did not find expected ',' or '}'", 5, 6),
        ]),
    ]

    static func diagnostics(_ name: String) throws -> [Diagnostic] {
        let text = try CompilerHarness.fixture("bad/" + name)
        return CompilerHarness.diagnostics(text, file: name)
    }

    @Test(arguments: files)
    func reportsMessageLineAndColumn(_ file: BadRuleFile) throws {
        let diagnostics = try Self.diagnostics(file.name)
        #expect(diagnostics.map(Reported.init) == file.expected)
        #expect(diagnostics.allSatisfy { $0.position?.file == file.name && $0.severity == .error })
        if let hint = file.hint {
            #expect(diagnostics.first?.hint == hint)
        }
    }

    /// No fixture is left without expectations.
    @Test func everyFixtureIsChecked() throws {
        let folder = CompilerHarness.fixtures.appendingPathComponent("bad").path
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }
        #expect(names.sorted() == Self.files.map(\.name).sorted())
        #expect(names.count >= 12)
    }

    // MARK: Secondary positions

    @Test func duplicateIDPointsAtBothDefinitions() throws {
        let diagnostic = try #require(try Self.diagnostics("duplicate-id.yaml").first)
        #expect(diagnostic.position == SourcePosition(file: "duplicate-id.yaml", line: 9, column: 9))
        #expect(diagnostic.length == 5)
        #expect(diagnostic.notes == [
            .init("'total' first defined here", at: SourcePosition(file: "duplicate-id.yaml", line: 6, column: 9)),
        ])
    }

    @Test func cycleNotesNameEveryOtherRuleOnIt() throws {
        let diagnostic = try #require(try Self.diagnostics("cycle.yaml").first)
        #expect(diagnostic.notes == [
            .init("'b' is part of the cycle", at: SourcePosition(file: "cycle.yaml", line: 9, column: 9)),
            .init("'c' is part of the cycle", at: SourcePosition(file: "cycle.yaml", line: 12, column: 9)),
        ])
    }

    @Test func yamlDuplicateKeyNotesTheFirstOccurrence() throws {
        let diagnostic = try #require(try Self.diagnostics("duplicate-key.yaml").first)
        #expect(diagnostic.length == 5)
        #expect(diagnostic.notes == [
            .init("'value' first appears here", at: SourcePosition(file: "duplicate-key.yaml", line: 8, column: 5)),
        ])
    }

    /// libyaml notices the unclosed brace at the next key; the note shows where it opened.
    @Test func yamlSyntaxErrorNotesWhereTheConstructStarted() throws {
        let diagnostic = try #require(try Self.diagnostics("yaml-syntax.yaml").first)
        #expect(diagnostic.notes == [
            .init("while parsing a flow mapping that starts here",
                  at: SourcePosition(file: "yaml-syntax.yaml", line: 4, column: 11)),
        ])
    }

    /// The caret spans the whole operator expression, from its first operand to its last.
    @Test func typeMismatchUnderlinesTheOperatorExpression() throws {
        let diagnostic = try #require(try Self.diagnostics("money-plus-date.yaml").first)
        #expect(diagnostic.length == "account.credits + account.since".count)
    }

    // MARK: All at once

    @Test func threeIndependentErrorsAreAllReported() throws {
        let diagnostics = try Self.diagnostics("three-errors.yaml")
        #expect(diagnostics.count == 3)
        #expect(Set(diagnostics.map(\.position?.line)) == [9, 13, 16])
    }

    /// Problems in different files come back together, sorted by file and position.
    @Test func errorsInSeveralFilesAreAllReported() throws {
        let first = try YAMLReader.read(CompilerHarness.fixture("bad/unknown-kind.yaml"), file: "a.yaml").get()
        let second = try YAMLReader.read(CompilerHarness.fixture("bad/unknown-function.yaml"), file: "b.yaml").get()
        let result = RuleCompiler(registry: .standard).compile([second, first])
        let diagnostics = try #require(result.failureDiagnostics)
        #expect(diagnostics.map(Reported.init) == [
            Reported("rules.unknown-kind", "unknown rule kind 'valeu'", 7, 11),
            Reported("expr.unknown-function", "unknown function 'days_betwen'", 10, 12),
        ])
        #expect(diagnostics.map(\.position?.file) == ["a.yaml", "b.yaml"])
    }

    // MARK: Rendering

    @Test func rendersLikeTheSwiftCompiler() throws {
        let text = try CompilerHarness.fixture("bad/money-plus-date.yaml")
        let diagnostics = CompilerHarness.diagnostics(text, file: "rules/money-plus-date.yaml")
        let rendered = DiagnosticRenderer(sources: ["rules/money-plus-date.yaml": text]).render(diagnostics)
        #expect(rendered == """
            rules/money-plus-date.yaml:10:12: error: operator '+' cannot combine Money and Date
                    value: account.credits + account.since
                           ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
            hint: a Date is not an amount; did you mean to count days with days_between?

            """)
    }

    @Test func rendersNotesAtTheirOwnPositions() throws {
        let text = try CompilerHarness.fixture("bad/duplicate-id.yaml")
        let diagnostics = CompilerHarness.diagnostics(text, file: "duplicate-id.yaml")
        let rendered = DiagnosticRenderer(sources: ["duplicate-id.yaml": text]).render(diagnostics)
        #expect(rendered == """
            duplicate-id.yaml:9:9: error: rule id 'total' is already used
                  - id: total
                        ^~~~~
            duplicate-id.yaml:6:9: note: 'total' first defined here
                  - id: total
                        ^
            hint: rule ids must be unique across all rule files

            """)
    }

    /// A file saved with CRLF line ends reads to the same positions; its rendering quotes
    /// the offending line alone.
    @Test func crlfFileReportsTheSamePositions() throws {
        let text = try CompilerHarness.fixture("bad/money-plus-date.yaml").replacingOccurrences(of: "\n", with: "\r\n")
        let diagnostics = CompilerHarness.diagnostics(text, file: "crlf.yaml")
        #expect(diagnostics.map(Reported.init) == [
            Reported("type.mismatch", "operator '+' cannot combine Money and Date", 10, 12),
        ])
        let rendered = DiagnosticRenderer(sources: ["crlf.yaml": text]).render(diagnostics)
        #expect(rendered.hasPrefix("""
            crlf.yaml:10:12: error: operator '+' cannot combine Money and Date
                    value: account.credits + account.since
                           ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

            """))
    }

    /// The caret sits under the column reported, whatever the file's indentation.
    @Test(arguments: files.map(\.name))
    func caretIsUnderTheReportedColumn(_ name: String) throws {
        let text = try CompilerHarness.fixture("bad/" + name)
        let diagnostics = CompilerHarness.diagnostics(text, file: name)
        for diagnostic in diagnostics {
            let rendered = DiagnosticRenderer(sources: [name: text]).render(diagnostic).split(separator: "\n")
            let column = try #require(diagnostic.position?.column)
            #expect(rendered.count >= 3)
            guard rendered.count >= 3 else { continue }
            let caret = rendered[2]
            let offset = caret.distance(from: caret.startIndex, to: caret.firstIndex(of: "^") ?? caret.endIndex)
            #expect(offset == 4 + column - 1, "\(diagnostic)")
        }
    }
}

extension Result where Success == RuleGraph, Failure == DiagnosticError {
    /// The diagnostics of a failed compilation, or nil when it succeeded.
    var failureDiagnostics: [Diagnostic]? {
        if case let .failure(error) = self { return error.diagnostics }
        return nil
    }
}
