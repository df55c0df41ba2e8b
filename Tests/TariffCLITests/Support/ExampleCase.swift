import Foundation
import Testing

/// One case of `examples/cases/` (the format is described in `examples/README.md`):
/// `NAME.args` holds the arguments after `tariff` on one line, `NAME.expected` the exact
/// standard output, `NAME.status` the exit status when it is not 0, and `NAME.stderr`,
/// when present, the exact standard error.
struct ExampleCase: Sendable, CustomTestStringConvertible {
    var name: String
    var arguments: [String]
    var expected: String
    var status: Int32
    var stderr: String?

    var testDescription: String { name }

    static let directory = CommandRunner.packageRoot.appendingPathComponent("examples/cases")

    /// Every case, sorted by name; a case that cannot be read becomes one that fails with
    /// the reason, so a broken case is never skipped silently.
    static let all: [ExampleCase] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".args") }.map { String($0.dropLast(".args".count)) }.sorted().map { name in
            do {
                return try ExampleCase(name: name)
            } catch {
                return ExampleCase(name: name, arguments: [], expected: "unreadable case: \(error)", status: -1, stderr: nil)
            }
        }
    }()

    init(name: String, arguments: [String], expected: String, status: Int32, stderr: String?) {
        self.name = name
        self.arguments = arguments
        self.expected = expected
        self.status = status
        self.stderr = stderr
    }

    enum Problem: Error, CustomStringConvertible {
        case arguments(String)
        case status(String)

        var description: String {
            switch self {
            case let .arguments(text): "the .args file must hold one line of space-separated arguments, without quotes: \(text)"
            case let .status(text): "the .status file must hold one integer: \(text)"
            }
        }
    }

    init(name: String) throws {
        func read(_ suffix: String) throws -> String? {
            let url = Self.directory.appendingPathComponent(name + suffix)
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
            return try String(contentsOf: url, encoding: .utf8)
        }
        let line = try read(".args") ?? ""
        let body = line.hasSuffix("\n") ? String(line.dropLast()) : line
        guard !body.isEmpty, !body.contains("\n"), !body.contains("\""), !body.contains("'") else {
            throw Problem.arguments(line)
        }
        self.name = name
        arguments = body.split(separator: " ").map(String.init)
        expected = try read(".expected") ?? ""
        if let text = try read(".status") {
            guard let value = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw Problem.status(text) }
            status = value
        } else {
            status = 0
        }
        stderr = try read(".stderr")
    }
}
