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

    /// The package root, found by ``CommandRunner``.
    static var packageRoot: URL { CommandRunner.packageRoot }

    /// The fixtures of the bad-input catalog, relative to the package root as the CLI
    /// prints them.
    static let badInputs = "Tests/TariffCLITests/BadInputs"

    /// The `tariff` of this build, found by ``CommandRunner``.
    static func binary() throws -> URL { try CommandRunner.binary() }

    /// Runs `tariff arguments…`; standard output and error go to files, so a large output
    /// cannot block the child on a full pipe. Standard input is the file at `input`, else
    /// empty; `environment` adds to this process's.
    static func run(_ arguments: [String], executable: URL? = nil, input: String? = nil, environment: [String: String] = [:],
                    timeout: Double = 60) throws -> Output {
        let process = Process()
        process.executableURL = try executable ?? binary()
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.currentDirectoryURL = packageRoot
        let scratch = try TemporaryDirectory()
        let outURL = scratch.url.appendingPathComponent("stdout"), errURL = scratch.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        let stdin = try input.map { try FileHandle(forReadingFrom: URL(fileURLWithPath: $0)) }
        defer { try? stdin?.close() }
        process.standardInput = stdin ?? FileHandle.nullDevice
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
