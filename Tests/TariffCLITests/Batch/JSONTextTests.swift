@testable import tariff
import TariffBilling
import TariffCore
import Testing

/// `JSONText` against the plain definitions it must agree with: RFC 8259 escapes byte by
/// byte, ``Money/formatted`` between quotes, `String(_:)` of an integer; across the stack
/// buffer's edge too.
@Suite struct JSONTextTests {
    static func written(_ body: (inout JSONText) -> Void) -> String {
        var out = Array("prefix:".utf8)   // what is already in the output stays
        JSONText.write(into: &out, body)
        return String(decoding: out, as: UTF8.self)
    }

    /// The escapes one byte at a time, as the writer must produce them.
    static func reference(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += #"\""#
            case "\\": escaped += #"\\"#
            case "\n": escaped += #"\n"#
            case "\r": escaped += #"\r"#
            case "\t": escaped += #"\t"#
            case _ where scalar.value < 0x20:
                let hex = Array("0123456789abcdef")
                escaped += #"\u00"# + String(hex[Int(scalar.value >> 4)]) + String(hex[Int(scalar.value & 0xF)])
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }

    @Test("strings are escaped as RFC 8259 says, wherever the special byte falls", arguments: [
        "", "plain", "ADVANCED license added 2024-02-05 (prorated 25/29 days)",
        "a\"b", "back\\slash", "tab\there", "new\nline\r", "\u{01}\u{1F}\u{7F}",
        "exactly8", "exactly8\"", "seven77\"", "eight888\\x", "0123456789abcde\u{0}f",
        "é ü 😀 — non-ASCII", "ééééé\"ééé", String(repeating: "x", count: 3000) + "\"",
    ])
    func strings(_ text: String) {
        #expect(Self.written { $0.string(text) } == "prefix:" + Self.reference(text))
    }

    /// Text held inline (up to 15 bytes) takes the two-word path unless a byte needs an
    /// escape: every length, with each special byte at each position, and non-ASCII text;
    /// across the stack buffer's edge too.
    @Test func inlineTextOfEveryLengthAndEscapeAtEveryPosition() throws {
        for length in 0...15 {
            let plain = String(repeating: "x", count: length)
            #expect(InlineText(plain) != nil)
            #expect(Self.written { $0.string(plain) } == "prefix:" + Self.reference(plain))
            for position in 0..<length {
                for special in ["\"", "\\", "\n", "\u{0}", "\u{1F}", " ", "~", "\u{7F}"] {
                    var characters = Array(plain)
                    characters[position] = Character(special)
                    let text = String(characters)
                    #expect(Self.written { $0.string(text) } == "prefix:" + Self.reference(text), "\(length) \(position)")
                }
            }
        }
        for text in ["é", "Zürich", "ü😀", "é\"é", "日本語のテキスト"] {
            #expect(Self.written { $0.string(text) } == "prefix:" + Self.reference(text))
        }
        // Short strings written up to and past the buffer's edge, each whole.
        let words = (0..<400).map { "w\($0 % 7)-\($0)" }
        let expected = words.map(Self.reference).joined(separator: ",")
        #expect(Self.written { json in
            for (index, word) in words.enumerated() {
                if index > 0 { json.byte(UInt8(ascii: ",")) }
                json.string(word)
            }
        } == "prefix:" + expected)
    }

    @Test func knownEscapes() {
        #expect(Self.written { $0.string("a\"b\\c\nd\u{1}") } == #"prefix:"a\"b\\c\nd\u0001""#)
    }

    static let kwd = Currency(code: "KWD")
    static let jpy = Currency(code: "JPY")

    @Test("money is its formatted amount between quotes", arguments: [
        (0, 2), (5, 2), (500, 2), (-5, 2), (-500, 2), (320_000, 2), (1_122_47, 2), (99, 2), (100, 2),
        (Int64.max, 2), (Int64.min, 2), (Int64.min + 1, 2), (1234, 3), (-1, 3), (120, 0), (469_333, 4), (5, 1),
        // Whole units of every digit count, odd and even, at the cents scale.
        (1_000, 2), (-1_005, 2), (9_999, 2), (10_000, 2), (100_001, 2), (999_999, 2), (1_000_000, 2),
        (12_345_678_90, 2), (-100_000_000_00, 2), (999_999_999_999_999_99, 2),
    ] as [(Int64, Int)])
    func money(_ significand: Int64, _ scale: Int) throws {
        for currency in [Currency.eur, try #require(Self.kwd), try #require(Self.jpy)] {
            let money = Money(try ExactDecimal(significand: significand, scale: scale), currency)
            #expect(Self.written { $0.money(money) } == "prefix:\"\(money.formatted)\"")
        }
    }

    @Test("integers in plain notation", arguments: [0, 1, 9, 10, 99, 100, 101, 12345, -1, -10, -99, Int64.max, Int64.min])
    func integers(_ value: Int64) {
        #expect(Self.written { $0.integer(value) } == "prefix:\(value)")
    }

    @Test func manyItemsCrossTheBufferEdge() throws {
        var expected = "prefix:"
        let amounts = try (0..<2000).map { Money(try ExactDecimal(significand: Int64($0) * 7919 - 50_000, scale: 2), .eur) }
        let text = Self.written { json in
            for (index, money) in amounts.enumerated() {
                json.raw("[")
                json.integer(Int64(index))
                json.byte(UInt8(ascii: ","))
                json.money(money)
                json.byte(UInt8(ascii: ","))
                json.string("line \(index) \"q\"")
                json.unescaped("true")
                json.raw("]")
                expected += "[\(index),\"\(money.formatted)\",\(Self.reference("line \(index) \"q\""))true]"
            }
        }
        #expect(text == expected)
    }
    /// A violation's detail written from its value is what `Invoice.json` writes for the
    /// `OutcomeValue` made from it, for a value of every kind (money at and off its scale,
    /// text that needs escapes, null, a period, a list, a record).
    @Test func detailsAsInvoiceJSONHasTheirOutcome() throws {
        let period = try Period(start: try CivilDate(parsing: "2026-03-01"), end: try CivilDate(parsing: "2026-04-01"))
        let record = Record(type: RecordType(name: "r", fields: [.init(name: "a", type: .int)]), fields: [.int(1)])
        let values: [Value] = [
            .int(0), .int(-42), .int(.max), .bool(true), .bool(false), .null,
            .money(Money(try ExactDecimal(parsing: "4.50"), .eur)), .money(Money(try ExactDecimal(parsing: "-0.07"), .eur)),
            .money(Money(try ExactDecimal(parsing: "4.5"), .eur)), .money(Money(try ExactDecimal(parsing: "4.5000"), .eur)),
            .decimal(try ExactDecimal(parsing: "1.250")), .string("FR"), .string("+4420 \"7946\"\n"),
            .string(String(repeating: "é", count: 40)), .date(try CivilDate(parsing: "2026-03-05")), .period(period),
            .list([.int(1), .string("a")]), .record(record),
        ]
        for value in values {
            let expected = JSONWriter.render(OutcomeValue(name: "x", value: value).json)
            #expect(Self.written { $0.detail(value) } == "prefix:" + expected, "\(value)")
        }
    }
}
