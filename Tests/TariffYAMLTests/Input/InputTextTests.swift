import Testing
import TariffCore
@testable import TariffYAML

@Suite struct InputTextTests {
    @Test(arguments: [
        ([0x41, 0x80], 1),                    // stray continuation byte
        ([0xC0, 0x80], 0),                    // overlong NUL
        ([0xC3], 0),                          // truncated at the end
        ([0xC3, 0x41], 0),                    // truncated by ASCII
        ([0xE0, 0x80, 0x80], 0),              // overlong three-byte form
        ([0xED, 0xA0, 0x80], 0),              // UTF-16 surrogate
        ([0xF4, 0x90, 0x80, 0x80], 0),        // beyond U+10FFFF
        ([0xF5, 0x80, 0x80, 0x80], 0),        // never a lead byte
        ([0x61, 0xE2, 0x82, 0xAC, 0xFF], 4),  // after a valid euro sign
    ] as [([UInt8], Int)])
    func firstInvalidByte(bytes: [UInt8], offset: Int) {
        #expect(bytes.withUnsafeBufferPointer(InputText.firstInvalidByte) == offset)
    }

    @Test func validUTF8HasNoInvalidByte() {
        let bytes = Array("aé€😀\u{10FFFF}".utf8)
        #expect(bytes.withUnsafeBufferPointer(InputText.firstInvalidByte) == nil)
    }

    @Test func decodeReportsLineAndColumnOfTheBadByte() {
        let bytes = Array("a: 1\nbé: ".utf8) + [0xFF] + Array(" x\n".utf8)
        guard case let .failure(error) = InputText.decode(bytes, file: "f.yaml", breaks: .yaml) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.diagnostics.map(\.spot) == [Spot("input.not-utf8", 2, 5)])
        #expect(error.diagnostics.first?.message == "invalid UTF-8 byte 0xFF at byte offset 10")
    }

    @Test func byteOrderMarkIsDropped() {
        #expect(InputText.droppingByteOrderMark("\u{FEFF}a: 1") == "a: 1")
        #expect(InputText.droppingByteOrderMark("a\u{FEFF}") == "a\u{FEFF}")
    }

    @Test func sizeIsCheckedAgainstTheLimit() {
        let limits = ReadLimits(maxBytes: 4)
        #expect(InputText.checkSize(4, file: "f", limits: limits) == nil)
        #expect(InputText.checkSize(5, file: "f", limits: limits)?.spot == Spot("input.too-large", 0, 0))
    }
}
