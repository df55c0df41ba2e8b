#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file descriptor as lines of bytes, a block at a time, so memory stays bounded
/// by the longest line and the block size, however long the input.
///
/// A line longer than `maxLineBytes` is skipped up to its newline and reported as
/// oversized (its bytes are not kept).
struct LineReader {
    enum Line {
        case text([UInt8])
        case oversized(length: Int)
    }

    private let fd: Int32
    private let maxLineBytes: Int
    private var block: [UInt8]
    private var start = 0
    private var end = 0
    private var atEOF = false
    /// The bytes of a line split across blocks.
    private var pending: [UInt8] = []
    private var pendingOversized = 0
    /// Set when reading failed, with the system's reason.
    private(set) var failure: String?

    init(fd: Int32, blockSize: Int = 1 << 20, maxLineBytes: Int) {
        self.fd = fd
        self.maxLineBytes = maxLineBytes
        self.block = [UInt8](repeating: 0, count: blockSize)
    }

    /// The next line without its `\n` (and without a `\r` before it), or nil at the end.
    mutating func next() -> Line? {
        while true {
            if start < end {
                let newline = block.withUnsafeBufferPointer { buffer -> Int? in
                    guard let base = buffer.baseAddress,
                          let found = memchr(base + start, Int32(UInt8(ascii: "\n")), end - start) else { return nil }
                    return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                }
                if let newline {
                    let piece = block[start..<newline]
                    start = newline + 1
                    return finish(piece)
                }
                take(block[start..<end])
                start = end
            }
            if atEOF {
                if !pending.isEmpty || pendingOversized > 0 { return finish(block[0..<0]) }
                return nil
            }
            refill()
        }
    }

    private mutating func take(_ piece: ArraySlice<UInt8>) {
        if pendingOversized > 0 || pending.count + piece.count > maxLineBytes {
            pendingOversized += pending.count + piece.count
            pending.removeAll()
        } else {
            pending.append(contentsOf: piece)
        }
    }

    private mutating func finish(_ piece: ArraySlice<UInt8>) -> Line {
        take(piece)
        if pendingOversized > 0 {
            let length = pendingOversized
            pendingOversized = 0
            return .oversized(length: length)
        }
        var line = pending
        pending = []
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        return .text(line)
    }

    private mutating func refill() {
        start = 0
        end = 0
        let count = block.withUnsafeMutableBytes { buffer -> Int in
            while true {
                let result = read(fd, buffer.baseAddress, buffer.count)
                if result < 0, errno == EINTR { continue }
                return result
            }
        }
        if count < 0 {
            failure = String(cString: strerror(errno))
            atEOF = true
        } else if count == 0 {
            atEOF = true
        } else {
            end = count
        }
    }
}
