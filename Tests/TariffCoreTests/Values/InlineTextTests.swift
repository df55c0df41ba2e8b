import Testing
@testable import TariffCore

/// ``InlineText`` reads the two words a `String` holds short text in (64-bit platforms):
/// the tests pin what the table index, comparisons and labels rely on — which strings are
/// inline, their byte count, the ASCII flag, and equal text giving equal words.
@Suite("inline text") struct InlineTextTests {
    @Test(arguments: ["", "F", "FR", "ADVANCED", "+33612345678", "fifteen-bytes-x", "東京", "Zürich"])
    func shortTextIsInlineWithItsCountAndFlag(text: String) throws {
        let inline = try #require(InlineText(text))
        #expect(inline.count == text.utf8.count)
        #expect(inline.isASCII == text.utf8.allSatisfy { $0 < 0x80 })
        // The same text made another way has the same words.
        #expect(InlineText(String(decoding: Array(text.utf8), as: UTF8.self)) == inline)
    }

    @Test func longTextAndWhatRemainsOfItAreNotInline() {
        #expect(InlineText("sixteen-bytes-xx") == nil)
        var shortened = "FR" + String(repeating: "z", count: 40)
        shortened.removeLast(40)
        #expect(shortened == "FR")
        #expect(InlineText(shortened) == nil)
    }

    @Test func differentTextGivesDifferentWords() {
        let words = ["FR", "FRA", "fr", "RF", "F", "", "FR\u{0}"].compactMap(InlineText.init)
        #expect(words.count == 7)
        #expect(Set(words.map { "\($0.low)-\($0.high)" }).count == 7)
    }
}
