#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file with POSIX calls: no Foundation, a size check before the bytes are
/// read, and the system's own reason when it fails.
enum FileBytes {
    enum Failure: Error, Equatable {
        /// The system's reason, such as "No such file or directory".
        case unreadable(String)
        /// The file holds more than the limit; `size` is what was seen before stopping.
        case tooLarge(size: Int)
    }

    /// The file's bytes. A file whose size is known is refused before reading; one whose
    /// size is not (a pipe) is read until it passes the limit, by one chunk at most.
    static func read(path: String, limit: Int) -> Result<[UInt8], Failure> {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return .failure(.unreadable(reason())) }
        defer { _ = close(descriptor) }

        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(.unreadable(reason())) }
        if (status.st_mode & S_IFMT) == S_IFDIR { return .failure(.unreadable("Is a directory")) }
        // Pipes and devices report size 0; the read loop below still stops past the limit.
        let reported = Int(status.st_size)
        if reported > limit { return .failure(.tooLarge(size: reported)) }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(reported, 0) + 1)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer in
                Glue.read(descriptor, buffer.baseAddress, buffer.count)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(reason()))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[..<count])
            if bytes.count > limit { return .failure(.tooLarge(size: bytes.count)) }
        }
        return .success(bytes)
    }

    private static func reason() -> String {
        guard let text = strerror(errno) else { return "error \(errno)" }
        return String(cString: text)
    }
}

/// The C library's `read`, named apart from ``FileBytes/read(path:limit:)``.
private enum Glue {
    static func read(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(descriptor, buffer, count)
        #elseif canImport(Musl)
        Musl.read(descriptor, buffer, count)
        #else
        Darwin.read(descriptor, buffer, count)
        #endif
    }
}
