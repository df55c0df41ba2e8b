import TariffCore

/// Every diagnostic this module emits, in one place and in alphabetical order, so ids
/// and wording stay consistent and reviewable.
///
/// Ids are stable: tests and tools match on them. libyaml's own problem texts
/// ("could not find expected ':'") pass through ``yamlSyntax(_:at:length:context:hint:)``.
enum ReaderMessages {
    static func aliasLimit(limit: Int, at position: SourcePosition) -> Diagnostic {
        .error(
            "yaml.alias-limit",
            "aliases expand to more than \(limit) nodes "
                + "(limit max-alias-expansion; raise it with --max-alias-expansion)",
            at: position,
            hint: "a small document whose aliases multiply is usually a 'billion laughs' attack"
        )
    }

    static func emptyDocument(file: String) -> Diagnostic {
        .error(
            "yaml.empty", "empty document",
            at: SourcePosition(file: file, line: 1, column: 1),
            hint: "the file holds no YAML content, only blank lines or comments"
        )
    }

    static func inputTooLarge(file: String, size: Int, limit: Int) -> Diagnostic {
        .error(
            "input.too-large",
            "'\(file)' is \(size) bytes, more than \(limit) "
                + "(limit max-bytes; raise it with --max-bytes)",
            at: nil
        )
    }

    static func jsonDuplicateKey(
        _ name: String, at position: SourcePosition, length: Int, first: SourcePosition
    ) -> Diagnostic {
        .error(
            "json.duplicate-key", "duplicate key '\(name)' in object",
            at: position, length: length,
            notes: [.init("'\(name)' first appears here", at: first)]
        )
    }

    static func jsonSyntax(_ problem: JSONProblem, at position: SourcePosition) -> Diagnostic {
        .error("json.syntax", problem.message, at: position, hint: problem.hint)
    }

    static func listTooLong(limit: Int, at position: SourcePosition) -> Diagnostic {
        .error(
            "input.list-too-long",
            "list has more than \(limit) elements "
                + "(limit max-list-length; raise it with --max-list-length)",
            at: position
        )
    }

    static func mergeNeedsMappings(found: String, at position: SourcePosition) -> Diagnostic {
        .error(
            "yaml.syntax",
            "merge key '<<' takes a mapping or a list of mappings, not \(found)",
            at: position
        )
    }

    static func multipleDocuments(at position: SourcePosition) -> Diagnostic {
        .error(
            "yaml.syntax", "a second YAML document starts here; a file holds one document",
            at: position, length: 3,
            hint: "split the documents into separate files, or remove the '---' line"
        )
    }

    static func notUTF8(byte: UInt8, offset: Int, at position: SourcePosition) -> Diagnostic {
        .error(
            "input.not-utf8",
            "invalid UTF-8 byte \(hex(byte)) at byte offset \(offset)",
            at: position,
            hint: "save the file as UTF-8"
        )
    }

    static func parserNestingLimit(at position: SourcePosition) -> Diagnostic {
        .error(
            "input.too-deep",
            "document nests deeper than 1000 levels, the YAML parser's own limit "
                + "(limit max-depth cannot raise it)",
            at: position
        )
    }

    static func tabIndentation(at position: SourcePosition) -> Diagnostic {
        .error(
            "yaml.tab-indentation", "tab character in indentation; YAML indents with spaces",
            at: position,
            hint: "replace the tab with spaces"
        )
    }

    static func tooDeep(limit: Int, at position: SourcePosition) -> Diagnostic {
        .error(
            "input.too-deep",
            "document nests deeper than \(limit) levels (limit max-depth; raise it with --max-depth)",
            at: position
        )
    }

    static func undefinedAlias(_ name: String, at position: SourcePosition) -> Diagnostic {
        .error(
            "yaml.syntax", "alias '*\(name)' refers to no anchor defined before it",
            at: position, length: name.unicodeScalars.count + 1,
            hint: "define '&\(name)' on a node above this alias"
        )
    }

