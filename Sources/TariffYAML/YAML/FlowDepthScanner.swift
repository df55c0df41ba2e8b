import TariffCore

/// Finds flow collections (`[`, `{`) nested deeper than the limit before libyaml sees
/// the text.
///
/// libyaml looks ahead up to 1024 characters for a possible `key:` after a `[`, so
/// `[[[[…` reaches its own hard limit (1000 levels, reported at 1:1) before the composer
/// sees level 257. This scan reports the bracket that crosses ``ReadLimits/maxDepth``.
///
/// It is deliberately approximate and errs towards counting less: it skips comments and
/// quoted scalars, and counts a bracket only where a flow collection can begin (after a
/// line start or a blank, or inside a flow collection after one of `[{,:-?`), so
/// `regex: a[[b` counts nothing. Deep block
/// nesting is left to the composer, which sees it level by level.
enum FlowDepthScanner {
    /// The position of the first bracket nested deeper than `limit`, if any.
    ///
    /// - Complexity: O(*n*); O(1) extra space.
    static func firstTooDeep(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int, file: String) -> SourcePosition? {
        var openers = 0
        for byte in bytes where byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") { openers += 1 }
        guard openers > limit else { return nil }

        let locator = TextLocator(file: file, breaks: .yaml)
        var depth = 0
        var line = 1
        var column = 1
        /// The last byte that was not a space or tab on this line, 0 at a line start.
        var previous: UInt8 = 0
        var index = 0
        while index < bytes.count {
            let breakLength = locator.breakLength(at: index, in: bytes)
            if breakLength > 0 {
                index += breakLength
                line += 1
                column = 1
                previous = 0
                continue
            }
            let byte = bytes[index]
            let afterBlank = index == 0 || bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09 || previous == 0
            switch byte {
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                // Outside flow context a bracket opens a collection only where a node
                // starts, after blanks; inside, also right after another indicator.
                if afterBlank || (depth > 0 && Self.startsFlow(after: previous)) {
                    depth += 1
                    if depth > limit { return SourcePosition(file: file, line: line, column: column) }
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if depth > 0 { depth -= 1 }
            case UInt8(ascii: "#") where afterBlank:
                // A comment runs to the end of the line.
                while index + 1 < bytes.count, locator.breakLength(at: index + 1, in: bytes) == 0 { index += 1 }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                if afterBlank || Self.startsFlow(after: previous) {
                    skipQuoted(bytes, from: &index, line: &line, column: &column, locator: locator)
                    previous = byte
                    index += 1
                    column += 1
                    continue
                }
            default:
                break
            }
            if byte != 0x20, byte != 0x09 { previous = byte }
            if byte & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return nil
    }

    private static func startsFlow(after byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: ":"),
             UInt8(ascii: "-"), UInt8(ascii: "?"):
            true
        default:
            false
        }
    }

    /// Moves `index` from an opening quote to its closing quote (or the end), keeping
    /// the line and column in step.
    private static func skipQuoted(
        _ bytes: UnsafeBufferPointer<UInt8>, from index: inout Int, line: inout Int, column: inout Int,
        locator: TextLocator
    ) {
        let quote = bytes[index]
        index += 1
        column += 1
        while index < bytes.count {
            let breakLength = locator.breakLength(at: index, in: bytes)
            if breakLength > 0 {
                index += breakLength
                line += 1
                column = 1
                continue
            }
            let byte = bytes[index]
            if quote == UInt8(ascii: "\""), byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                index += 2
                column += 2
                continue
            }
            if byte == quote {
                // Two single quotes inside single quotes are one escaped quote.
                if quote == UInt8(ascii: "'"), index + 1 < bytes.count, bytes[index + 1] == quote {
                    index += 2
                    column += 2
                    continue
                }
                return
            }
            if byte & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
    }
}
