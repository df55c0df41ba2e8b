public import TariffCore

/// The fast path of reading a snapshot from JSON: straight from bytes into a ``Record`` of
/// the rules' input type, with no document tree and no positions.
///
/// It accepts only input that ``JSONReader`` followed by ``SnapshotDecoder`` accepts, and
/// builds the record they would build. Anything else returns nil, and the caller takes the
/// slow path, which also writes the diagnostics: a syntax error, a limit, a key the schema
/// does not declare (it could be a duplicate), an escape in a string, a value in a form the
/// fast path does not read (a quoted integer), a missing field, a value outside `one_of` or
/// below `min`.
///
/// ```swift
/// let fast = JSONSnapshotReader(decoder: engine.decoder)
/// let record = line.withUnsafeBufferPointer { fast.read($0) }   // nil: use JSONReader + SnapshotDecoder
/// ```
///
/// - Complexity: O(*n*) in the input; one allocation per record, one per list of up to 16
///   items and one more per doubling beyond, one per string longer than 15 bytes that is not
///   a `one_of` value.
public struct JSONSnapshotReader: Sendable {
    /// The input type, flattened: names as bytes, `one_of` as byte strings.
    let plan: JSONSnapshotPlan
    let currency: Currency
    let maxListLength: Int
    let maxDepth: Int
    let maxBytes: Int

    public init(decoder: SnapshotDecoder, limits: ReadLimits = .default) {
        plan = JSONSnapshotPlan(for: decoder.type)
        currency = decoder.currency
        maxListLength = min(decoder.maxListLength, limits.maxListLength)
        maxDepth = limits.maxDepth
        maxBytes = limits.maxBytes
    }

    /// The record, or nil when the slow path must decide.
    public func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Record? {
        read(bytes, reusing: nil)
    }

    /// The record, or nil when the slow path must decide, made from `previous` where it can
    /// be: a snapshot read before and no longer needed, whose records and lists that nothing
    /// else holds are filled with this one's values in place (a list's storage, its items'
    /// records) instead of new ones allocated and the old ones freed. The result is the same
    /// as ``read(_:)``'s; what cannot be reused (shared, another shape) is made anew.
    ///
    /// ```swift
    /// var previous: Record?
    /// for line in lines {
    ///     guard let record = line.withUnsafeBufferPointer({ fast.read($0, reusing: previous.take()) }) else { … }
    ///     bill(record)
    ///     previous = record   // reused by the next read once the invoice is gone
    /// }
    /// ```
    public func read(_ bytes: UnsafeBufferPointer<UInt8>, reusing previous: consuming Record?) -> Record? {
        guard bytes.count <= maxBytes else { return nil }
        var old = Value.null
        if let previous = consume previous { old = .record(consume previous) }
        return plan.bytes.withUnsafeBufferPointer { pool in
            var cursor = Cursor(bytes: bytes, pool: pool, reader: self)
            guard case let .record(record)? = cursor.value(plan.root, depth: 0, reusing: &old) else { return nil }
            cursor.skipWhitespace()
            return cursor.index == bytes.count ? record : nil
        }
    }
}

