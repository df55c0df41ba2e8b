import Testing
import TariffCore
@testable import TariffYAML

@Suite struct FlowDepthScannerTests {
    private func tooDeep(_ text: String, limit: Int) -> String? {
        var text = text
        return text.withUTF8 { bytes in
            FlowDepthScanner.firstTooDeep(bytes, limit: limit, file: "f").map { "\($0.line):\($0.column)" }
        }
    }

    @Test(arguments: [
        ("[[[1]]]", 2, "1:3"),
        ("a: [{b: [1]}]", 2, "1:9"),
        ("a:\n  - [\n    [\n      [x]]]", 2, "4:7"),
        ("é: [[[1]]]", 2, "1:6"),
    ])
    func findsTheBracketThatCrossesTheLimit(text: String, limit: Int, expected: String) {
        #expect(tooDeep(text, limit: limit) == expected)
    }

    @Test(arguments: [
        "[[1], [2], [3]]",
        "a: \"[[[[\"",
        "a: '[[[[ it''s ]'",
        "a: x[[[[",
        "a: 1 # [[[[",
    ])
    func ignoresBracketsThatOpenNoCollection(text: String) {
        #expect(tooDeep(text, limit: 2) == nil)
    }

    @Test func tenThousandBracketsStopAtTheLimit() {
        #expect(tooDeep(String(repeating: "[", count: 10_000), limit: 256) == "1:257")
    }
}
