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
/// - Complexity: O(*n*) in the input; one allocation per list, record and string longer
///   than 15 bytes.
public struct JSONSnapshotReader: Sendable {
    /// How each part of the input type is read: names as bytes, `one_of` as sets.
    indirect enum Plan: Sendable {
        case record(RecordType, names: [[UInt8]], fields: [Plan], allowed: [Set<String>?], minimum: [ExactDecimal?])
        case list(Plan)
        case optional(Plan)
        case scalar(ValueType)
    }

    let plan: Plan
    let currency: Currency
    let maxListLength: Int
    let maxDepth: Int
    let maxBytes: Int

    public init(decoder: SnapshotDecoder, limits: ReadLimits = .default) {
        plan = Self.plan(for: .record(decoder.type))
        currency = decoder.currency
        maxListLength = min(decoder.maxListLength, limits.maxListLength)
        maxDepth = limits.maxDepth
        maxBytes = limits.maxBytes
    }

    static func plan(for type: ValueType) -> Plan {
        switch type {
        case let .record(record):
            return .record(record, names: record.fields.map { Array($0.name.utf8) }, fields: record.fields.map { plan(for: $0.type) },
                           allowed: record.fields.map { $0.allowed.map(Set.init) }, minimum: record.fields.map(\.minimum))
        case let .list(element): return .list(plan(for: element))
        case let .optional(wrapped): return .optional(plan(for: wrapped))
        default: return .scalar(type)
        }
    }

    /// The record, or nil when the slow path must decide.
    public func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Record? {
        guard bytes.count <= maxBytes else { return nil }
        var cursor = Cursor(bytes: bytes, reader: self)
        guard case let .record(record)? = cursor.value(plan, depth: 0) else { return nil }
        cursor.skipWhitespace()
        return cursor.index == bytes.count ? record : nil
    }
}

private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    let reader: JSONSnapshotReader
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>, reader: JSONSnapshotReader) {
        self.bytes = bytes
        self.reader = reader
    }

    var peek: UInt8 { index < bytes.count ? bytes[index] : 0 }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): index += 1
            default: return
            }
        }
    }

    mutating func value(_ plan: JSONSnapshotReader.Plan, depth: Int) -> Value? {
        skipWhitespace()
        switch plan {
        case let .optional(wrapped):
            if literal("null") { return .null }
            return value(wrapped, depth: depth)
        case let .record(type, names, fields, allowed, minimum):
            return record(type, names, fields, allowed, minimum, depth: depth)
        case let .list(element):
            return list(element, depth: depth)
        case let .scalar(type):
            return scalar(type)
        }
    }

    private mutating func record(_ type: RecordType, _ names: [[UInt8]], _ plans: [JSONSnapshotReader.Plan],
                                 _ allowed: [Set<String>?], _ minimum: [ExactDecimal?], depth: Int) -> Value? {
        guard depth < reader.maxDepth - 1, peek == UInt8(ascii: "{") else { return nil }
        index += 1
        guard names.count <= 64 else { return nil }
        var values = [Value](repeating: .null, count: names.count)
        var seen: UInt64 = 0   // bit i: field i was read
        var expected = 0
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            index += 1
        } else {
            while true {
                skipWhitespace()
                guard let key = rawString() else { return nil }
                // Keys usually come in the schema's order: try the next field first.
                var slot: Int?
                if expected < names.count, Self.equal(key, names[expected]) {
                    slot = expected
                } else {
                    slot = names.firstIndex { Self.equal(key, $0) }
                }
                // An undeclared key may be a duplicate, which JSONReader reports: slow path.
                guard let slot, seen & (1 << slot) == 0 else { return nil }
                seen |= 1 << slot
                expected = slot + 1
                skipWhitespace()
                guard peek == UInt8(ascii: ":") else { return nil }
                index += 1
                guard let value = value(plans[slot], depth: depth + 1) else { return nil }
                if let allowed = allowed[slot], case let .string(text) = value, !allowed.contains(text) { return nil }
                if let minimum = minimum[slot], let number = Self.number(value), number < minimum { return nil }
                values[slot] = value
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
        for slot in names.indices where seen & (1 << slot) == 0 {
            guard type.fields[slot].type.isOptional else { return nil }
        }
        return .record(Record(type: type, fields: values))
    }

    private mutating func list(_ element: JSONSnapshotReader.Plan, depth: Int) -> Value? {
        guard depth < reader.maxDepth - 1, peek == UInt8(ascii: "[") else { return nil }
        index += 1
        var values: [Value] = []
        skipWhitespace()
        if peek == UInt8(ascii: "]") {
            index += 1
            return .list(values)
        }
        while true {
            guard values.count < reader.maxListLength, let value = value(element, depth: depth + 1) else { return nil }
            values.append(value)
            skipWhitespace()
            if peek == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard peek == UInt8(ascii: "]") else { return nil }
            index += 1
            return .list(values)
        }
    }

    /// Scalars in the forms the slow path reads the same way; any other form returns nil.
    private mutating func scalar(_ type: ValueType) -> Value? {
        switch type {
        case .string:
            return string().map(Value.string)
        case .int:
            guard let text = number() else { return nil }
            return Int64(text).map(Value.int)
        case .decimal:
            guard let text = peek == UInt8(ascii: "\"") ? string() : number() else { return nil }
            return (try? ExactDecimal(parsing: text)).map(Value.decimal)
        case .money:
            guard let text = peek == UInt8(ascii: "\"") ? string() : number(), !text.utf8.contains(UInt8(ascii: " ")) else { return nil }
            return (try? ExactDecimal(parsing: text)).map { .money(Money($0, reader.currency)) }
        case .date:
            // Strictly YYYY-MM-DD, as CivilDate(parsing:) reads it, without making a String.
            guard let raw = rawString(), raw.count == 10, raw[4] == UInt8(ascii: "-"), raw[7] == UInt8(ascii: "-") else { return nil }
            var year = 0, month = 0, day = 0
            for (offset, byte) in raw.enumerated() where offset != 4 && offset != 7 {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                let digit = Int(byte &- UInt8(ascii: "0"))
                if offset < 4 { year = year * 10 + digit } else if offset < 7 { month = month * 10 + digit } else { day = day * 10 + digit }
            }
            return (try? CivilDate(year: year, month: month, day: day)).map(Value.date)
        case .bool:
            if literal("true") { return .bool(true) }
            if literal("false") { return .bool(false) }
            return nil
        default:
            return nil
        }
    }

    /// A string without escapes, control characters or invalid UTF-8, as its bytes.
    private mutating func rawString() -> UnsafeBufferPointer<UInt8>? {
        guard peek == UInt8(ascii: "\"") else { return nil }
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return UnsafeBufferPointer(rebasing: bytes[start..<(index - 1)])
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            index += 1
        }
        return nil
    }

    private mutating func string() -> String? {
        guard let raw = rawString() else { return nil }
        if raw.allSatisfy({ $0 < 0x80 }) { return String(decoding: raw, as: UTF8.self) }
        return String(validating: raw, as: UTF8.self)
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, as JSONReader accepts it.
    private mutating func number() -> String? {
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
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard digits() else { return nil }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    private mutating func digits() -> Bool {
        guard isDigit(peek) else { return false }
        repeat { index += 1 } while isDigit(peek)
        return true
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

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

    static func equal(_ key: UnsafeBufferPointer<UInt8>, _ name: [UInt8]) -> Bool {
        key.count == name.count && key.elementsEqual(name)
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
