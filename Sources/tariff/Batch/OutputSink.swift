#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `tariff bill` writes: standard output, or a file written atomically (a temporary
/// file in the same directory, renamed over the target only when the run completes, so a
/// reader never sees half a file).
struct OutputSink {
    private let fd: Int32
    private let target: String?
    private let temporary: String?

    /// Standard output.
    init() {
        fd = 1
        target = nil
        temporary = nil
    }

    /// A file, through a temporary beside it; nil with the system's reason when it cannot be created.
    init(path: String) throws(SinkError) {
        let temporary = "\(path).tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw SinkError(reason: "cannot create '\(temporary)': \(String(cString: strerror(errno)))") }
        self.fd = fd
        self.target = path
        self.temporary = temporary
    }

    struct SinkError: Error {
        var reason: String
    }

    func write(_ bytes: [UInt8]) throws(SinkError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw SinkError(reason: "cannot write \(target.map { "'\($0)'" } ?? "standard output"): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    /// Makes the output visible: flushes the file to disk and renames it into place.
    func commit() throws(SinkError) {
        guard let target, let temporary else { return }
        guard fsync(fd) == 0, close(fd) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw SinkError(reason: "cannot write '\(temporary)': \(reason)")
        }
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw SinkError(reason: "cannot rename '\(temporary)' to '\(target)': \(reason)")
        }
        // The rename is durable once the directory is on disk too; the file is already whole
        // in either case, so a directory that cannot be synced is not an error.
        let slash = target.lastIndex(of: "/")
        let directory = slash.map { $0 == target.startIndex ? "/" : String(target[..<$0]) } ?? "."
        let directoryFD = open(directory, O_RDONLY | O_DIRECTORY)
        if directoryFD >= 0 {
            _ = fsync(directoryFD)
            close(directoryFD)
        }
    }

    /// Removes the temporary file of an unfinished run.
    func abandon() {
        guard let temporary else { return }
        close(fd)
        unlink(temporary)
    }
}
