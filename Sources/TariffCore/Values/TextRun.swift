/// The bytes of the labels and messages one evaluation renders: one growing buffer,
/// shared by the ``TextRun``s that point into it and freed when the last of them goes.
///
/// Only its evaluation appends, and only while it runs; a run's bytes never change once
/// it is handed out, so runs are read from any thread after the evaluation has returned.
public final class TextArena: @unchecked Sendable {
    // Unchecked: only its evaluation writes it, one short access at a time (``Sink``), and
    // reads of it (a run's bytes) fall between those; the run-time check cost more than
    // the appends it guards.
    @exclusivity(unchecked) fileprivate var bytes = TextScratch()

    /// Room for the first labels at once: a medium account's come to about 1.6 KB, which
    /// 1024 bytes made a second allocation and a copy for (parsed loop 86.8k → 86.3k instructions).
    static let initialCapacity = 2048

    init() {}

    deinit { bytes.free() }

    /// A template's way into the arena: each piece appended through the arena object, so
    /// nothing holds its bytes across the holes' evaluation (which may read earlier runs).
    struct Sink: TextSink {
        /// Unretained: the frame holds the arena for the whole evaluation. (A strong or an
        /// `unowned(unsafe)` reference retained and released it at every piece.)
        let arena: Unmanaged<TextArena>

        init(_ arena: TextArena) { self.arena = Unmanaged.passUnretained(arena) }

        @inline(__always)
        private func bytes<R>(_ body: (inout TextScratch) -> R) -> R {
            arena._withUnsafeGuaranteedRef { body(&$0.bytes) }
        }

        /// Where the text about to be written starts, with room for the first labels
        /// made at once.
        func start() -> Int {
            bytes { bytes in
                if bytes.capacity == 0 { bytes.reserve(TextArena.initialCapacity) }
                return bytes.count
            }
        }

        /// What was written since `start`, as a run; nil when the arena passes 4 GiB.
        func run(from start: Int) -> TextRun? {
            let end = bytes { $0.count }
            guard end <= Int(UInt32.max) else {
                discard(from: start)
                return nil
            }
            return TextRun(arena: arena.takeUnretainedValue(), start: UInt32(start), count: UInt32(end - start))
        }

        /// Forgets what was written since `start` (a hole failed).
        func discard(from start: Int) { bytes { $0.count = start } }

        @inline(__always) mutating func reserve(_ extra: Int) { bytes { $0.reserve(extra) } }
        @inline(__always) mutating func append(_ text: UnsafeBufferPointer<UInt8>) { bytes { $0.append(text) } }
        @inline(__always) mutating func append(_ words: InlineText) { bytes { $0.append(words) } }
        @inline(__always) mutating func append(_ byte: UInt8) { bytes { $0.append(byte) } }
        @inline(__always) mutating func write(_ length: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Void) {
            bytes { $0.write(length, body) }
        }
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
