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
}
