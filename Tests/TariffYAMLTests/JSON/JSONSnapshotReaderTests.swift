import TariffCore
import TariffYAML
import Testing

/// The fast path must agree with `JSONReader` + `SnapshotDecoder` whenever it answers, and
/// must answer for the plain, valid snapshots a batch is made of.
@Suite struct JSONSnapshotReaderTests {
    static let number = RecordType(name: "number", fields: [
        .init(name: "e164", type: .string), .init(name: "country", type: .string),
    ])
    static let schema = RecordType(name: "snapshot", fields: [
        .init(name: "id", type: .string),
        .init(name: "plan", type: .string, allowed: ["BASIC", "PRO"]),
        .init(name: "base", type: .int, minimum: ExactDecimal(0)),
        .init(name: "credits", type: .money),
        .init(name: "rate", type: .decimal),
        .init(name: "start", type: .date),
        .init(name: "active", type: .bool),
        .init(name: "note", type: .optional(.string)),
        .init(name: "numbers", type: .list(.record(number))),
        .init(name: "tags", type: .list(.string)),
    ])
    static let decoder = SnapshotDecoder(type: schema, currency: .eur)

    static let valid = #"{"id":"A-1","plan":"PRO","base":5,"credits":"31.00","rate":0.25,"start":"2025-05-01","active":true,"note":null,"numbers":[{"e164":"+33100","country":"FR"}],"tags":["é","x"]}"#

    static func slow(_ text: String) -> Record? {
        guard case let .success(document) = JSONReader.read(text, file: "t.json"),
              case let .success(record) = decoder.decode(document) else { return nil }
        return record
    }

    static func fast(_ text: String) -> Record? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { JSONSnapshotReader(decoder: decoder).read($0) }
    }

    @Test("plain valid snapshots take the fast path and decode as the slow path does", arguments: [
        valid,
        // keys in another order, whitespace, an absent optional, empty lists
        #" { "plan" : "BASIC", "id":"B", "base":0, "credits":12.5, "rate":"1", "start":"2024-02-29", "active":false, "numbers":[], "tags":[] } "#,
        #"{"id":"C","plan":"PRO","base":-0,"credits":"0.00","rate":2.50,"start":"2025-01-31","active":true,"note":"n","numbers":[],"tags":[]}"#,
    ])
    func agrees(_ text: String) throws {
        let fast = try #require(Self.fast(text))
        #expect(fast == Self.slow(text))
    }

    /// Valid but for one thing each.
    static let declined: [String] = {
        let v = valid
        var cases: [String] = []
        cases.append(v.firstReplaced(#""id":"A-1""#, with: #""id":"A\u002D1""#))  // an escape
        cases.append(v.firstReplaced(#""plan":"PRO""#, with: #""plan":"PRO","extra":1"#))  // an undeclared key
        cases.append(v.firstReplaced(#""plan":"PRO""#, with: #""plan":"PRO","plan":"PRO""#))  // a duplicate key
        cases.append(v.firstReplaced(#""plan":"PRO""#, with: #""plan":"GOLD""#))  // outside one_of
        cases.append(v.firstReplaced(#""base":5"#, with: #""base":-1"#))  // below min
        cases.append(v.firstReplaced(#""base":5"#, with: #""base":"5""#))  // a quoted integer
        cases.append(v.firstReplaced(#""base":5"#, with: #""base":05"#))  // a leading zero
        cases.append(v.firstReplaced(#""base":5"#, with: #""base":5.0"#))  // not whole
        cases.append(v.firstReplaced(#""credits":"31.00""#, with: #""credits":"31.00 EUR""#))  // a currency code
        cases.append(v.firstReplaced(#""id":"A-1""#, with: #""id":7"#))  // a number for text
        cases.append(v.firstReplaced(#""note":null"#, with: #""note":nul"#))  // not a literal
        cases.append(v.firstReplaced(#""active":true"#, with: #""active":"true""#))  // a quoted boolean
        cases.append(v.firstReplaced(#""start":"2025-05-01""#, with: #""start":"2025-13-01""#))  // not a date
        cases.append(v.firstReplaced(#","numbers""#, with: #""numbers""#))  // a syntax error
        cases.append(v.firstReplaced(#""id":"A-1","#, with: ""))  // a missing field
        cases.append(v + " x")  // trailing content
        cases.append("\u{FEFF}" + v)  // a byte-order mark
        cases.append("[]")
        return cases
    }()

    @Test("anything else is left to the slow path", arguments: declined)
    func declines(_ text: String) {
        #expect(Self.fast(text) == nil)
    }

    /// Seeded mutations of a valid snapshot (a byte replaced, dropped or repeated): wherever
    /// the fast path answers, it answers what the slow path does.
    @Test func mutationsNeverDisagree() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let alphabet = Array(#"{}[]":,0123456789.-+eE ntrufalsAZ\é"#.utf8)
        let original = Array(Self.valid.utf8)
        var answered = 0
        for _ in 0..<3000 {
            var bytes = original
            for _ in 0..<(1 + next(3)) {
                let at = next(bytes.count)
                switch next(3) {
                case 0: bytes[at] = alphabet[next(alphabet.count)]
                case 1: bytes.remove(at: at)
                default: bytes.insert(bytes[at], at: at)
                }
            }
            guard let fast = bytes.withUnsafeBufferPointer({ JSONSnapshotReader(decoder: Self.decoder).read($0) }) else { continue }
            answered += 1
            let slow: Record? = {
                guard case let .success(document) = JSONReader.read(bytes: bytes, file: "m.json"),
                      case let .success(record) = Self.decoder.decode(document) else { return nil }
                return record
            }()
            #expect(fast == slow, "\(String(decoding: bytes, as: UTF8.self))")
        }
        #expect(answered > 0)
    }

    @Test func invalidUTF8InAStringIsLeftToTheSlowPath() throws {
        var bytes = Array(Self.valid.utf8)
        let lead = try #require(bytes.firstIndex(of: 0xC3))   // the é of "tags"
        bytes[lead + 1] = 0x28                                // no longer a continuation byte
        #expect(bytes.withUnsafeBufferPointer { JSONSnapshotReader(decoder: Self.decoder).read($0) } == nil)
    }
}

extension String {
    /// The text with the first occurrence of `target` replaced (no Foundation).
    fileprivate func firstReplaced(_ target: String, with replacement: String) -> String {
        let text = Array(self), pattern = Array(target)
        guard !pattern.isEmpty, text.count >= pattern.count else { return self }
        for start in 0...(text.count - pattern.count) where Array(text[start..<(start + pattern.count)]) == pattern {
            return String(text[..<start]) + replacement + String(text[(start + pattern.count)...])
        }
        return self
    }
}
