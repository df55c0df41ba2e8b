/// Writes JSON text with keys in the order given, so the same input gives byte-identical
/// output. Strings are escaped per RFC 8259; numbers are written by the caller as text.
public struct JSONWriter: Sendable {
    public private(set) var text = ""

    public init() {}

    public enum Item: Sendable {
        case string(String)
        case raw(String)
        case null
        case bool(Bool)
        case object([(String, Item)])
        case array([Item])
    }

    public static func render(_ item: Item, pretty: Bool = false) -> String {
        var writer = JSONWriter()
        writer.write(item, indent: pretty ? 0 : nil)
        return writer.text
    }

    private mutating func write(_ item: Item, indent: Int?) {
        switch item {
        case let .string(value): Self.escape(value, into: &text)
        case let .raw(value): text += value
        case .null: text += "null"
        case let .bool(value): text += value ? "true" : "false"
        case let .object(members):
            if members.isEmpty {
                text += "{}"
                return
            }
            text += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { text += "," }
                newline(indent.map { $0 + 1 })
                Self.escape(key, into: &text)
                text += indent == nil ? ":" : ": "
                write(value, indent: indent.map { $0 + 1 })
            }
            newline(indent)
            text += "}"
        case let .array(items):
            if items.isEmpty {
                text += "[]"
                return
            }
            text += "["
            for (index, value) in items.enumerated() {
                if index > 0 { text += "," }
                newline(indent.map { $0 + 1 })
                write(value, indent: indent.map { $0 + 1 })
            }
            newline(indent)
            text += "]"
        }
    }

    private mutating func newline(_ indent: Int?) {
        guard let indent else { return }
        text += "\n" + String(repeating: "  ", count: indent)
    }

    static func escape(_ value: String, into out: inout String) {
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
