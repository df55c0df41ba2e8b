/// Writes JSON text with keys in the order given, so the same input gives byte-identical
/// output. Strings are escaped per RFC 8259; numbers are written by the caller as text.
public struct JSONWriter: Sendable {
    /// The text so far, as UTF-8: appending bytes costs far less than appending Strings,
    /// which check grapheme boundaries at every seam.
    private var bytes: [UInt8] = []

    public var text: String { String(decoding: bytes, as: UTF8.self) }

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
        writer.bytes.reserveCapacity(1024)
        writer.write(item, indent: pretty ? 0 : nil)
        return writer.text
    }

    private mutating func write(_ item: Item, indent: Int?) {
        switch item {
        case let .string(value): Self.escape(value, into: &bytes)
        case let .raw(value): bytes.append(contentsOf: value.utf8)
        case .null: bytes.append(contentsOf: "null".utf8)
        case let .bool(value): bytes.append(contentsOf: (value ? "true" : "false").utf8)
        case let .object(members):
            if members.isEmpty {
                bytes.append(contentsOf: "{}".utf8)
                return
            }
            bytes.append(UInt8(ascii: "{"))
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                newline(indent.map { $0 + 1 })
                Self.escape(key, into: &bytes)
                bytes.append(UInt8(ascii: ":"))
                if indent != nil { bytes.append(UInt8(ascii: " ")) }
                write(value, indent: indent.map { $0 + 1 })
            }
            newline(indent)
            bytes.append(UInt8(ascii: "}"))
        case let .array(items):
            if items.isEmpty {
                bytes.append(contentsOf: "[]".utf8)
                return
            }
            bytes.append(UInt8(ascii: "["))
            for (index, value) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                newline(indent.map { $0 + 1 })
                write(value, indent: indent.map { $0 + 1 })
            }
            newline(indent)
            bytes.append(UInt8(ascii: "]"))
        }
    }

    private mutating func newline(_ indent: Int?) {
        guard let indent else { return }
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<(2 * indent) { bytes.append(UInt8(ascii: " ")) }
    }

    /// Appends `value` as a JSON string: `"`, `\\`, newline, return and tab escaped by
    /// name, other control characters as `\u00XX`, everything else as is.
    static func escape(_ value: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var start = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
                case 0x0A: out.append(contentsOf: #"\n"#.utf8)
                case 0x0D: out.append(contentsOf: #"\r"#.utf8)
                case 0x09: out.append(contentsOf: #"\t"#.utf8)
                default:
                    let hex = String(byte, radix: 16)
                    out.append(contentsOf: #"\u"#.utf8)
                    out.append(contentsOf: String(repeating: "0", count: 4 - hex.count).utf8)
                    out.append(contentsOf: hex.utf8)
                }
                start = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
