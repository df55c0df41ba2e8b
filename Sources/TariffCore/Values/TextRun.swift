/// The bytes of the labels and messages one evaluation renders: one growing buffer,
/// shared by the ``TextRun``s that point into it and freed when the last of them goes.
///
/// Only its evaluation appends, and only while it runs; a run's bytes never change once
/// it is handed out, so runs are read from any thread after the evaluation has returned.
public final class TextArena: @unchecked Sendable {
    // Unchecked: only its evaluation touches it, one access at a time (a run is read after
    // the evaluation has returned); the run-time check cost more than the copy it guards.
    @exclusivity(unchecked) private var bytes = TextScratch()

    /// Room for the first labels at once: a medium account's come to about 1.6 KB.
    static let initialCapacity = 1024

    init() {}

    deinit { bytes.free() }

    /// `text` appended, as a run of this arena; nil when the arena would pass 4 GiB.
    func append(_ text: borrowing TextScratch) -> TextRun? {
        let start = bytes.count
        guard start + text.count <= Int(UInt32.max) else { return nil }
        if bytes.capacity == 0 { bytes.reserve(Self.initialCapacity) }
        text.withBytes { bytes.append($0) }
        return TextRun(arena: self, start: UInt32(start), count: UInt32(text.count))
    }

    /// The bytes of `run`, a run of this arena.
    @usableFromInline
    func utf8(_ run: TextRun) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: bytes.base.map { $0 + Int(run.start) }, count: Int(run.count))
    }
}

/// Text a template rendered, held as a range of its evaluation's ``TextArena``: a label
/// costs no allocation of its own (the arena is retained, where a `String` was made and
/// freed). ``Value/text(_:)`` holds one; it is text in every way ``Value/string(_:)`` is
/// (equal to the same text, hashed alike), and expressions only ever see it as a
/// `.string`. ``string`` makes the `String` when one is needed.
public struct TextRun: Sendable {
    @usableFromInline let arena: TextArena
    let start: UInt32
    let count: UInt32

    /// The text as a `String`, made now.
    public var string: String {
        withUTF8 { String(decoding: $0, as: UTF8.self) }
    }

    /// `body` applied to the text's UTF-8 where the arena holds it.
    @inlinable
    public func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(arena.utf8(self))
    }
}
