import Foundation

/// Runs the built `tariff` executable the way a user would: from the package root (so
/// `rules/` and `examples/…` resolve), capturing standard output, standard error and the
/// exit status.
enum CommandRunner {
    struct Output: Sendable {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    enum Failure: Error, CustomStringConvertible {
        case binaryNotFound([String])
        case unreadableOutput(String)

        var description: String {
            switch self {
            case let .binaryNotFound(places):
                "no 'tariff' executable in " + places.joined(separator: ", ")
                    + "; build it with 'swift build --product tariff' or set TARIFF_BINARY"
            case let .unreadableOutput(stream): "the command's \(stream) is not UTF-8"
            }
        }
    }

    /// The package root: the nearest directory above this file that holds `Package.swift`.
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

    /// Where the products of this build are: next to the test bundle (`…/debug/TariffPackageTests.xctest`),
    /// whatever scratch path the build used. `TARIFF_BINARY` overrides.
    static func binary() throws -> URL {
        if let override = ProcessInfo.processInfo.environment["TARIFF_BINARY"] {
            return URL(fileURLWithPath: override)
        }
        var candidates: [URL] = []
        // macOS: the bundle is loaded by `xctest`; its parent is the products directory.
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent())
        }
        // Linux: the `.xctest` is itself the executable running these tests.
        if let executable = Bundle.main.executableURL {
            candidates.append(executable.deletingLastPathComponent())
        }
        candidates.append(Bundle.main.bundleURL)
        candidates.append(packageRoot.appendingPathComponent(".build/debug"))
        for directory in candidates {
            let url = directory.appendingPathComponent("tariff")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw Failure.binaryNotFound(candidates.map(\.path))
    }

    /// Runs `tariff` with `arguments` and waits for it.
    static func run(_ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        // Files rather than pipes: a full pipe would block the child while we wait for it.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tariff-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        guard let stdout = String(data: try Data(contentsOf: outURL), encoding: .utf8) else {
            throw Failure.unreadableOutput("standard output")
        }
        guard let stderr = String(data: try Data(contentsOf: errURL), encoding: .utf8) else {
            throw Failure.unreadableOutput("standard error")
        }
        return Output(stdout: stdout, stderr: stderr, status: process.terminationStatus)
    }
}
