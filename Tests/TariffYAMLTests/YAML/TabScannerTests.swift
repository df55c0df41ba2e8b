import Testing
import TariffCore
@testable import TariffYAML

@Suite struct TabScannerTests {
    private func tabs(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            TabScanner.tabsInIndentation(bytes, file: "f").map { "\($0.line):\($0.column)" }
        }
    }

    @Test(arguments: [
        ("a:\n\tb: 1\n", ["2:1"]),
        ("a:\n  \tb: 1\n", ["2:3"]),
        ("a:\n \t \tb: 1\nc:\n\t- x\n", ["2:2", "4:1"]),
        ("a:\n\t# comment\n", ["2:1"]),
        ("a:\r\tb: 1\r\n\tc: 2", ["2:1", "3:1"]),
    ])
    func reportsTheFirstTabOfEachIndentedLine(text: String, expected: [String]) {
        #expect(tabs(text) == expected)
    }

    @Test(arguments: [
        "a: 1\n",
        "a:\t1\n",          // a separator, not indentation
        "a: 1\n\t\n",       // a blank line
        "a: 1 \t# note\n",
    ])
    func ignoresTabsThatAreNotIndentation(text: String) {
        #expect(tabs(text).isEmpty)
    }
}
