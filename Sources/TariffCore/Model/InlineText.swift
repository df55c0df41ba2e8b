/// A string that `String` holds inline, without storage of its own (up to 15 bytes of
/// UTF-8), as its two words: eight bytes, then seven more and a byte of count and flags
/// (bit 61: held inline; bit 62: all ASCII). The same text held inline always has the same
/// words, so short codes (`FR`, `ADVANCED`) hash and compare as two integers. This is the
/// layout of `String` on 64-bit platforms, which InlineTextTests pins. Public for writers
/// outside the core (`JSONText` writes short text as its two words).
public struct InlineText: Equatable, Sendable {
    public let low: UInt64
    public let high: UInt64

    /// The words of `text`; nil when it is stored out of line (longer than 15 bytes, or
    /// what is left of a long string after removals).
    @inlinable @inline(__always)
    public init?(_ text: String) {
        let words = unsafeBitCast(text, to: (UInt64, UInt64).self)
        guard words.1 & (1 << 61) != 0 else { return nil }
        low = words.0
        high = words.1
    }

    /// The number of UTF-8 bytes, 0 through 15 (the low four bits of the last byte).
    @inlinable @inline(__always)
    public var count: Int { Int(truncatingIfNeeded: (high >> 56) & 0xF) }

    /// Whether every byte is ASCII: then equal words mean equal text and different words
    /// different text, under `String`'s `==` too (which compares canonical equivalence).
    @inlinable @inline(__always)
    public var isASCII: Bool { high & (1 << 62) != 0 }

    /// The words `String` holds the first `count` bytes of `low` then `high` in, as loaded
    /// from memory (little-endian): those bytes, zeros after them, and the count with the
    /// inline and ASCII flags in the last byte. Nil unless `count` is 0 through 15 and every
    /// byte counted is ASCII, the only text built this way.
    @inlinable @inline(__always)
    public init?(asciiWords low: UInt64, _ high: UInt64, count: Int) {
        guard count >= 0, count <= 15 else { return nil }
        let masks = Self.masks(count: count)
        let kept = (low & masks.low, high & masks.high)
        guard (kept.0 | kept.1) & 0x8080_8080_8080_8080 == 0 else { return nil }
        self.low = kept.0
        self.high = kept.1 | (0xE0 | UInt64(count)) << 56   // immortal, ASCII, inline; the count
    }

    /// All ones over the first `count` bytes (0 through 15) of the two words, zeros over the
    /// rest: what keeps a text's own bytes and drops what follows them.
    @inlinable @inline(__always)
    public static func masks(count: Int) -> (low: UInt64, high: UInt64) {
        (count >= 8 ? ~0 : (1 << UInt64(8 * count)) &- 1,
         count <= 8 ? 0 : (1 << UInt64(8 * (count - 8))) &- 1)
    }

    /// The text as a `String`: the two words are one, with no storage to allocate.
    @inlinable @inline(__always)
    public var string: String { unsafeBitCast((low, high), to: String.self) }
}
