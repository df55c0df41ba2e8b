import Testing
import TariffCore
@testable import TariffYAML

@Suite struct TextLocatorTests {
    private func position(_ text: String, _ offset: Int, _ breaks: TextLocator.LineBreaks) -> String {
        var text = text
        return text.withUTF8 { bytes in
            let position = TextLocator(file: "f", breaks: breaks).position(ofByte: offset, in: bytes)
            return "\(position.line):\(position.column)"
        }
    }

    @Test(arguments: [
        ("abc", 2, "1:3"),
        ("a\nbc", 3, "2:2"),
        ("a\r\nbc", 4, "2:2"),
        ("a\rbc", 3, "2:2"),
        ("a\u{85}b", 3, "2:1"),
        ("a\u{2028}b", 4, "2:1"),
        ("éé!", 4, "1:3"),
        ("x\n😀y", 6, "2:2"),
    ])
    func yamlBreaksAndScalarColumns(text: String, offset: Int, expected: String) {
        #expect(position(text, offset, .yaml) == expected)
    }

    @Test(arguments: [
        ("a\r\nbc", 4, "2:2"),
        ("a\rbc", 3, "1:4"),
        ("a\u{2028}b", 4, "1:3"),
    ])
    func jsonBreaksOnlyAtLineFeed(text: String, offset: Int, expected: String) {
        #expect(position(text, offset, .json) == expected)
    }

    @Test func byteOffsetInvertsPosition() {
        var text = "ab\ncé\td\n"
        text.withUTF8 { bytes in
            let locator = TextLocator(file: "f", breaks: .yaml)
            #expect(locator.byteOffset(line: 2, column: 3, in: bytes) == 6)
            #expect(bytes[6] == 0x09)
            #expect(locator.byteOffset(line: 1, column: 9, in: bytes) == nil)
            #expect(locator.byteOffset(line: 5, column: 1, in: bytes) == nil)
        }
    }
}