private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    /// ``JSONSnapshotPlan/bytes``: field names and allowed values.
    let pool: UnsafeBufferPointer<UInt8>
    let plan: JSONSnapshotPlan
    let currency: Currency
    let maxListLength: Int
    let maxDepth: Int
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>, pool: UnsafeBufferPointer<UInt8>, reader: JSONSnapshotReader) {
        self.bytes = bytes
        self.pool = pool
        plan = reader.plan
        currency = reader.currency
        maxListLength = reader.maxListLength
        maxDepth = reader.maxDepth
    }

    /// A string's bytes between its quotes, and whether they are all ASCII.
    struct RawString {
        var bytes: UnsafeBufferPointer<UInt8>
        var isASCII: Bool
    }

    @inline(__always)
    var peek: UInt8 { index < bytes.count ? bytes[index] : 0 }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): index += 1
            default: return
            }
        }
    }

    mutating func value(_ node: Int, depth: Int) -> Value? {
        var none = Value.null
        return value(node, depth: depth, reusing: &none)
    }

    /// The value at the cursor. `old` is what the previous snapshot had here (`.null` when
    /// there was none): a record or list is taken from it for reuse when nothing else holds
    /// it; anything else is left there, for the caller to replace.
    mutating func value(_ node: Int, depth: Int, reusing old: inout Value) -> Value? {
        skipWhitespace()
        let node = plan.nodes[node]
        switch node.kind {
        case .optional:
            if literal("null") { return .null }
            return value(node.child, depth: depth, reusing: &old)
        case .record:
            return record(node.child, depth: depth, reusing: &old)
        case .list:
            return list(node.child, depth: depth, reusing: &old)
        case .string:
            guard let raw = rawString() else { return nil }
            return text(raw).map(Value.string)
        case .int:
            return integer().map(Value.int)
        case .decimal:
            return decimal().map(Value.decimal)
        case .money:
            return decimal().map { .money(Money($0, currency)) }
        case .date:
            return date().map(Value.date)
        case .bool:
            if literal("true") { return .bool(true) }
            if literal("false") { return .bool(false) }
            return nil
        case .unreadable:
            return nil
        }
    }

    private mutating func record(_ recordIndex: Int, depth: Int, reusing old: inout Value) -> Value? {
        guard depth < maxDepth - 1, peek == UInt8(ascii: "{") else { return nil }
        index += 1
        let node = plan.records[recordIndex]
        guard !node.tooWide else { return nil }
        let first = node.fields.lowerBound
        let count = node.fields.count
        // The type unretained: the plan holds it for the whole read (a retain and a release
        // per record otherwise); a new record retains it as it stores it.
        let type = plan.recordTypes.withUnsafeBufferPointer { Unmanaged.passUnretained($0[recordIndex]) }
        // The previous snapshot's record here, when nothing else holds it: its fields are
        // replaced as the keys arrive, each old one offered for reuse to the value read.
        // Asked in place, through the optional, after the match's statement has ended: a
        // binding (`if var previous = …`) is a copy, which would make the record look shared.
        var candidate: Record?
        if case .record = old {
            var taken = Value.null
            swap(&taken, &old)
            if case let .record(previous) = consume taken { candidate = previous }
        }
        var reused: Record?
        if candidate?.isOf(type.takeUnretainedValue()) == true, candidate?.count == count, candidate?.isUniquelyReferenced() == true {
            reused = candidate.take()
        }
        // Else null at first; each field set as its key arrives (usually in the schema's order).
        var record = reused.take() ?? Record(type: type.takeUnretainedValue(), count: count) { fields in
            for _ in 0..<count { fields.append(.null) }
        }
        // Owned here alone (new, or checked unique): fields written in place, no check per
        // field. Each is read with what it held offered for reuse (`.null` in a new record).
        let fields = record.uniqueFields()
        var seen: UInt64 = 0   // bit i: field i was read
        var expected = 0
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            index += 1
        } else {
            while true {
                skipWhitespace()
                // Keys usually come in the schema's order: try the next field first.
                let slot: Int
                if expected < count, key(plan.fields[first + expected]) {
                    slot = expected
                } else {
                    guard let key = rawString() else { return nil }
                    // An undeclared key may be a duplicate, which JSONReader reports: slow path.
                    guard let found = slotNamed(key.bytes, in: first..<(first + count)) else { return nil }
                    slot = found
                }
                guard seen & (1 << UInt64(slot)) == 0 else { return nil }
                seen |= 1 << UInt64(slot)
                expected = slot + 1
                skipWhitespace()
                guard peek == UInt8(ascii: ":") else { return nil }
                index += 1
                let field = plan.fields[first + slot]
                // Moved, not copied, from the Optional into the record: no retain and release.
                let read = fieldValue(field, depth: depth + 1, reusing: &fields[slot])
                guard let value = consume read else { return nil }
                if let minimum = field.minimum, let number = Self.number(value), number < minimum { return nil }
                fields[slot] = consume value
                skipWhitespace()
                if peek == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard peek == UInt8(ascii: "}") else { return nil }
                index += 1
                break
            }
        }
        guard seen & node.required == node.required else { return nil }
        // A reused record's fields this snapshot does not have are absent: null, as new.
        if seen.nonzeroBitCount != count {
            for slot in 0..<count where seen & (1 << UInt64(slot)) == 0 { fields[slot] = .null }
        }
        return .record(record)
    }

    /// A field's value, checked against its `one_of`.
    private mutating func fieldValue(_ field: JSONSnapshotPlan.FieldNode, depth: Int, reusing old: inout Value) -> Value? {
        guard let allowed = field.allowed else { return value(field.node, depth: depth, reusing: &old) }
        guard plan.nodes[field.node].kind == .string else {
            // `one_of` on an optional or a list: only a string value is checked, as the slow path does.
            guard let value = value(field.node, depth: depth) else { return nil }
            if case let .string(text) = value, !plan.choices[allowed].contains(where: { $0.text == text }) { return nil }
            return value
        }
        skipWhitespace()
        guard let raw = rawString() else { return nil }
        if raw.isASCII, field.asciiChoices {
            // The allowed value's own String: no new one to make.
            for choice in plan.choices[allowed] where Self.equal(raw.bytes, UnsafeBufferPointer(rebasing: pool[choice.bytes])) {
                return .string(choice.text)
            }
            return nil
        }
        guard let read = text(raw), plan.choices[allowed].contains(where: { $0.text == read }) else { return nil }
        return .string(read)
    }

    private mutating func list(_ element: Int, depth: Int, reusing old: inout Value) -> Value? {
        guard depth < maxDepth - 1, peek == UInt8(ascii: "[") else { return nil }
        index += 1
        skipWhitespace()
        if peek == UInt8(ascii: "]") {
            index += 1
            return .list([])
        }
        // The previous snapshot's list here: its storage holds this one's items (the same
        // storage when nothing else holds it), each old item offered for reuse to the new one.
        var values: [Value] = []
        if case .list = old {
            var taken = Value.null
            swap(&taken, &old)
            if case let .list(previous) = consume taken { values = previous }
        }
        let reusable = values.count
        // Grown from 16, not from 1: a list that is there at all rarely has one item, and
        // each doubling is a new allocation and a move.
        if reusable == 0 { values.reserveCapacity(16) }
        var count = 0
        while true {
            guard count < maxListLength else { return nil }
            if count < reusable {
                let read = value(element, depth: depth + 1, reusing: &values[count])
                guard let value = consume read else { return nil }
                values[count] = consume value
            } else {
                let read = value(element, depth: depth + 1)
                guard let value = consume read else { return nil }
                values.append(consume value)
            }
            count += 1
            skipWhitespace()
            if peek == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard peek == UInt8(ascii: "]") else { return nil }
            index += 1
            // Old items past this list's end are not reused: released here.
            if count < values.count { values.removeSubrange(count...) }
            return .list(values)
        }
    }

    /// Reads `"name"` when the key at the cursor is exactly this field's name, as
    /// ``rawString()`` followed by a comparison would, without scanning for the quote.
    @inline(__always)
    private mutating func key(_ field: JSONSnapshotPlan.FieldNode) -> Bool {
        let close = index + field.name.count + 1
        guard field.plainName, close < bytes.count, bytes[index] == UInt8(ascii: "\""), bytes[close] == UInt8(ascii: "\""),
              Self.equal(UnsafeBufferPointer(rebasing: bytes[(index + 1)..<close]), UnsafeBufferPointer(rebasing: pool[field.name]))
        else { return false }
        index = close + 1
        return true
    }

    /// The first field in `fields` named `key`, as a slot.
    private func slotNamed(_ key: UnsafeBufferPointer<UInt8>, in fields: Range<Int>) -> Int? {
        for field in fields where Self.equal(key, UnsafeBufferPointer(rebasing: pool[plan.fields[field].name])) {
            return field - fields.lowerBound
        }
        return nil
    }

    /// A string without escapes, control characters or invalid UTF-8 (checked by ``text(_:)``),
    /// as its bytes.
    ///
    /// - Complexity: O(*n*), eight bytes at a time; the word that holds the closing quote
    ///   finds it by its bit, not byte by byte.
    private mutating func rawString() -> RawString? {
        guard peek == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        var at = start
        var high: UInt64 = 0   // every byte or'ed in: bit 7 of some byte is set unless all are ASCII
        if let base = bytes.baseAddress {
            while at + 8 <= bytes.count {
                let word = UnsafeRawPointer(base + at).loadUnaligned(as: UInt64.self)
                let special = Self.stringEnds(word)
                if special != 0 {
                    // The lowest flagged byte is exact: the first quote, backslash or control.
                    let offset = special.trailingZeroBitCount >> 3
                    guard base[at + offset] == UInt8(ascii: "\"") else { return nil }
                    high |= word & ((1 << UInt64(offset << 3)) &- 1)
                    index = at + offset + 1
                    return RawString(bytes: UnsafeBufferPointer(rebasing: bytes[start..<(at + offset)]),
                                     isASCII: high & 0x8080_8080_8080_8080 == 0)
                }
                high |= word
                at += 8
            }
        }
        while at < bytes.count {
            let byte = bytes[at]
            if byte == UInt8(ascii: "\"") {
                index = at + 1
                return RawString(bytes: UnsafeBufferPointer(rebasing: bytes[start..<at]),
                                 isASCII: high & 0x8080_8080_8080_8080 == 0)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            high |= UInt64(byte)
            at += 1
        }
        return nil
    }

    /// Bit 7 set in the bytes of the eight that may be `"`, `\` or below 0x20: the classic
    /// has-zero-byte test. Zero exactly when none is; a borrow can flag a byte above a true
    /// one, never below, so the lowest flagged byte is the first true one.
    @inline(__always)
    static func stringEnds(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let control = (word &- ones &* 0x20) & ~word
        return (control | (quote &- ones) & ~quote | (backslash &- ones) & ~backslash) & 0x8080_8080_8080_8080
    }

    /// The string, or nil for invalid UTF-8.
    @inline(__always)
    private func text(_ raw: RawString) -> String? {
        guard raw.isASCII else { return String(validating: raw.bytes, as: UTF8.self) }
        // Up to 15 ASCII bytes (a phone number, a country): the String's own two words,
        // from two loads, where sixteen bytes are there to read.
        if raw.bytes.count <= 15, let start = raw.bytes.baseAddress, let base = bytes.baseAddress,
           start + 16 <= base + bytes.count,
           let words = InlineText(asciiWords: UnsafeRawPointer(start).loadUnaligned(as: UInt64.self),
                                  UnsafeRawPointer(start + 8).loadUnaligned(as: UInt64.self), count: raw.bytes.count) {
            return words.string
        }
        // ASCII is valid UTF-8; up to 15 bytes this builds the String in place, inline.
        return String(unsafeUninitializedCapacity: raw.bytes.count) { buffer in
            _ = buffer.initialize(fromContentsOf: raw.bytes)
            return raw.bytes.count
        }
    }

    /// `-? (0 | [1-9][0-9]*)` as JSONReader accepts it and `Int64(_:)` reads it; with a
    /// fraction or an exponent it is not an Int.
    private mutating func integer() -> Int64? {
        let negative = peek == UInt8(ascii: "-")
        if negative { index += 1 }
        var magnitude: UInt64 = 0
        if peek == UInt8(ascii: "0") {
            index += 1
            if isDigit(peek) { return nil }
        } else {
            guard isDigit(peek) else { return nil }
            repeat {
                let (shifted, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = shifted.addingReportingOverflow(UInt64(bytes[index] &- UInt8(ascii: "0")))
                guard !overflow1, !overflow2 else { return nil }
                magnitude = sum
                index += 1
            } while isDigit(peek)
        }
        switch peek {
        case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): return nil
        default: break
        }
        if negative {
            guard magnitude <= Int64.min.magnitude else { return nil }
            return Int64(truncatingIfNeeded: 0 &- magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// A quoted decimal literal, or a JSON number `-? (0 | [1-9][0-9]*) (. [0-9]+)?`; an
    /// exponent is valid JSON but not a decimal literal.
    private mutating func decimal() -> ExactDecimal? {
        if peek == UInt8(ascii: "\"") {
            guard let raw = rawString() else { return nil }
            return Self.decimal(raw.bytes)
        }
        let start = index
        if peek == UInt8(ascii: "-") { index += 1 }
        if peek == UInt8(ascii: "0") {
            index += 1
            if isDigit(peek) { return nil }
        } else {
            guard digits() else { return nil }
        }
        if peek == UInt8(ascii: ".") {
            index += 1
            guard digits() else { return nil }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") { return nil }
        return Self.decimal(UnsafeBufferPointer(rebasing: bytes[start..<index]))
    }

    /// What `ExactDecimal(parsing:)` reads from these bytes: `[+-]? [0-9]+ (. [0-9]+)?` with
    /// at most 18 fraction digits and a significand that fits 64 bits; nil where it throws.
    static func decimal(_ text: UnsafeBufferPointer<UInt8>) -> ExactDecimal? {
        var at = 0
        var negative = false
        if at < text.count, text[at] == UInt8(ascii: "-") || text[at] == UInt8(ascii: "+") {
            negative = text[at] == UInt8(ascii: "-")
            at += 1
        }
        var magnitude: UInt64 = 0
        var integerDigits = 0
        var fractionDigits = 0
        var sawPoint = false
        while at < text.count {
            let byte = text[at]
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                let (shifted, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = shifted.addingReportingOverflow(UInt64(byte &- UInt8(ascii: "0")))
                guard !overflow1, !overflow2 else { return nil }
                magnitude = sum
                if sawPoint { fractionDigits += 1 } else { integerDigits += 1 }
            } else if byte == UInt8(ascii: "."), !sawPoint, integerDigits > 0 {
                sawPoint = true
            } else {
                return nil
            }
            at += 1
        }
        guard integerDigits > 0, !sawPoint || fractionDigits > 0, fractionDigits <= ExactDecimal.maxScale,
              magnitude <= (negative ? Int64.min.magnitude : UInt64(Int64.max)) else { return nil }
        let significand = negative ? Int64(truncatingIfNeeded: 0 &- magnitude) : Int64(magnitude)
        return try? ExactDecimal(significand: significand, scale: fractionDigits)
    }

    /// Strictly YYYY-MM-DD, as `CivilDate(parsing:)` reads it, without making a String.
    private mutating func date() -> CivilDate? {
        guard let raw = rawString()?.bytes, raw.count == 10, raw[4] == UInt8(ascii: "-"), raw[7] == UInt8(ascii: "-"),
              let year = Self.digits(raw, 0, 4), let month = Self.digits(raw, 5, 2), let day = Self.digits(raw, 8, 2)
        else { return nil }
        return try? CivilDate(year: year, month: month, day: day)
    }

    /// The number written by `count` ASCII digits from `start`, or nil.
    @inline(__always)
    private static func digits(_ raw: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var number = 0
        for at in start..<(start + count) {
            let digit = raw[at] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            number = number * 10 + Int(digit)
        }
        return number
    }

    private mutating func digits() -> Bool {
        guard isDigit(peek) else { return false }
        repeat { index += 1 } while isDigit(peek)
        return true
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    /// `true`, `false` or `null`, not followed by more letters.
    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        let next = index + count < bytes.count ? bytes[index + count] : 0
        guard !(next >= UInt8(ascii: "a") && next <= UInt8(ascii: "z")) else { return false }
        index += count
        return true
    }

    /// Whether two byte strings are equal: eight bytes at a time, the last word (or, below
    /// eight bytes, the first and last four) overlapping the one before.
    @inline(__always)
    static func equal(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Bool {
        guard lhs.count == rhs.count else { return false }
        guard let left = lhs.baseAddress, let right = rhs.baseAddress else { return true }   // both empty
        let count = lhs.count
        if count >= 8 {
            var at = 0
            while at + 8 < count {
                guard load(UInt64.self, left, at) == load(UInt64.self, right, at) else { return false }
                at += 8
            }
            return load(UInt64.self, left, count - 8) == load(UInt64.self, right, count - 8)
        }
        if count >= 4 {
            return load(UInt32.self, left, 0) == load(UInt32.self, right, 0)
                && load(UInt32.self, left, count - 4) == load(UInt32.self, right, count - 4)
        }
        for at in 0..<count where left[at] != right[at] { return false }
        return true
    }

    @inline(__always)
    private static func load<Word: FixedWidthInteger>(_: Word.Type, _ base: UnsafePointer<UInt8>, _ offset: Int) -> Word {
        UnsafeRawPointer(base + offset).loadUnaligned(as: Word.self)
    }

    /// The number a `min` applies to, as the slow path reads it.
    static func number(_ value: Value) -> ExactDecimal? {
        switch value {
        case let .int(int): ExactDecimal(int)
        case let .decimal(decimal): decimal
        case let .money(money): money.amount
        default: nil
        }
    }
}
