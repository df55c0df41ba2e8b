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

    /// Words built from loaded bytes are, bit for bit, the words `String` holds the same
    /// text in, for every length and for bytes 0 through 127 in every position; the result
    /// is a working `String` (equal, hashed, counted, appended to, compared). Bytes past the
    /// count are ignored; a counted non-ASCII byte or a count above 15 gives nil.
    @Test func wordsBuiltFromBytesAreTheStringsOwn() throws {
        var hasher = 0
        for length in 0...15 {
            for byte in UInt8(0)...127 {
                for position in 0..<max(length, 1) {
                    var bytes = (0..<16).map { UInt8(ascii: "A") + UInt8($0) }
                    if length > 0 { bytes[position] = byte }
                    for index in length..<16 { bytes[index] = 0xFF }   // garbage past the text
                    let (low, high) = bytes.withUnsafeBytes { ($0.loadUnaligned(as: UInt64.self), $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
                    let built = try #require(InlineText(asciiWords: low, high, count: length))
                    let reference = String(decoding: bytes[..<length], as: UTF8.self)
                    #expect(built == InlineText(reference), "\(length) \(byte) \(position)")
                    let string = built.string
                    #expect(string == reference)
                    #expect(string.hashValue == reference.hashValue)
                    #expect(Array(string.utf8) == Array(bytes[..<length]))
                    hasher &+= string.utf8.count
                }
            }
        }
        #expect(hasher > 0)
        let made = try #require(InlineText(asciiWords: 0x4443_4241, 0, count: 4)).string
        #expect(made == "ABCD")
        #expect(made + "EF" == "ABCDEF")
        #expect(made < "ABCE" && made > "ABC")
        #expect(Set([made, "ABCD"]).count == 1)
        #expect(InlineText(asciiWords: 0x80, 0, count: 1) == nil)
        #expect(InlineText(asciiWords: 0x41, 0x80 << 48, count: 15) == nil)
        #expect(InlineText(asciiWords: 0x41, 0x80 << 48, count: 14) != nil)
        #expect(InlineText(asciiWords: 0, 0, count: 16) == nil)
        #expect(InlineText(asciiWords: 0, 0, count: -1) == nil)
    }

    @Test func differentTextGivesDifferentWords() {
        let words = ["FR", "FRA", "fr", "RF", "F", "", "FR\u{0}"].compactMap(InlineText.init)
        #expect(words.count == 7)
        #expect(Set(words.map { "\($0.low)-\($0.high)" }).count == 7)
    }
}
