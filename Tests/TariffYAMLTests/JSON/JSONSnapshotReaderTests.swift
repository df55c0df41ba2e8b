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

    /// Names of every length the key comparison treats apart (under 4, 4 to 7, 8, over 8),
    /// `one_of` values that are not ASCII, and numbers at the edges of 64 bits.
    static let edges = RecordType(name: "edges", fields: [
        .init(name: "a", type: .string),
        .init(name: "abcd", type: .int),
        .init(name: "abcdefgh", type: .int),
        .init(name: "abcdefghijklmnopq", type: .money),
        .init(name: "accent", type: .string, allowed: ["café", "K"]),
        .init(name: "plan", type: .optional(.string), allowed: ["GOLD"]),
        .init(name: "rate", type: .decimal),
    ])
    static let edgesDecoder = SnapshotDecoder(type: edges, currency: .eur)

    static func edgeLine(a: String = #""plain""#, abcd: String = "1", abcdefgh: String = "2",
                         money: String = #""31.00""#, accent: String = #""café""#, plan: String = "null",
                         rate: String = "0.5") -> String {
        #"{"a":\#(a),"abcd":\#(abcd),"abcdefgh":\#(abcdefgh),"abcdefghijklmnopq":\#(money),"accent":\#(accent),"plan":\#(plan),"rate":\#(rate)}"#
    }

    static let edgeCases: [String] = [
        edgeLine(),
        // keys out of order, long ones included
        #"{"rate":1,"abcdefghijklmnopq":"0.00","abcdefgh":3,"a":"x","accent":"K","abcd":-0}"#,
        #"{"abcdefghijklmnopq":"1.5","abcdefgh":3,"abcd":4,"a":"x","accent":"K","rate":"2"}"#,
        // near misses of a name: same length, one byte off at the start, middle or end
        #"{"b":"x","abcd":1,"abcdefgh":2,"abcdefghijklmnopq":"1","accent":"K","rate":1}"#,
        #"{"a":"x","abce":1,"abcdefgh":2,"abcdefghijklmnopq":"1","accent":"K","rate":1}"#,
        #"{"a":"x","abcd":1,"abcdefgX":2,"abcdefghijklmnopq":"1","accent":"K","rate":1}"#,
        #"{"a":"x","abcd":1,"abcdefgh":2,"abcdefghijklmnopr":"1","accent":"K","rate":1}"#,
        #"{"a":"x","abcd":1,"abcdefgh":2,"abcdefghXjklmnopq":"1","accent":"K","rate":1}"#,
        // one_of: decomposed é and the Kelvin sign are canonically equivalent to "café" and "K"
        edgeLine(accent: "\"cafe\u{301}\""),
        edgeLine(accent: "\"\u{212A}\""),
        edgeLine(accent: #""k""#),
        edgeLine(accent: #""cafe""#),
        edgeLine(plan: #""GOLD""#),
        edgeLine(plan: #""SILVER""#),
        // strings: a quote, a backslash, a control character or a non-ASCII byte after the first eight bytes
        edgeLine(a: #""abcdefghij"k""#),
        edgeLine(a: #""abcdefghij\k""#),
        edgeLine(a: "\"abcdefghij\tk\""),
        edgeLine(a: #""abcdefghijé""#),
        edgeLine(a: #""abcdefghijklmnopqrstuvwxyz""#),
        edgeLine(a: #""""#),
        // integers at the edges of Int64
        edgeLine(abcd: "9223372036854775807"),
        edgeLine(abcd: "-9223372036854775808"),
        edgeLine(abcd: "9223372036854775808"),
        edgeLine(abcd: "-9223372036854775809"),
        edgeLine(abcd: "99999999999999999999"),
        edgeLine(abcd: "-0"),
        edgeLine(abcd: "1e2"),
        edgeLine(abcd: "1.0"),
        edgeLine(abcd: "-"),
        // money and decimals: signs, points, 18 and 19 fraction digits, 64-bit edges
        edgeLine(money: #""+5""#),
        edgeLine(money: #""-0.5""#),
        edgeLine(money: #""1.""#),
        edgeLine(money: #"".5""#),
        edgeLine(money: #""-""#),
        edgeLine(money: #""""#),
        edgeLine(money: #""1.2.3""#),
        edgeLine(money: #""1-2""#),
        edgeLine(money: #""007.10""#),
        edgeLine(money: #""0.000000000000000001""#),
        edgeLine(money: #""0.0000000000000000001""#),
        edgeLine(money: #""92233720368547758.07""#),
        edgeLine(money: #""92233720368547758.08""#),
        edgeLine(money: #""-92233720368547758.08""#),
        edgeLine(money: #""-92233720368547758.09""#),
        edgeLine(money: #""1e3""#),
        edgeLine(money: "12.50"),
        edgeLine(money: "-0"),
        edgeLine(money: "012"),
        edgeLine(money: "1e3"),
        edgeLine(money: "1.5E-2"),
        edgeLine(money: "9223372036854775807"),
        edgeLine(money: "9223372036854775808"),
        edgeLine(rate: #""-1.25""#),
        edgeLine(rate: "-1.25"),
        edgeLine(rate: "0.1234567890123456789"),
    ]

    @Test("wherever the fast path answers, it answers what the slow path does", arguments: edgeCases)
    func agreesOnEdges(_ text: String) {
        let bytes = Array(text.utf8)
        let fast = bytes.withUnsafeBufferPointer { JSONSnapshotReader(decoder: Self.edgesDecoder).read($0) }
        let slow: Record? = {
            guard case let .success(document) = JSONReader.read(bytes: bytes, file: "e.json"),
                  case let .success(record) = Self.edgesDecoder.decode(document) else { return nil }
            return record
        }()
        if let fast { #expect(fast == slow) }
        // Plain valid input is the fast path's to read: it never declines what it can read.
        if slow != nil, !text.contains("\\") { #expect(fast != nil) }
    }

    /// Strings of every length up to three words, so the closing quote falls at every offset
    /// of the word that holds it: plain text is read as the slow path reads it; an escape, a
    /// raw control character or invalid UTF-8 at any position is left to the slow path;
    /// non-ASCII text before the quote, or right after it in the same word, reads as it is.
    @Test func closingQuoteAtEveryOffsetOfAWord() throws {
        func line(id: [UInt8], tags: String = #"["é","x"]"#) -> [UInt8] {
            Array(#"{"id":""#.utf8) + id + Array((#"","plan":"PRO","base":5,"credits":"31.00","rate":0.25,"start":"2025-05-01","active":true,"note":null,"numbers":[],"tags":"# + tags + "}").utf8)
        }
        func fast(_ bytes: [UInt8]) -> Record? {
            bytes.withUnsafeBufferPointer { JSONSnapshotReader(decoder: Self.decoder).read($0) }
        }
        func slow(_ bytes: [UInt8]) -> Record? {
            guard case let .success(document) = JSONReader.read(bytes: bytes, file: "q.json"),
                  case let .success(record) = Self.decoder.decode(document) else { return nil }
            return record
        }
        for length in 0...24 {
            let plain = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
            let read = try #require(fast(line(id: plain)), "length \(length)")
            #expect(read == slow(line(id: plain)))
            #expect(read[0] == .string(String(decoding: plain, as: UTF8.self)))
            // Non-ASCII right after the quote, in the word that holds it: "x" reads as ASCII text.
            #expect(fast(line(id: plain, tags: #"["x","éé"]"#)) == slow(line(id: plain, tags: #"["x","éé"]"#)))
            for position in 0..<length {
                var escaped = plain
                escaped[position] = UInt8(ascii: "\\")
                #expect(fast(line(id: escaped)) == nil, "escape at \(position) of \(length)")
                var control = plain
                control[position] = 0x1F
                #expect(fast(line(id: control)) == nil, "control at \(position) of \(length)")
                var invalid = plain
                invalid[position] = 0xC3   // a lead byte followed by ASCII: invalid UTF-8
                #expect(fast(line(id: invalid)) == nil, "invalid UTF-8 at \(position) of \(length)")
                if position + 1 < length {
                    var accented = plain
                    accented[position] = 0xC3
                    accented[position + 1] = 0xA9   // é
                    let text = try #require(fast(line(id: accented)), "é at \(position) of \(length)")
                    #expect(text == slow(line(id: accented)))
                    #expect(text[0] == .string(String(decoding: accented, as: UTF8.self)))
                }
            }
        }
    }

    // MARK: Reusing the snapshot read before

    static func fast(_ text: String, reusing previous: consuming Record?) -> Record? {
        var previous = consume previous
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { JSONSnapshotReader(decoder: decoder).read($0, reusing: previous.take()) }
    }

    static func line(id: String, numbers: [String], note: String? = nil, tags: String = #"["x"]"#) -> String {
        let items = numbers.map { #"{"e164":"\#($0)","country":"FR"}"# }.joined(separator: ",")
        return #"{"id":"\#(id)","plan":"PRO","base":5,"credits":"31.00","rate":0.25,"start":"2025-05-01","active":true,"#
            + #""note":\#(note.map { "\"\($0)\"" } ?? "null"),"numbers":[\#(items)],"tags":\#(tags)}"#
    }

    /// Reading with the previous snapshot gives what a fresh read gives, whatever the two
    /// hold: longer and shorter lists, an empty one, an optional present then absent, a line
    /// the fast path declines; and it reuses the previous snapshot's records.
    @Test func reusingThePreviousSnapshotReadsTheSame() throws {
        let lines = [
            Self.line(id: "A", numbers: ["+331", "+332", "+333"], note: "first"),
            Self.line(id: "B", numbers: ["+441"]),                                   // shorter, note absent
            Self.line(id: "C", numbers: ["+11", "+12", "+13", "+14", "+15", "+16"], note: "n"),   // longer
            Self.line(id: "D", numbers: [], tags: "[]"),                             // empty lists
            Self.line(id: "E", numbers: ["+351", "+352"], note: "back"),
            Self.valid.firstReplaced(#""plan":"PRO""#, with: #""plan":"GOLD""#),     // declined
            Self.line(id: "F", numbers: ["+491", "+492"], note: "after a decline"),
        ]
        var previous: Record?
        for text in lines {
            let fresh = Self.fast(text)
            let reused = Self.fast(text, reusing: previous.take())
            #expect(reused == fresh, "\(text)")
            #expect(reused == Self.slow(text) || fresh == nil)
            previous = reused
        }
    }

    @Test func theRecordsOfTheSnapshotBeforeAreReused() throws {
        // Held in an optional and taken from it, and read outside `#expect` and `#require`
        // (which keep the values of a call's arguments to show them): a copy still alive
        // would make the snapshot look shared.
        var first = Self.fast(Self.line(id: "A", numbers: ["+331", "+332"], note: "n"))
        let root = try #require(first?.storageIdentity)
        var items = first?[8]
        guard case let .list(numbers)? = items, case let .record(item) = numbers[0] else { Issue.record("no numbers"); return }
        let itemIdentity = item.storageIdentity
        _ = consume numbers
        _ = consume item
        items = nil
        let read = Self.fast(Self.line(id: "B", numbers: ["+441", "+442", "+443"]), reusing: first.take())
        let second = try #require(read)
        #expect(second.storageIdentity == root)
        guard case let .list(after) = second[8], case let .record(firstItem) = after[0] else { Issue.record("no numbers"); return }
        #expect(firstItem.storageIdentity == itemIdentity)
        #expect(after.count == 3)
        #expect(second[7] == .null)   // the note read before is gone
        #expect(second == Self.slow(Self.line(id: "B", numbers: ["+441", "+442", "+443"])))
    }

    /// A snapshot someone else still holds is never changed: the read makes new records,
    /// and the held one keeps its values.
    @Test func aSnapshotStillHeldIsNotChanged() throws {
        let text = Self.line(id: "A", numbers: ["+331", "+332"], note: "kept")
        let held = try #require(Self.fast(text))
        let alsoHeld = held
        guard case let .list(numbers) = held[8] else { Issue.record("no numbers"); return }
        let next = try #require(Self.fast(Self.line(id: "B", numbers: ["+441"]), reusing: consume alsoHeld))
        #expect(next.storageIdentity != held.storageIdentity)
        #expect(held == Self.fast(text))
        #expect(numbers.count == 2)
        #expect(next == Self.fast(Self.line(id: "B", numbers: ["+441"])))
        // An item held on its own is not reused either, and keeps its values.
        let item = numbers[1]
        let again = try #require(Self.fast(Self.line(id: "C", numbers: ["+551", "+552"]), reusing: held))
        #expect(again == Self.fast(Self.line(id: "C", numbers: ["+551", "+552"])))
        let reread = try #require(Self.fast(text))
        guard case let .list(rereadNumbers) = reread[8] else { Issue.record("no numbers"); return }
        #expect(item == rereadNumbers[1])
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
