import Foundation
import Testing

/// Every limit has a default, a flag to raise it, and an error that names both (issue 6):
/// `--max-bytes`, `--max-depth`, `--max-alias-expansion`, `--max-list-length`,
/// `--max-expression-depth`, `--max-steps`. Each test crosses the limit, then raises it and
/// gets past it.
@Suite("limits")
struct LimitsTests {
    static let acme = RobustCLI.packageRoot.appendingPathComponent("examples/acme.yaml")

    static func acmeText() throws -> String { try String(contentsOf: acme, encoding: .utf8) }

    /// The example account with `count` licenses instead of its ten.
    static func acmeWith(licenses count: Int) throws -> String {
        var lines = try acmeText().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeAll { $0.hasPrefix("    - { id: L") }
        let at = try #require(lines.firstIndex(of: "  licenses:")) + 1
        lines.insert(contentsOf: (0..<count).map { "    - { id: X\($0), added: 2025-09-01, billed_until: 2026-05-01 }" }, at: at)
        return lines.joined(separator: "\n")
    }

    func preview(_ path: String, _ flags: [String] = []) throws -> RobustCLI.Output {
        try RobustCLI.run(["preview", path, "--as-of", "2026-04-30", "--format", "json"] + flags)
    }

    @Test func maxBytes() throws {
        let crossed = try preview("examples/acme.yaml", ["--max-bytes", "1000"])
        #expect(crossed.status == 2)
        #expect(crossed.firstError.hasPrefix("error: '"))
        #expect(crossed.firstError.hasSuffix(" bytes, more than 1000 (limit max-bytes; raise it with --max-bytes)"))
        #expect(crossed.stdout.isEmpty)
        let raised = try preview("examples/acme.yaml", ["--max-bytes", "100000"])
        #expect(raised.status == 0, "\(raised.stderr)")
        #expect(raised.stdout.contains("\"total\": \"1122.47\""))
    }

    @Test func maxDepth() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("deep.json", "{\"account\": " + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "}")
        let crossed = try preview(path)
        #expect(crossed.status == 2)
        #expect(crossed.firstError == "\(path):1:268: error: document nests deeper than 256 levels (limit max-depth; raise it with --max-depth)")
        // Raised, the reader accepts it and the decoder says what is wrong with it.
        let raised = try preview(path, ["--max-depth", "400"])
        #expect(raised.status == 2)
        #expect(raised.firstError.contains("error: 'account' must be a mapping of fields, found a list"), "\(raised.stderr)")
        let beyond = try preview(path, ["--max-depth", "5000"])
        #expect(beyond.status == 64)
        #expect(beyond.stderr.contains("--max-depth can be at most 1000, not 5000"), "\(beyond.stderr)")
    }

    @Test func maxAliasExpansion() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("aliases.yaml", try Self.acmeText() + "\nshared: &shared [a, b, c]\ncopies: [*shared, *shared, *shared]\n")
        let crossed = try preview(path, ["--max-alias-expansion", "8"])
        #expect(crossed.status == 2)
        #expect(crossed.firstError.hasSuffix(
            ": error: aliases expand to more than 8 nodes (limit max-alias-expansion; raise it with --max-alias-expansion)"))
        #expect(crossed.firstError.hasPrefix("\(path):34:28:"), "the second alias of the list, past 8 nodes")
        let raised = try preview(path)
        #expect(raised.status == 0, "\(raised.stderr)")
    }

    @Test func maxListLength() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("many.yaml", try Self.acmeWith(licenses: 60))
        let crossed = try preview(path, ["--max-list-length", "50"])
        #expect(crossed.status == 2)
        #expect(crossed.firstError == "\(path):12:5: error: list has more than 50 elements (limit max-list-length; raise it with --max-list-length)")
        let raised = try preview(path)
        #expect(raised.status == 0, "\(raised.stderr)")
        #expect(raised.stdout.contains("\"quantity\": 60"))
    }

    @Test func maxExpressionDepth() throws {
        let crossed = try RobustCLI.run(["check", "--max-expression-depth", "4"])
        #expect(crossed.status == 1, "an expression too deep is an error in the rules")
        #expect(crossed.firstError.hasSuffix(": error: expression nests deeper than 4 levels (limit expression-depth)"))
        #expect(crossed.firstError.hasPrefix("rules/"))
        #expect(crossed.stderr.contains("hint: split it into rules, or raise the limit with --max-expression-depth\n"))
        let raised = try RobustCLI.run(["check"])
        #expect(raised.status == 0, "\(raised.stderr)")
    }

    @Test func maxSteps() throws {
        let crossed = try preview("examples/acme.yaml", ["--max-steps", "10"])
        #expect(crossed.status == 2)
        #expect(crossed.firstError.hasSuffix(": error: evaluation took more than 10 steps (limit evaluation-steps)"))
        #expect(crossed.stderr.contains("hint: raise it with --max-steps if the snapshot really is this large\n"))
        #expect(crossed.stdout.isEmpty)
        let raised = try preview("examples/acme.yaml")
        #expect(raised.status == 0, "\(raised.stderr)")
    }

    /// A limit below 1 would refuse everything; one above the nesting ceiling would let a
    /// document or an expression recurse past the stack.
    @Test(arguments: [
        (["--max-bytes", "0"], "--max-bytes must be at least 1, not 0"),
        (["--max-steps=-5"], "--max-steps must be at least 1, not -5"),
        (["--max-list-length", "0"], "--max-list-length must be at least 1, not 0"),
        (["--max-alias-expansion", "0"], "--max-alias-expansion must be at least 1, not 0"),
        (["--max-expression-depth", "100000"], "--max-expression-depth can be at most 1000, not 100000"),
    ])
    func limitsOutsideTheirRange(flags: [String], message: String) throws {
        let output = try RobustCLI.run(["check"] + flags)
        #expect(output.status == 64)
        #expect(output.stderr.contains(message), "\(output.stderr)")
    }

    /// The help names every limit with its default.
    @Test func helpListsEveryLimitWithItsDefault() throws {
        // Wrapped to the terminal's width: compare with the whitespace folded.
        let help = try RobustCLI.run(["preview", "--help"]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for flag in ["--max-bytes", "--max-depth", "--max-alias-expansion", "--max-list-length", "--max-expression-depth", "--max-steps"] {
            #expect(help.contains(flag), "\(flag) missing from --help")
        }
        for value in ["10485760", "256", "100000", "1000000", "64", "50000000"] {
            #expect(help.contains("(default: \(value))"), "default \(value) missing from --help")
        }
    }
}
