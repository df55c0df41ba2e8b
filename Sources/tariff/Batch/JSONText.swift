import TariffBilling
import TariffCore

/// JSON text straight into bytes, for the batch biller's output.
///
/// Bytes are gathered in a kilobyte on the stack and appended to the output a kilobyte at
/// a time, so writing a byte is a store rather than an `append` with its uniqueness and
/// capacity checks, and numbers are written digit by digit without making a String.
///
/// ```swift
/// JSONText.write(into: &out) { json in
///     json.raw(#"{"total":"#)
///     json.money(invoice.total)      // "289.00"
///     json.byte(UInt8(ascii: "}"))
/// }
/// ```
struct JSONText {
    /// The stack buffer's size: at most this many bytes live outside `out` at a time.
    static let bufferSize = 1024

    /// The output, moved in for the duration of ``write(into:_:)``.
    private var out: [UInt8]
    private let buffer: UnsafeMutablePointer<UInt8>
    private var count = 0

    private init(out: [UInt8], buffer: UnsafeMutablePointer<UInt8>) {
        self.out = out
        self.buffer = buffer
    }

    /// Runs `body` with a writer that appends to `out`.
    ///
    /// - Complexity: O(*n*) in the bytes written; no allocation beyond `out`'s growth.
    static func write(into out: inout [UInt8], _ body: (inout JSONText) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bufferSize) { buffer in
            guard let base = buffer.baseAddress else { return }
            var text = JSONText(out: [], buffer: base)
            swap(&text.out, &out)   // moved, not copied: `out` stays uniquely referenced
            body(&text)
            text.flush()
            swap(&text.out, &out)
        }
    }

    private mutating func flush() {
        out.append(contentsOf: UnsafeBufferPointer(start: buffer, count: count))
        count = 0
    }

    /// Room for `length` more bytes in the buffer (`length` at most ``bufferSize``).
    @inline(__always)
    private mutating func reserve(_ length: Int) {
        if count + length > Self.bufferSize { flush() }
    }

    @inline(__always)
    mutating func byte(_ byte: UInt8) {
        reserve(1)
        buffer[count] = byte
        count += 1
    }

    /// Appends JSON text as it is, such as `{"total":`.
    @inline(__always)
    mutating func raw(_ text: StaticString) {
        bytes(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends bytes as they are.
    mutating func bytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > Self.bufferSize {
            flush()
            if bytes.count > Self.bufferSize {
                out.append(contentsOf: bytes)
                return
            }
        }
        (buffer + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Appends the UTF-8 of `text` as it is: for text already in JSON form (`42`, `true`).
    mutating func unescaped(_ text: String) {
        let written: Void? = text.utf8.withContiguousStorageIfAvailable { bytes($0) }
        if written == nil {
            Array(text.utf8).withUnsafeBufferPointer { bytes($0) }
        }
    }

    /// Appends a violation's detail as `Invoice.json` has the ``OutcomeValue`` made from it
    /// (numbers and booleans bare, money at its scale, anything else its text as a
    /// string), from the value itself: no outcome and no text made for it.
    mutating func detail(_ value: Value) {
        switch value {
        case let .int(number): integer(number)
        case let .bool(flag): flag ? raw("true") : raw("false")
        case let .money(amount): money(amount)
        case .string, .text: text(value)
        default: string(value.description)
        }
    }

    /// Appends money as a JSON string, as ``Money/formatted`` spells it; at the currency's
    /// own scale (the usual case) without making a String.
    mutating func money(_ money: Money) {
        let scale = money.amount.scale
        guard scale == money.currency.minorUnits, scale > 0 else {
            string(money.formatted)
            return
        }
        let significand = money.amount.significand
        reserve(2 + 1 + 20 + 1)   // quotes, sign, digits, point
        buffer[count] = UInt8(ascii: "\"")
        count += 1
        if significand < 0 {
            buffer[count] = UInt8(ascii: "-")
            count += 1
        }
        if scale == 2 {
            cents(significand.magnitude)
        } else {
            digits(significand.magnitude, minimum: scale + 1, point: scale)
        }
        buffer[count] = UInt8(ascii: "\"")
        count += 1
    }

    /// `value` hundredths as `units.cc` (at least one digit before the point), the usual
    /// case of ``digits(_:minimum:point:)``: whole units two digits at a time, then the
    /// cents as one pair. Room for them is reserved by the caller.
    @inline(__always)
    private mutating func cents(_ value: UInt64) {
        let units = value / 100
        let unitDigits = Self.decimalDigits(units)
        whole(units, digits: unitDigits)
        let hundredths = Int(truncatingIfNeeded: value % 100) &* 2
        let pairs = Self.pairs.utf8Start
        buffer[count] = UInt8(ascii: ".")
        buffer[count + 1] = pairs[hundredths]
        buffer[count + 2] = pairs[hundredths + 1]
        count += 3
    }

    /// Writes `value` in exactly `digits` decimal digits (its own count: see
    /// ``decimalDigits(_:)``), right to left two at a time. Room is reserved by the caller.
    @inline(__always)
    private mutating func whole(_ value: UInt64, digits: Int) {
        let pairs = Self.pairs.utf8Start
        var rest = value
        var at = count + digits
        while rest >= 10 {
            let pair = Int(truncatingIfNeeded: rest % 100) &* 2
            rest /= 100
            at -= 2
            buffer[at] = pairs[pair]
            buffer[at + 1] = pairs[pair + 1]
        }
        if at > count {
            buffer[at - 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest)
        }
        count += digits
    }

    /// How many decimal digits `value` has (1 for 0).
    @inline(__always)
    private static func decimalDigits(_ value: UInt64) -> Int {
        var digits = 1
        var probe = value
        while probe >= 100 {
            probe /= 100
            digits += 2
        }
        if probe >= 10 { digits += 1 }
        return digits
    }

    /// Appends an integer in plain notation.
    mutating func integer(_ value: Int64) {
        reserve(1 + 20)
        if value < 0 {
            buffer[count] = UInt8(ascii: "-")
            count += 1
        }
        whole(value.magnitude, digits: Self.decimalDigits(value.magnitude))
    }

    /// The decimal digits of `value`, at least `minimum` of them, with a point before the
    /// last `point` digits; room for them is reserved by the caller.
    ///
    /// - Complexity: O(digits), two digits per division where the point does not split them.
    @inline(__always)
    private mutating func digits(_ value: UInt64, minimum: Int, point: Int) {
        let digitCount = max(Self.decimalDigits(value), minimum)
        let length = digitCount + (point > 0 ? 1 : 0)
        // Right to left: `point` fraction digits, the point, the rest.
        var at = count + length
        var rest = value
        var written = 0
        while written < digitCount {
            if written == point, point > 0 {
                at -= 1
                buffer[at] = UInt8(ascii: ".")
            }
            if digitCount - written >= 2, written + 1 != point {
                let pair = Int(truncatingIfNeeded: rest % 100) &* 2
                rest /= 100
                at -= 2
                buffer[at] = Self.pairs.utf8Start[pair]
                buffer[at + 1] = Self.pairs.utf8Start[pair + 1]
                written += 2
            } else {
                at -= 1
                buffer[at] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
                written += 1
            }
        }
        count += length
    }

    /// `00` to `99`, for writing two digits at a time.
    private static let pairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// The text in `record`'s field `slot`, as ``text(_:)`` writes it; rendered text (a
    /// label, a message) is read where the record holds it, without retaining its arena.
    mutating func text(_ record: Record, at slot: Int) {
        if let utf8 = record.unsafeRenderedTextUTF8(at: slot) { return escaped(utf8) }
        text(record[slot])
    }

    /// Appends a text value (`.string` or a template's `.text`) as a JSON string (RFC 8259
    /// escapes), `null` for anything else: a label or message written from where its bytes lie.
    mutating func text(_ value: Value) {
        switch value {
        case let .string(text): string(text)
        case let .text(run): run.withUTF8 { escaped($0) }
        default: raw("null")
        }
    }

    /// Appends `text` as a JSON string (RFC 8259 escapes).
    mutating func string(_ text: String) {
        // Short text (`EUR`, a country, a detail's name and value) is written as the two
        // words its `String` holds it in, when none of its bytes needs an escape: no
        // retain and release of the string, no copy of it to the stack.
        if let inline = InlineText(text), inlineString(inline) { return }
        let written: Void? = text.utf8.withContiguousStorageIfAvailable { escaped($0) }
        if written == nil {
            Array(text.utf8).withUnsafeBufferPointer { escaped($0) }
        }
    }

    /// Writes text held inline between quotes as its two words (sixteen bytes stored, of
    /// which its own count), and returns true; false, writing nothing, when a byte needs an
    /// escape. The bytes past the text (zeros, and the count and flags) are checked as
    /// spaces, which need none.
    @inline(__always)
    private mutating func inlineString(_ words: InlineText) -> Bool {
        let length = words.count
        let spaces: UInt64 = 0x2020_2020_2020_2020
        let kept = InlineText.masks(count: length)
        guard !Self.mayNeedEscape(words.low & kept.low | spaces & ~kept.low),
              !Self.mayNeedEscape(words.high & kept.high | spaces & ~kept.high) else { return false }
        reserve(18)
        buffer[count] = UInt8(ascii: "\"")
        let target = UnsafeMutableRawPointer(buffer + count + 1)
        target.storeBytes(of: words.low, as: UInt64.self)
        target.storeBytes(of: words.high, toByteOffset: 8, as: UInt64.self)
        count += 1 + length
        buffer[count] = UInt8(ascii: "\"")
        count += 1
        return true
    }

    /// `utf8` between quotes, with `"`, `\` and control characters escaped.
    private mutating func escaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        byte(UInt8(ascii: "\""))
        var start = 0
        // Most text needs no escape: copied while it is checked, a word at a time, as far
        // as the first byte to escape.
        if utf8.count + 1 <= Self.bufferSize, let source = utf8.baseAddress {
            reserve(utf8.count + 1)
            start = Self.copyPlain(from: source, count: utf8.count, to: buffer + count)
            count += start
        }
        while start < utf8.count {
            let index = Self.firstEscape(in: utf8, from: start)
            bytes(UnsafeBufferPointer(rebasing: utf8[start..<index]))
            guard index < utf8.count else { break }
            let byte = utf8[index]
            switch byte {
            case UInt8(ascii: "\""): raw(#"\""#)
            case UInt8(ascii: "\\"): raw(#"\\"#)
            case 0x0A: raw(#"\n"#)
            case 0x0D: raw(#"\r"#)
            case 0x09: raw(#"\t"#)
            default:
                let hex: StaticString = "0123456789abcdef"
                raw(#"\u00"#)
                self.byte(hex.utf8Start[Int(byte >> 4)])
                self.byte(hex.utf8Start[Int(byte & 0xF)])
            }
            start = index + 1
        }
        byte(UInt8(ascii: "\""))
    }

    /// Copies bytes from `source` to `target` up to the first one a JSON string must escape,
    /// and returns how many it copied (`count` when none must be).
    @inline(__always)
    private static func copyPlain(from source: UnsafePointer<UInt8>, count: Int, to target: UnsafeMutablePointer<UInt8>) -> Int {
        var index = 0
        while index + 8 <= count {
            let word = UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self)
            if mayNeedEscape(word) { break }
            UnsafeMutableRawPointer(target + index).storeBytes(of: word, as: UInt64.self)
            index += 8
        }
        // The last bytes as one word that overlaps the copied ones, when there are eight.
        if index < count, count >= 8, index + 8 > count {
            let word = UnsafeRawPointer(source + count - 8).loadUnaligned(as: UInt64.self)
            if !mayNeedEscape(word) {
                UnsafeMutableRawPointer(target + count - 8).storeBytes(of: word, as: UInt64.self)
                return count
            }
        }
        while index < count {
            let byte = source[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { break }
            target[index] = byte
            index += 1
        }
        return index
    }

    /// The index of the first byte from `start` that a JSON string must escape, or the count.
    ///
    /// - Complexity: O(*n*), eight bytes at a time.
    @inline(__always)
    private static func firstEscape(in utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        if let base = utf8.baseAddress {
            while index + 8 <= utf8.count, !mayNeedEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                index += 8
            }
        }
        while index < utf8.count {
            let byte = utf8[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return index }
            index += 1
        }
        return index
    }

    /// Whether one of the eight bytes is below 0x20 or is `"` or `\`: the classic
    /// has-zero-byte test, which may misplace the byte but is exact as a yes or no.
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let control = (word &- ones &* 0x20) & ~word
        return (control | (quote &- ones) & ~quote | (backslash &- ones) & ~backslash) & 0x8080_8080_8080_8080 != 0
    }
}
