import TariffCore

/// A strict RFC 8259 parser over UTF-8 bytes that builds ``SourceNode``s with positions.
///
/// Built for the batch biller's hot path: one pass, no recursion (an explicit stack of
/// open containers), no `Foundation`, no `Any`, no `Double`. Lines and columns are
/// counted as the bytes go by; columns count Unicode scalars, as libyaml's do.
///
/// The time goes to reference counting more than to scanning, so each open container
/// owns its array (moved, not copied, into its node when it closes), and duplicate keys
/// are found by comparing hashes kept on a side stack, reading key strings only on a match.
///
/// Numbers keep their exact text (`1e30`, `1122.47`); strings are unescaped; `true`,
/// `false` and `null` are plain scalars with that text.
///
/// - Complexity: O(*n*) in the input, plus O(*k*²) integer comparisons per object of
///   *k* ≤ 16 keys for the duplicate-key check (a hash table above that).
struct JSONParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let file: String
    private let limits: ReadLimits

    private var index = 0
    private var line = 1
    private var lineStart = 0
    /// UTF-8 continuation bytes between `lineStart` and `index`: columns count scalars.
    private var continuationBytes = 0

    /// Open containers, innermost last.
    private var frames: [Frame] = []
    /// A hash of each key of the open objects, each object's from its frame's `keyStart`.
    private var keyHashes: [UInt64] = []
    /// Reused for strings with escapes.
    private var scratch: [UInt8] = []

    /// Duplicate keys found; a syntax error or limit ends the parse and is added last.
    private(set) var diagnostics: [Diagnostic] = []

    private struct Frame {
        var isObject: Bool
        var position: SourcePosition
        var elements: [SourceNode] = []
        var members: [SourceEntry] = []
        /// Where this object's hashes start in `keyHashes`.
        var keyStart: Int
        /// The current member's key, read and waiting for its value.
        var key: SourceNode?

        init(isObject: Bool, position: SourcePosition, keyStart: Int) {
            self.isObject = isObject
            self.position = position
            self.keyStart = keyStart
            // Most containers are small: one allocation instead of four doublings.
            if isObject { members.reserveCapacity(8) } else { elements.reserveCapacity(8) }
        }
    }

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, limits: ReadLimits) {
        self.bytes = bytes
        self.file = file
        self.limits = limits
    }

    /// The document's root, or nil after a syntax error or an exceeded limit.
    mutating func parse() -> SourceNode? {
        do {
            return try parseDocument()
        } catch {
            diagnostics.append(error)
            return nil
        }
    }

    // MARK: - Structure

    private mutating func parseDocument() throws(Diagnostic) -> SourceNode {
        skipWhitespace()
        guard index < bytes.count else { throw syntax(.emptyDocument) }
        nextValue: while true {
            skipWhitespace()
            guard index < bytes.count else { throw syntax(.expectedValue(found: found())) }
            let position = self.position
            var node: SourceNode
            switch bytes[index] {
            case UInt8(ascii: "{"):
                try checkDepth(at: position)
                index += 1
                skipWhitespace()
                if peek == UInt8(ascii: "}") {
                    index += 1
                    node = SourceNode(.mapping([]), at: position)
                } else {
                    frames.append(Frame(isObject: true, position: position, keyStart: keyHashes.count))
                    try readKey()
                    continue nextValue
                }
            case UInt8(ascii: "["):
                try checkDepth(at: position)
                index += 1
                skipWhitespace()
                if peek == UInt8(ascii: "]") {
                    index += 1
                    node = SourceNode(.list([]), at: position)
                } else {
                    frames.append(Frame(isObject: false, position: position, keyStart: keyHashes.count))
                    continue nextValue
                }
            case UInt8(ascii: "\""):
                node = SourceNode(.scalar(try readString(at: position), .quoted), at: position)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                node = SourceNode(.scalar(try readNumber(), .plain), at: position)
            case UInt8(ascii: "t"):
                node = SourceNode(.scalar(try readLiteral("true", Self.trueBytes), .plain), at: position)
            case UInt8(ascii: "f"):
                node = SourceNode(.scalar(try readLiteral("false", Self.falseBytes), .plain), at: position)
            case UInt8(ascii: "n"):
                node = SourceNode(.scalar(try readLiteral("null", Self.nullBytes), .plain), at: position)
            default:
                throw syntax(.expectedValue(found: found()))
            }

            // Hand the value to its container; close every container it completes.
            while let top = frames.indices.last {
                if frames[top].isObject {
                    guard let key = frames[top].key else { throw syntax(.expectedKey(found: found())) }
                    frames[top].key = nil
                    frames[top].members.append(SourceEntry(key: key, value: node))
                    skipWhitespace()
                    if peek == UInt8(ascii: ",") {
                        index += 1
                        try readKey()
                        continue nextValue
                    }
                    guard peek == UInt8(ascii: "}") else { throw syntax(.expectedCommaOrBrace(found: found())) }
                    index += 1
                    node = closeObject()
                } else {
                    guard frames[top].elements.count < limits.maxListLength else {
                        throw ReaderMessages.listTooLong(limit: limits.maxListLength, at: frames[top].position)
                    }
                    frames[top].elements.append(node)
                    skipWhitespace()
                    if peek == UInt8(ascii: ",") {
                        index += 1
                        continue nextValue
                    }
                    guard peek == UInt8(ascii: "]") else { throw syntax(.expectedCommaOrBracket(found: found())) }
                    index += 1
                    node = closeArray()
                }
            }
            skipWhitespace()
            guard index == bytes.count else { throw syntax(.trailingContent(found: found())) }
            return node
        }
    }

    private func checkDepth(at position: SourcePosition) throws(Diagnostic) {
        guard frames.count < limits.maxDepth else {
            throw ReaderMessages.tooDeep(limit: limits.maxDepth, at: position)
        }
    }

    /// Reads `"key" :` into the innermost object's frame.
    private mutating func readKey() throws(Diagnostic) {
        skipWhitespace()
        guard peek == UInt8(ascii: "\"") else { throw syntax(.expectedKey(found: found())) }
        let position = self.position
        var hash: UInt64 = 0
        let name = try readString(at: position, hash: &hash)
        keyHashes.append(hash)
        skipWhitespace()
        guard peek == UInt8(ascii: ":") else { throw syntax(.expectedColon(found: found())) }
        index += 1
        frames[frames.count - 1].key = SourceNode(.scalar(name, .quoted), at: position)
    }

    private mutating func closeArray() -> SourceNode {
        let frame = frames.removeLast()
        return SourceNode(.list(frame.elements), at: frame.position)
    }

    private mutating func closeObject() -> SourceNode {
        let frame = frames.removeLast()
        reportDuplicates(in: frame.members, hashes: keyHashes[frame.keyStart...])
        keyHashes.removeLast(keyHashes.count - frame.keyStart)
        return SourceNode(.mapping(frame.members), at: frame.position)
    }

    /// Every key that repeats an earlier key of the same object, with a note at the first.
    private mutating func reportDuplicates(in members: [SourceEntry], hashes: ArraySlice<UInt64>) {
        guard members.count > 1 else { return }
        let base = hashes.startIndex
        if members.count <= 16 {
            for later in 1..<members.count {
                let hash = hashes[base + later]
                for earlier in 0..<later where hashes[base + earlier] == hash {
                    if members[earlier].name == members[later].name {
                        reportDuplicate(members[later].key, first: members[earlier].key)
                        break
                    }
                }
            }
        } else {
            var firstByName: [String: Int] = [:]
            firstByName.reserveCapacity(members.count)
            for (offset, member) in members.enumerated() {
                if let first = firstByName[member.name] {
                    reportDuplicate(member.key, first: members[first].key)
                } else {
                    firstByName[member.name] = offset
                }
            }
        }
    }

    private mutating func reportDuplicate(_ key: SourceNode, first: SourceNode) {
        let name = key.scalar ?? ""
        diagnostics.append(ReaderMessages.jsonDuplicateKey(
            name, at: key.position, length: name.unicodeScalars.count + 2, first: first.position
        ))
    }

    // MARK: - Scalars

    /// Reads a string whose opening quote is at `index` and at `position`.
    private mutating func readString(at position: SourcePosition) throws(Diagnostic) -> String {
        var unused: UInt64 = 0
        return try readString(at: position, hash: &unused)
    }

    /// Reads a string, and an FNV-1a hash of its unescaped UTF-8 into `hash`.
    private mutating func readString(at position: SourcePosition, hash: inout UInt64) throws(Diagnostic) -> String {
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let content = UnsafeBufferPointer(rebasing: bytes[start..<index])
                hash = Self.fnv1a(content)
                index += 1
                return String(decoding: content, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                let text = try readEscapedString(from: start, at: position)
                hash = scratch.withUnsafeBufferPointer(Self.fnv1a)
                return text
            }
            if byte < 0x20 { throw syntax(.controlCharacterInString(byte)) }
            if byte & 0xC0 == 0x80 { continuationBytes += 1 }
            index += 1
        }
        throw ReaderMessages.jsonSyntax(.unterminatedString, at: position)
    }

    /// The slow path, from the first backslash: copies into `scratch`, unescaping.
    private mutating func readEscapedString(from start: Int, at position: SourcePosition) throws(Diagnostic) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: scratch, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index + 1 < bytes.count else {
                    throw ReaderMessages.jsonSyntax(.unterminatedString, at: position)
                }
                let escape = bytes[index + 1]
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escape)
                case UInt8(ascii: "b"): scratch.append(0x08)
                case UInt8(ascii: "f"): scratch.append(0x0C)
                case UInt8(ascii: "n"): scratch.append(0x0A)
                case UInt8(ascii: "r"): scratch.append(0x0D)
                case UInt8(ascii: "t"): scratch.append(0x09)
                case UInt8(ascii: "u"):
                    try readUnicodeEscape()
                    continue
                default:
                    throw syntax(.invalidEscape(found: found(at: index + 1).trimmingQuotes))
                }
                index += 2
            case 0..<0x20:
                throw syntax(.controlCharacterInString(byte))
            default:
                if byte & 0xC0 == 0x80 { continuationBytes += 1 }
                scratch.append(byte)
                index += 1
            }
        }
        throw ReaderMessages.jsonSyntax(.unterminatedString, at: position)
    }

    /// Reads `\uXXXX`, or a surrogate pair `\uD83D\uDE00`, from `index` into `scratch`.
    private mutating func readUnicodeEscape() throws(Diagnostic) {
        let escapeStart = index
        let unit = try hexQuad(at: index + 2)
        index += 6
        var value = UInt32(unit)
        switch unit {
        case 0xD800...0xDBFF:
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u"),
                  let low = try? hexQuad(at: index + 2), (0xDC00...0xDFFF).contains(low)
            else {
                throw ReaderMessages.jsonSyntax(.unpairedSurrogate(unit), at: position(ofByte: escapeStart))
            }
            index += 6
            value = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
        case 0xDC00...0xDFFF:
            throw ReaderMessages.jsonSyntax(.unpairedSurrogate(unit), at: position(ofByte: escapeStart))
        default:
            break
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw ReaderMessages.jsonSyntax(.invalidUnicodeEscape, at: position(ofByte: escapeStart))
        }
        UTF8.encode(scalar) { scratch.append($0) }
    }

    private func hexQuad(at offset: Int) throws(Diagnostic) -> UInt16 {
        guard offset + 4 <= bytes.count else {
            throw ReaderMessages.jsonSyntax(.invalidUnicodeEscape, at: position(ofByte: offset - 2))
        }
        var value: UInt16 = 0
        for byte in UnsafeBufferPointer(rebasing: bytes[offset..<(offset + 4)]) {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw ReaderMessages.jsonSyntax(.invalidUnicodeEscape, at: position(ofByte: offset - 2))
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, kept as written.
    private mutating func readNumber() throws(Diagnostic) -> String {
        let start = index
        if peek == UInt8(ascii: "-") { index += 1 }
        if peek == UInt8(ascii: "0") {
            index += 1
            if isDigit(peek) { throw ReaderMessages.jsonSyntax(.leadingZero, at: position(ofByte: start)) }
        } else {
            try digits(after: start == index ? "" : "after '-'")
        }
        if peek == UInt8(ascii: ".") {
            index += 1
            try digits(after: "after '.'")
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            try digits(after: "in the exponent")
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    private mutating func digits(after: String) throws(Diagnostic) {
        guard isDigit(peek) else { throw syntax(.expectedDigit(after: after, found: found())) }
        repeat { index += 1 } while isDigit(peek)
    }

    private mutating func readLiteral(_ text: String, _ literal: [UInt8]) throws(Diagnostic) -> String {
        guard index + literal.count <= bytes.count,
              UnsafeBufferPointer(rebasing: bytes[index..<(index + literal.count)]).elementsEqual(literal)
        else { throw syntax(.invalidLiteral) }
        index += literal.count
        return text
    }

    private static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
        }
        return hash
    }

    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let nullBytes = Array("null".utf8)

    // MARK: - Bytes and positions

    private var peek: UInt8 { index < bytes.count ? bytes[index] : 0 }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "\n"):
                index += 1
                line += 1
                lineStart = index
                continuationBytes = 0
            default:
                return
            }
        }
    }

    /// Where `index` is; exact as long as no multi-byte scalar lies ahead of it on the line.
    private var position: SourcePosition {
        SourcePosition(file: file, line: line, column: index - lineStart - continuationBytes + 1)
    }

    /// Where a byte at or before `index` on the current line is, when no multi-byte
    /// scalar lies between it and `index` (true of every error position used here).
    private func position(ofByte offset: Int) -> SourcePosition {
        SourcePosition(file: file, line: line, column: offset - lineStart - continuationBytes + 1)
    }

    private func syntax(_ problem: JSONProblem) -> Diagnostic {
        ReaderMessages.jsonSyntax(problem, at: position)
    }

    /// What stands at `offset`, for messages: `'}'`, `U+0007`, `'é'`, `end of input`.
    private func found(at offset: Int? = nil) -> String {
        let offset = offset ?? index
        guard offset < bytes.count else { return "end of input" }
        let byte = bytes[offset]
        if byte >= 0x21, byte <= 0x7E { return "'\(Character(Unicode.Scalar(byte)))'" }
        if byte < 0x80 { return JSONProblem.scalarName(UInt32(byte)) }
        let tail = UnsafeBufferPointer(rebasing: bytes[offset..<min(offset + 4, bytes.count)])
        let scalar = String(decoding: tail, as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
        return "'\(scalar)'"
    }
}

extension String {
    /// `x` from `'x'`, for quoting a character inside a message that quotes already.
    fileprivate var trimmingQuotes: String {
        hasPrefix("'") && hasSuffix("'") && count >= 2 ? String(dropFirst().dropLast()) : self
    }
}
