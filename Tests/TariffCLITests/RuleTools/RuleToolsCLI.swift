import Foundation
import Testing

/// Runs the built `tariff` (and the outside tools the rule-tool tests use: python3,
/// chromium) from the package root, as an analyst would, capturing output and status.
enum RuleToolsCLI {
    struct Output {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// The package root, found by ``CommandRunner``.
    static var packageRoot: URL { CommandRunner.packageRoot }

    /// The `tariff` of this build, found by ``CommandRunner``.
    static func binary() throws -> URL { try CommandRunner.binary() }

    /// `tariff arguments…`.
    static func tariff(_ arguments: [String]) throws -> Output {
        try run(try binary(), arguments)
    }

    /// A program found on PATH, or nil when there is none.
    static func tool(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs `executable` from the package root; ends it after `timeout` seconds.
    static func run(_ executable: URL, _ arguments: [String], timeout: TimeInterval = 120) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        // Files, not pipes: a full pipe would block the child while we wait for it.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tariff-rule-tools-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            Issue.record("\(executable.lastPathComponent) \(arguments.joined(separator: " ")) took more than \(Int(timeout)) s")
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Output(stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
                      status: process.terminationStatus)
    }

    /// A fresh directory under the system's temporary one.
    static func temporaryDirectory(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tariff-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The rule files of `rules/` (not its tests or schemas) copied to `directory`, each
    /// passed through `edit`.
    static func copyRules(to directory: URL, edit: (String, String) -> String = { $1 }) throws {
        let rules = packageRoot.appendingPathComponent("rules")
        for name in try FileManager.default.contentsOfDirectory(atPath: rules.path) where name.hasSuffix(".yaml") {
            let text = try String(contentsOf: rules.appendingPathComponent(name), encoding: .utf8)
            try edit(name, text).write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
    }
}
