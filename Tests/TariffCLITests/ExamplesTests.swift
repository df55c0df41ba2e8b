import Foundation
import Testing

/// Every case of `examples/cases/` through the built `tariff`: standard output byte for byte
/// and the exit status (and standard error where the case records it).
@Suite("Examples")
struct ExamplesTests {
    @Test(arguments: ExampleCase.all)
    func example(_ example: ExampleCase) throws {
        let output = try CommandRunner.run(example.arguments)
        #expect(output.stdout == example.expected, "standard output of 'tariff \(example.arguments.joined(separator: " "))'")
        #expect(output.status == example.status,
                "exit status of 'tariff \(example.arguments.joined(separator: " "))'; standard error: \(output.stderr)")
        if let stderr = example.stderr {
            #expect(output.stderr == stderr, "standard error of 'tariff \(example.arguments.joined(separator: " "))'")
        } else if example.status == 0 {
            #expect(output.stderr.isEmpty, "a successful case prints nothing on standard error")
        }
    }

    /// Every file of `examples/cases/` belongs to a case, and every case has its expected output.
    @Test func casesAreComplete() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: ExampleCase.directory.path)
        let names = Set(files.filter { $0.hasSuffix(".args") }.map { String($0.dropLast(".args".count)) })
        #expect(names.count >= 30)
        for file in files {
            guard let dot = file.firstIndex(of: ".") else {
                Issue.record("'\(file)' has no suffix")
                continue
            }
            let (name, suffix) = (String(file[..<dot]), String(file[dot...]))
            #expect([".args", ".expected", ".status", ".stderr"].contains(suffix), "unexpected file '\(file)'")
            #expect(names.contains(name), "'\(file)' has no '\(name).args'")
        }
        for name in names {
            #expect(files.contains(name + ".expected"), "case '\(name)' has no '\(name).expected'")
        }
    }

    /// Every snapshot in `examples/` is used by some case, and declares its schema first.
    @Test func everySnapshotIsExercised() throws {
        let examples = CommandRunner.packageRoot.appendingPathComponent("examples")
        let snapshots = try FileManager.default.contentsOfDirectory(atPath: examples.path).filter { $0.hasSuffix(".yaml") }
        #expect(!snapshots.isEmpty)
        let used = Set(ExampleCase.all.flatMap(\.arguments))
        for snapshot in snapshots {
            #expect(used.contains("examples/" + snapshot), "no case runs examples/\(snapshot)")
            let text = try String(contentsOf: examples.appendingPathComponent(snapshot), encoding: .utf8)
            #expect(text.hasPrefix("# yaml-language-server: $schema=../rules/schema/snapshot.schema.json\n"),
                    "examples/\(snapshot) starts with the schema line")
        }
    }
}
