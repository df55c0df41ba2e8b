import TariffCore

/// The checks every reader makes before parsing: size, UTF-8, byte-order mark.
enum InputText {
    /// The `input.too-large` diagnostic when `count` bytes exceed the limit.
    static func checkSize(_ count: Int, file: String, limits: ReadLimits) -> Diagnostic? {
        count > limits.maxBytes
            ? ReaderMessages.inputTooLarge(file: file, size: count, limit: limits.maxBytes)
            : nil
    }

    /// Decodes UTF-8 bytes, or reports the first invalid byte with its line and column.
    ///
    /// Valid input, the common case, costs one validating copy; the position is only
    /// computed on failure.
    static func decode(
        _ bytes: [UInt8], file: String, breaks: TextLocator.LineBreaks
    ) -> Result<String, DiagnosticError> {
        if let text = String(validating: bytes, as: UTF8.self) {
            return .success(text)
        }
        let diagnostic = bytes.withUnsafeBufferPointer { buffer -> Diagnostic in
            let offset = firstInvalidByte(in: buffer) ?? 0
            let position = TextLocator(file: file, breaks: breaks).position(ofByte: offset, in: buffer)
            let byte = offset < buffer.count ? buffer[offset] : 0
            return ReaderMessages.notUTF8(byte: byte, offset: offset, at: position)
        }
        return .failure(DiagnosticError([diagnostic]))
    }

    /// The text without a leading byte-order mark, which libyaml and JSON both skip
    /// without counting it as a column.
    static func droppingByteOrderMark(_ text: String) -> String {
        text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
    }

    /// The offset of the first byte that starts no valid UTF-8 sequence: a stray
    /// continuation byte, the lead byte of a truncated, overlong or surrogate sequence,
    /// or a byte that never occurs in UTF-8. Nil when all is valid.
    ///
    /// - Complexity: O(*n*).
    static func firstInvalidByte(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return index
            }
            guard index + length <= count else { return index }
            let second = bytes[index + 1]
            guard second >= low, second <= high else { return index }
            for next in (index + 2)..<(index + length) where bytes[next] & 0xC0 != 0x80 {
                return index
            }
            index += length
        }
        return nil
    }
}