    static func unreadable(path: String, reason: String) -> Diagnostic {
        .error("io.unreadable", "cannot read '\(path)': \(reason)", at: nil)
    }

    static func yamlDuplicateKey(
        _ name: String, at position: SourcePosition, length: Int, first: SourcePosition
    ) -> Diagnostic {
        .error(
            "yaml.duplicate-key", "duplicate key '\(name)' in mapping",
            at: position, length: length,
            notes: [.init("'\(name)' first appears here", at: first)]
        )
    }

    static func yamlInternal(_ what: String) -> Diagnostic {
        .error("yaml.syntax", "the YAML parser failed: \(what)", at: nil)
    }

    /// A problem reported by libyaml, with the construct it was reading as a note.
    static func yamlSyntax(
        _ problem: String, at position: SourcePosition?, length: Int = 1,
        context: (text: String, position: SourcePosition)? = nil, hint: String? = nil
    ) -> Diagnostic {
        var notes: [Diagnostic.Note] = []
        if let context {
            notes.append(.init("\(context.text) that starts here", at: context.position))
        }
        return .error("yaml.syntax", problem, at: position, length: length, notes: notes, hint: hint)
    }
}

/// What the JSON parser found wrong, each with its message and, where one helps, a hint.
enum JSONProblem: Hashable, Sendable {
    case controlCharacterInString(UInt8)
    case emptyDocument
    case expectedColon(found: String)
    case expectedCommaOrBrace(found: String)
    case expectedCommaOrBracket(found: String)
    case expectedDigit(after: String, found: String)
    case expectedKey(found: String)
    case expectedValue(found: String)
    case invalidEscape(found: String)
    case invalidLiteral
    case invalidUnicodeEscape
    case leadingZero
    case trailingContent(found: String)
    case unpairedSurrogate(UInt16)
    case unterminatedString

    var message: String {
        switch self {
        case let .controlCharacterInString(byte):
            "control character \(Self.scalarName(UInt32(byte))) must be escaped in a string"
        case .emptyDocument:
            "empty document; expected a JSON value"
        case let .expectedColon(found):
            "expected ':' after object key, found \(found)"
        case let .expectedCommaOrBrace(found):
            "expected ',' or '}' after object member, found \(found)"
        case let .expectedCommaOrBracket(found):
            "expected ',' or ']' after array element, found \(found)"
        case let .expectedDigit(after, found):
            "expected a digit \(after) in number, found \(found)"
        case let .expectedKey(found):
            "expected a string key in object, found \(found)"
        case let .expectedValue(found):
            "expected a JSON value, found \(found)"
        case let .invalidEscape(found):
            "invalid escape sequence '\\\(found)' in string"
        case .invalidLiteral:
            "invalid literal; expected 'true', 'false' or 'null'"
        case .invalidUnicodeEscape:
            "expected four hexadecimal digits after '\\u'"
        case .leadingZero:
            "a number may not start with '0' followed by digits"
        case let .trailingContent(found):
            "unexpected \(found) after the JSON value"
        case let .unpairedSurrogate(unit):
            "unpaired surrogate '\\u\(String(unit, radix: 16, uppercase: true))' in string"
        case .unterminatedString:
            "unterminated string; expected a closing '\"'"
        }
    }

    var hint: String? {
        switch self {
        case let .expectedKey(found), let .expectedValue(found):
            switch found {
            case "'}'", "']'": "JSON allows no trailing comma"
            case "'''": "JSON strings use double quotes"
            case "'/'", "'#'": "JSON has no comments"
            default: nil
            }
        case .controlCharacterInString(0x0A):
            "write a line break in a string as '\\n'"
        case .controlCharacterInString(0x09):
            "write a tab in a string as '\\t'"
        default:
            nil
        }
    }

    /// `U+000A`, the way Unicode names a scalar.
    static func scalarName(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

extension ReaderMessages {
    /// `0xC3`, the way byte values appear in messages.
    static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x" + (digits.count < 2 ? "0" + digits : digits)
    }
}
