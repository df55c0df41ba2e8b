import TariffCore

/// Turns byte offsets into the 1-based line and column that diagnostics show, counting
/// columns in Unicode scalars as libyaml does.
///
/// Used only on error paths and by pre-scans; the parsers count lines as they go.
struct TextLocator {
    /// Which byte sequences end a line.
    enum LineBreaks {
        /// libyaml's set: `\n`, `\r\n`, a lone `\r`, NEL (U+0085), LS (U+2028), PS (U+2029).
        case yaml
        /// `\n` only; a `\r` before it is whitespace at the end of the line.
        case json
    }

    let file: String
    let breaks: LineBreaks

    /// The position of the byte at `offset`; the bytes before it must be valid UTF-8.
    ///
    /// - Complexity: O(*offset*).
    func position(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourcePosition {
        var line = 1
        var column = 1
        var index = 0
        let end = min(offset, bytes.count)
        while index < end {
            let length = breakLength(at: index, in: bytes)
            if length > 0 {
                line += 1
                column = 1
                index += length
                continue
            }
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        // A column never counts the continuation bytes of the scalar the offset falls in.
        return SourcePosition(file: file, line: line, column: column)
    }

    /// The byte offset where `line` and `column` fall, or nil past the end of the text.
    ///
    /// - Complexity: O(*n*) in the offset found.
    func byteOffset(line: Int, column: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var currentLine = 1
        var index = 0
        while currentLine < line {
            guard index < bytes.count else { return nil }
            let length = breakLength(at: index, in: bytes)
            if length > 0 {
                currentLine += 1
                index += length
            } else {
                index += 1
            }
        }
        var currentColumn = 1
        while currentColumn < column {
            guard index < bytes.count, breakLength(at: index, in: bytes) == 0 else { return nil }
            index += 1
            while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
            currentColumn += 1
        }
        return index < bytes.count ? index : nil
    }

    /// How many bytes the line break at `index` spans, or 0 when there is none.
    func breakLength(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let byte = bytes[index]
        switch breaks {
        case .json:
            return byte == 0x0A ? 1 : 0
        case .yaml:
            switch byte {
            case 0x0A:
                return 1
            case 0x0D:
                return index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
            case 0xC2:
                return index + 1 < bytes.count && bytes[index + 1] == 0x85 ? 2 : 0
            case 0xE2:
                guard index + 2 < bytes.count, bytes[index + 1] == 0x80 else { return 0 }
                return bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 ? 3 : 0
            default:
                return 0
            }
        }
    }
}
