import Foundation
import Testing
import TariffCore
@testable import TariffYAML

@Suite struct ReaderMessagesTests {
    static let position = SourcePosition(file: "f.yaml", line: 2, column: 3)

    /// Every limit's message names the limit and the flag that raises it.
    @Test(arguments: [
        (ReaderMessages.aliasLimit(limit: 7, at: position), "yaml.alias-limit", "max-alias-expansion"),
        (ReaderMessages.inputTooLarge(file: "f.yaml", size: 9, limit: 7), "input.too-large", "max-bytes"),
        (ReaderMessages.listTooLong(limit: 7, at: position), "input.list-too-long", "max-list-length"),
        (ReaderMessages.tooDeep(limit: 7, at: position), "input.too-deep", "max-depth"),
    ])
    func limitMessagesNameTheLimitAndTheFlag(diagnostic: Diagnostic, id: String, limit: String) {
        #expect(diagnostic.id == id)
        #expect(diagnostic.message.contains("7"))
        #expect(diagnostic.message.contains("(limit \(limit); raise it with --\(limit))"))
    }

    @Test func depthMessageReadsAsSpecified() {
        #expect(ReaderMessages.tooDeep(limit: 256, at: Self.position).message
            == "document nests deeper than 256 levels (limit max-depth; raise it with --max-depth)")
    }

    @Test func duplicateKeyPointsAtTheFirstOccurrence() {
        let first = SourcePosition(file: "f.yaml", line: 1, column: 1)
        let diagnostic = ReaderMessages.yamlDuplicateKey("plan", at: Self.position, length: 4, first: first)
        #expect(diagnostic.spot == Spot("yaml.duplicate-key", 2, 3))
        #expect(diagnostic.length == 4)
        #expect(diagnostic.notes == [.init("'plan' first appears here", at: first)])
    }

    @Test(arguments: [
        (JSONProblem.expectedValue(found: "']'"), "JSON allows no trailing comma"),
        (JSONProblem.expectedKey(found: "'}'"), "JSON allows no trailing comma"),
        (JSONProblem.expectedKey(found: "'''"), "JSON strings use double quotes"),
        (JSONProblem.expectedValue(found: "'/'"), "JSON has no comments"),
        (JSONProblem.controlCharacterInString(0x0A), "write a line break in a string as '\\n'"),
    ])
    func jsonHints(problem: JSONProblem, hint: String) {
        #expect(problem.hint == hint)
    }

    @Test func scalarNamesHaveFourDigitsAtLeast() {
        #expect(JSONProblem.scalarName(0x7) == "U+0007")
        #expect(JSONProblem.scalarName(0x1F600) == "U+1F600")
        #expect(ReaderMessages.hex(0x0F) == "0x0F")
    }

    /// The catalog stays sorted, so a new message has one obvious place.
    @Test func catalogIsSorted() throws {
        let source = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/TariffYAML/ReaderMessages.swift")
        let text = try String(contentsOf: source, encoding: .utf8)
        let catalog = try #require(text.components(separatedBy: "enum JSONProblem").first)
        let names = catalog.components(separatedBy: "\n")
            .compactMap { line -> String? in
                guard let range = line.range(of: "    static func ") else { return nil }
                return String(line[range.upperBound...].prefix { $0 != "(" })
            }
        #expect(names.count > 10)
        #expect(names == names.sorted(), "static funcs out of order: \(names)")
    }
}
