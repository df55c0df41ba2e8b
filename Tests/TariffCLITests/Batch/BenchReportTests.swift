import Foundation
import Testing

/// `tariff bench` reports what issue #5 asks of the benchmark, per file of accounts: µs per
/// account from a parsed snapshot to an invoice and from a JSON line to an invoice JSON line
/// (wall and CPU), allocations per account for both, and the rules' read and compile time; in
/// its table and in `--json`. The figures are not checked against any speed (no timed test):
/// only that each is measured and is a number of the right kind.
@Suite("tariff bench report")
struct BenchReportTests {
    static let compiler = "/usr/bin/cc"

    /// The allocation counter of `Benchmarks/malloc-counter`, built into `directory`.
    static func mallocCounter(in directory: TemporaryDirectory) throws -> String {
        let library = directory.url.appendingPathComponent("libmalloc_counter.so").path
        let source = RobustCLI.packageRoot.appendingPathComponent("Benchmarks/malloc-counter/malloc_counter.c").path
        let built = try RobustCLI.run(["-shared", "-fPIC", "-O2", "-o", library, source], executable: URL(fileURLWithPath: compiler))
        #expect(built.status == 0, "\(built.stderr)")
        return library
    }

    static func bench(_ files: [String], json: String, environment: [String: String] = [:]) throws -> RobustCLI.Output {
        try RobustCLI.run(["bench", "--rules", "Benchmarks/peer-rules", "--seconds", "0.01", "--runs", "1", "--json", json] + files,
                          environment: environment)
    }

    @Test("every measure for every file, in the table and in --json; allocations counted when the counter is preloaded",
          .enabled(if: FileManager.default.isExecutableFile(atPath: compiler), "no C compiler for the allocation counter"))
    func everyMeasureIsReported() throws {
        let directory = try TemporaryDirectory()
        let few = try BillCommandTests.accounts(20, in: directory, named: "few.jsonl")
        let more = try BillCommandTests.accounts(60, in: directory, named: "more.jsonl")
        let json = directory.url.appendingPathComponent("bench.json").path
        let counted = try Self.bench([few, more], json: json, environment: ["LD_PRELOAD": try Self.mallocCounter(in: directory)])
        #expect(counted.status == 0, "\(counted.stderr)")
        #expect(counted.stdout.contains("compile: read rule files "), "\(counted.stdout)")
        #expect(counted.stdout.contains("| size | accounts | parsed → invoice (µs/account, wall / CPU) | JSON line → invoice JSON "
            + "(µs/account, wall / CPU) | allocations/account, parsed | allocations/account, JSON |"), "\(counted.stdout)")
        #expect(counted.stdout.contains("\n| few | 20 | ") && counted.stdout.contains("\n| more | 60 | "), "\(counted.stdout)")
        #expect(!counted.stdout.contains("n/a"), "\(counted.stdout)")

        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        for key in ["read_ms", "compile_ms"] {
            #expect((report[key] as? Double).map { $0 > 0 } == true, "\(key): \(report[key] ?? "none")")
        }
        let sizes = try #require(report["sizes"] as? [[String: Any]])
        #expect(sizes.map { $0["size"] as? String } == ["few", "more"])
        #expect(sizes.map { $0["accounts"] as? Int } == [20, 60])
        for size in sizes {
            for key in ["parsed_us", "json_us", "parsed_cpu_us", "json_cpu_us"] {
                #expect((size[key] as? Double).map { $0 > 0 } == true, "\(key): \(size)")
            }
            // An invoice is a few objects (its lines share their allocations), not none and not thousands.
            for key in ["parsed_allocations", "json_allocations"] {
                #expect((size[key] as? Double).map { $0 >= 1 && $0 < 200 } == true, "\(key): \(size)")
            }
        }
    }

    @Test("without the counter, allocations are reported as not counted, never as zero")
    func allocationsNotCountedSaySo() throws {
        let directory = try TemporaryDirectory()
        let few = try BillCommandTests.accounts(20, in: directory, named: "few.jsonl")
        let json = directory.url.appendingPathComponent("bench.json").path
        let plain = try Self.bench([few], json: json)
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.contains("\n| few | 20 | ") && plain.stdout.contains(" | n/a | n/a |"), "\(plain.stdout)")
        #expect(plain.stdout.contains("Allocations not counted: preload Benchmarks/malloc-counter"), "\(plain.stdout)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let size = try #require((report["sizes"] as? [[String: Any]])?.first)
        #expect(size["parsed_allocations"] == nil || size["parsed_allocations"] is NSNull, "\(size)")
    }
}
