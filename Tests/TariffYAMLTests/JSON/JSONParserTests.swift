import Foundation
import Testing
import TariffCore
@testable import TariffYAML

@Suite struct JSONParserTests {
    private func parse(_ text: String, limits: ReadLimits = .default) -> (SourceNode?, [Diagnostic]) {
        var text = text
        return text.withUTF8 { bytes in
            var parser = JSONParser(bytes: bytes, file: "f.json", limits: limits)
            let root = parser.parse()
            return (root, parser.diagnostics)
        }
    }

    /// Numbers keep the exact text they were written with.
    @Test(arguments: ["1122.47", "1e30", "-0", "0.10", "1E+2", "-3.5e-7", "12345678901234567890123.000"])
    func numbersKeepTheirText(number: String) throws {
        let root = try #require(parse("[\(number)]").0)
        #expect(root[0]?.scalar == number)
        #expect(root[0]?.style == .plain)
    }

    @Test(arguments: [("true", "true"), ("false", "false"), ("null", "null")])
    func literalsArePlain(json: String, text: String) {
        let root = parse(json).0
        #expect(root?.scalar == text)
        #expect(root?.style == .plain)
    }

    @Test(arguments: [
        (#""plain""#, "plain"),
        (#""a\"b\\c\/d""#, "a\"b\\c/d"),
        (#""\b\f\n\r\t""#, "\u{8}\u{C}\n\r\t"),
        (#""caf\u00e9 \u20AC""#, "café €"),
        (#""\ud83d\ude00!""#, "😀!"),
        (#""déjà\n""#, "déjà\n"),
    ])
    func stringsAreUnescapedAndQuoted(json: String, text: String) {
        let root = parse(json).0
        #expect(root?.scalar == text)
        #expect(root?.style == .quoted)
    }

    @Test func nodesHaveLinesAndColumnsCountedInScalars() throws {
        let root = try #require(parse("{\"é\": 1, \"b\": [true,\n  {\"c\": \"x\"}]}").0)
        #expect(root.at == "1:1")
        #expect(root.entries?.map(\.key.at) == ["1:2", "1:10"])
        #expect(root["é"]?.at == "1:7")
        #expect(root["b"]?.at == "1:15")
        #expect(root["b", 1]?.at == "2:3")
        #expect(root["b", 1, "c"]?.at == "2:9")
    }

    @Test(arguments: [
        ("{\"a\": 1 \"b\": 2}", "expected ',' or '}' after object member, found '\"'", 1, 9),
        ("{\"a\": 1,\n \"b\" 2}", "expected ':' after object key, found '2'", 2, 6),
        ("[1 2]", "expected ',' or ']' after array element, found '2'", 1, 4),
        ("[1, 2,]", "expected a JSON value, found ']'", 1, 7),
        ("{\"a\": 1,}", "expected a string key in object, found '}'", 1, 9),
        ("{'a': 1}", "expected a string key in object, found '''", 1, 2),
        ("[01]", "a number may not start with '0' followed by digits", 1, 2),
        ("[1.]", "expected a digit after '.' in number, found ']'", 1, 4),
        ("[-x]", "expected a digit after '-' in number, found 'x'", 1, 3),
        ("[1e]", "expected a digit in the exponent in number, found ']'", 1, 4),
        ("[\"é\", tru]", "invalid literal; expected 'true', 'false' or 'null'", 1, 7),
        ("\"abc", "unterminated string; expected a closing '\"'", 1, 1),
        ("[\"a\\", "unterminated string; expected a closing '\"'", 1, 2),
        ("[1] x", "unexpected 'x' after the JSON value", 1, 5),
        ("", "empty document; expected a JSON value", 1, 1),
        (" \n ", "empty document; expected a JSON value", 2, 2),
        ("[\"a\\q\"]", "invalid escape sequence '\\q' in string", 1, 4),
        ("[\"\\ud800\"]", "unpaired surrogate '\\uD800' in string", 1, 3),
        ("[\"\\udc00\"]", "unpaired surrogate '\\uDC00' in string", 1, 3),
        ("[\"\\u12G4\"]", "expected four hexadecimal digits after '\\u'", 1, 3),
        ("[\"a\nb\"]", "control character U+000A must be escaped in a string", 1, 4),
        ("{\"a\": }", "expected a JSON value, found '}'", 1, 7),
        ("[1,", "expected a JSON value, found end of input", 1, 4),
        ("{\"a\"", "expected ':' after object key, found end of input", 1, 5),
        ("[é]", "expected a JSON value, found 'é'", 1, 2),
        ("NaN", "expected a JSON value, found 'N'", 1, 1),
    ])
    func syntaxErrorsSayWhatWasExpected(json: String, message: String, line: Int, column: Int) {
        let (root, diagnostics) = parse(json)
        #expect(root == nil)
        #expect(diagnostics.map(\.spot) == [Spot("json.syntax", line, column)])
        #expect(diagnostics.first?.message == message)
    }

    @Test func everyDuplicateKeyIsReported() {
        let (_, diagnostics) = parse("{\"a\": 1, \"b\": {\"x\": 1, \"x\": 2}, \"a\": 3}")
        #expect(diagnostics.map(\.spot) == [Spot("json.duplicate-key", 1, 24), Spot("json.duplicate-key", 1, 33)])
        #expect(diagnostics.map { $0.notes.first?.position?.column } == [16, 2])
        #expect(diagnostics.first?.message == "duplicate key 'x' in object")
    }

    @Test func duplicatesAreFoundInLargeObjectsToo() {
        let members = (0..<40).map { "\"k\($0)\": \($0)" } + ["\"k7\": 0", "\"k39\": 0"]
        let text = "{" + members.joined(separator: ", ") + "}"
        let firstColumn = { (key: String) -> Int? in
            text.range(of: "\"\(key)\"").map { text.distance(from: text.startIndex, to: $0.lowerBound) + 1 }
        }
        let (_, diagnostics) = parse(text)
        #expect(diagnostics.map(\.message) == ["duplicate key 'k7' in object", "duplicate key 'k39' in object"])
        #expect(diagnostics.map { $0.notes.first?.position?.column } == [firstColumn("k7"), firstColumn("k39")])
    }

    @Test func depthAndListLengthAreLimited() {
        #expect(parse(String(repeating: "[", count: 10_000)).1.map(\.spot) == [Spot("input.too-deep", 1, 257)])
        #expect(parse(String(repeating: "{\"a\":", count: 10_000)).1.map(\.spot) == [Spot("input.too-deep", 1, 1281)])
        #expect(parse("[[1]]", limits: ReadLimits(maxDepth: 1)).1.map(\.spot) == [Spot("input.too-deep", 1, 2)])
        #expect(parse("[[]]", limits: ReadLimits(maxDepth: 2)).0 != nil)
        #expect(parse("[1, 2, 3]", limits: ReadLimits(maxListLength: 3)).0 != nil)
        #expect(parse("\n [1, 2, 3, 4]", limits: ReadLimits(maxListLength: 3)).1.map(\.spot)
            == [Spot("input.list-too-long", 2, 2)])
    }

    @Test func whitespaceIncludesCarriageReturnsAndTabs() throws {
        let root = try #require(parse("{\r\n\t\"a\" : [ ]\r\n}\r\n").0)
        #expect(root["a"]?.elements?.isEmpty == true)
        #expect(root.entries?.first?.key.at == "2:2")
    }
}
