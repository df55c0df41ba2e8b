/// An ISO 4217 currency: a three-letter code and the number of minor-unit digits its
/// amounts are rounded to (EUR 2, JPY 0, KWD 3).
///
/// The code is packed into a `UInt32`, so a `Currency` is five bytes, compares with one
/// integer comparison and never allocates.
///
/// ```swift
/// let eur = Currency(code: "EUR")      // EUR, 2 minor units
/// Currency(code: "JPY")?.minorUnits    // 0
/// Currency(code: "EURO")               // nil: use `Currency.knownCodes` for a hint
/// ```
public struct Currency: Sendable, Hashable {
    /// The three ASCII letters, first letter in the low byte.
    @usableFromInline
    let packedCode: UInt32
    @usableFromInline
    let storedMinorUnits: UInt8

    /// Digits after the decimal point in this currency's amounts.
    @inlinable
    public var minorUnits: Int { Int(storedMinorUnits) }

    /// The ISO 4217 code: `"EUR"`.
    public var code: String {
        String(unsafeUninitializedCapacity: 3) { buffer in
            buffer[0] = UInt8(truncatingIfNeeded: packedCode)
            buffer[1] = UInt8(truncatingIfNeeded: packedCode >> 8)
            buffer[2] = UInt8(truncatingIfNeeded: packedCode >> 16)
            return 3
        }
    }

    /// The currency with this ISO 4217 code, or `nil` when the code is not in the table.
    ///
    /// Codes are exact: three uppercase ASCII letters (`"eur"` is not accepted).
    ///
    /// - Complexity: O(1): one hash lookup.
    public init?(code: String) {
        guard let packed = Self.pack(code), let minorUnits = Self.table[packed] else { return nil }
        self.init(packedCode: packed, minorUnits: minorUnits)
    }

    @inlinable
    init(packedCode: UInt32, minorUnits: UInt8) {
        self.packedCode = packedCode
        self.storedMinorUnits = minorUnits
    }

    private init(_ a: Unicode.Scalar, _ b: Unicode.Scalar, _ c: Unicode.Scalar, minorUnits: UInt8) {
        self.init(packedCode: a.value | b.value << 8 | c.value << 16, minorUnits: minorUnits)
    }

    public static let eur = Currency("E", "U", "R", minorUnits: 2)
    public static let usd = Currency("U", "S", "D", minorUnits: 2)
    public static let gbp = Currency("G", "B", "P", minorUnits: 2)
    public static let chf = Currency("C", "H", "F", minorUnits: 2)
    public static let jpy = Currency("J", "P", "Y", minorUnits: 0)
    public static let kwd = Currency("K", "W", "D", minorUnits: 3)

    /// Every code the table knows, sorted, for "did you mean" hints.
    public static var knownCodes: [String] {
        entries.map(\.code).sorted()
    }

    /// Three uppercase ASCII letters packed into a `UInt32`, or `nil`.
    private static func pack(_ code: String) -> UInt32? {
        var packed: UInt32 = 0
        var count = 0
        for byte in code.utf8 {
            guard count < 3, byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") else { return nil }
            packed |= UInt32(byte) << (8 * count)
            count += 1
        }
        return count == 3 ? packed : nil
    }

    /// ISO 4217 minor units for the currencies billing is likely to meet.
    private static let entries: [(code: String, minorUnits: UInt8)] = [
        ("AED", 2), ("AUD", 2), ("BGN", 2), ("BHD", 3), ("BRL", 2), ("CAD", 2), ("CHF", 2),
        ("CLP", 0), ("CNY", 2), ("COP", 2), ("CZK", 2), ("DKK", 2), ("EGP", 2), ("EUR", 2),
        ("GBP", 2), ("HKD", 2), ("HUF", 2), ("IDR", 2), ("ILS", 2), ("INR", 2), ("IQD", 3),
        ("ISK", 0), ("JOD", 3), ("JPY", 0), ("KRW", 0), ("KWD", 3), ("LYD", 3), ("MAD", 2),
        ("MXN", 2), ("MYR", 2), ("NOK", 2), ("NZD", 2), ("OMR", 3), ("PHP", 2), ("PLN", 2),
        ("PYG", 0), ("QAR", 2), ("RON", 2), ("RSD", 2), ("SAR", 2), ("SEK", 2), ("SGD", 2),
        ("THB", 2), ("TND", 3), ("TRY", 2), ("TWD", 2), ("UAH", 2), ("UGX", 0), ("USD", 2),
        ("VND", 0), ("XAF", 0), ("XOF", 0), ("XPF", 0), ("ZAR", 2),
    ]

    private static let table: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [:]
        for entry in entries {
            if let packed = pack(entry.code) { table[packed] = entry.minorUnits }
        }
        return table
    }()
}

extension Currency: CustomStringConvertible {
    /// The code: `"EUR"`.
    public var description: String { code }
}
