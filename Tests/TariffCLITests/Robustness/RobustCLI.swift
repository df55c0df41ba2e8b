import Foundation
import Testing

/// Runs the built `tariff` as a user would, from the package root, with a watchdog: an
/// input that made it hang fails the test instead of hanging the suite.
enum RobustCLI {
    struct Output: Sendable {
        var stdout: String
        var stderr: String
        var status: Int32
        /// Whether the watchdog had to kill it.
        var timedOut: Bool

        /// The first line of standard error: `file:line:column: error: message`.
        var firstError: String { String(stderr.prefix { $0 != "\n" }) }
    }

    /// The package root: the nearest directory above this file holding `Package.swift`.
    static let packageRoot: URL = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory
            }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// The fixtures of the bad-input catalog, relative to the package root as the CLI
    /// prints them.
    static let badInputs = "Tests/TariffCLITests/BadInputs"

    /// The `tariff` of this build: beside the test bundle (the products directory is the
    /// `.xctest`'s parent, whatever `--scratch-path` was), or `TARIFF_BINARY`.
    static func binary() throws -> URL {
        if let override = ProcessInfo.processInfo.environment["TARIFF_BINARY"] {
            return URL(fileURLWithPath: override)
        }
        var candidates: [URL] = []
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent())
        }
        if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for directory in candidates {
            let url = directory.appendingPathComponent("tariff")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw CLIError.noBinary(candidates.map(\.path))
    }

    enum CLIError: Error, CustomStringConvertible {
        case noBinary([String])
        var description: String {
            switch self {
            case let .noBinary(places): "no 'tariff' executable in " + places.joined(separator: ", ")
            }
        }
    }

    /// Runs `tariff arguments…`; standard output and error go to files, so a large output
    /// cannot block the child on a full pipe.
    static func run(_ arguments: [String], executable: URL? = nil, timeout: Double = 60) throws -> Output {
        let process = Process()
        process.executableURL = try executable ?? binary()
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        let scratch = try TemporaryDirectory()
        let outURL = scratch.url.appendingPathComponent("stdout"), errURL = scratch.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        let timedOut = finished.wait(timeout: .now() + timeout) == .timedOut
        if timedOut {
            process.terminate()
            finished.wait()
        }
        try out.close()
        try err.close()
        return Output(stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
                      status: process.terminationStatus, timedOut: timedOut)
    }
}

/// A directory under the system's temporary directory, removed when the value is released.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("tariff-robust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `bytes` to `name` in the directory and returns its path.
    func write(_ name: String, _ bytes: some Sequence<UInt8>) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file.path
    }

    func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }

    /// The names in the directory, sorted.
    var names: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() }
}
