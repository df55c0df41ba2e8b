#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `tariff bill` writes: standard output, or a file written atomically (a temporary
/// file in the same directory, renamed over the target only when the run completes, so a
/// reader never sees half a file).
///
/// Only a plain file is replaced. A link is followed to the file it names (the link stays);
/// a device or a pipe (`/dev/null`, a FIFO a script reads) is written to as it is, since there
/// is nothing to replace (renaming over one replaced the device itself); a directory is an error.
struct OutputSink {
    private let fd: Int32
    /// The path as given, for messages; nil for standard output.
    private let target: String?
    /// Where the temporary file is renamed to (the file a link names); nil when writing in place.
    private let destination: String?
    private let temporary: String?

    /// Standard output.
    init() {
        fd = 1
        target = nil
        destination = nil
        temporary = nil
    }

    /// A file, through a temporary beside it (or a device or pipe, as it is); an error with
    /// the system's reason when it cannot be opened.
    init(path: String) throws(SinkError) {
        var destination = path
        var info = stat()
        if stat(path, &info) == 0 {   // follows links
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                // Replaced where the links lead, so that they still name it.
                if let resolved = realpath(path, nil) {
                    destination = String(cString: resolved)
                    free(resolved)
                }
            case S_IFDIR:
                throw SinkError(reason: "cannot write '\(path)': it is a directory")
            default:
                let fd = open(path, O_WRONLY)
                guard fd >= 0 else { throw SinkError(reason: "cannot write '\(path)': \(String(cString: strerror(errno)))") }
                self.fd = fd
                self.target = path
                self.destination = nil
                self.temporary = nil
                return
            }
        }
        let temporary = "\(destination).tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw SinkError(reason: "cannot create '\(temporary)': \(String(cString: strerror(errno)))") }
        self.fd = fd
        self.target = path
        self.destination = destination
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

    /// Makes the output visible: flushes the file to disk and renames it into place (a device
    /// or pipe written in place is closed).
    func commit() throws(SinkError) {
        guard let target else { return }
        guard let temporary, let destination else {
            guard close(fd) == 0 else { throw SinkError(reason: "cannot write '\(target)': \(String(cString: strerror(errno)))") }
            return
        }
        guard fsync(fd) == 0, close(fd) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw SinkError(reason: "cannot write '\(temporary)': \(reason)")
        }
        guard rename(temporary, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw SinkError(reason: "cannot rename '\(temporary)' to '\(destination)': \(reason)")
        }
        // The rename is durable once the directory is on disk too; the file is already whole
        // in either case, so a directory that cannot be synced is not an error.
        let slash = destination.lastIndex(of: "/")
        let directory = slash.map { $0 == destination.startIndex ? "/" : String(destination[..<$0]) } ?? "."
        let directoryFD = open(directory, O_RDONLY | O_DIRECTORY)
        if directoryFD >= 0 {
            _ = fsync(directoryFD)
            close(directoryFD)
        }
    }

    /// Removes the temporary file of an unfinished run (a device or pipe is only closed).
    func abandon() {
        guard target != nil else { return }
        close(fd)
        if let temporary { unlink(temporary) }
    }
}
