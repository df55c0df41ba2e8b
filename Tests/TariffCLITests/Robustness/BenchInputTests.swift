import Foundation
import Testing

/// `tariff bench` given nothing to measure, or numbers it cannot measure with, says so and
/// exits; it never crashes. Nor does `tariff bill` start more workers than it can use. (An empty accounts file divided by zero accounts, and a
/// `--seconds` of `nan` or `1e300` made a run length no integer holds: both stopped the
/// program.)
@Suite("bench input")
struct BenchInputTests {
    static func bench(_ arguments: [String]) throws -> RobustCLI.Output {
        try RobustCLI.run(["bench", "--rules", "Benchmarks/peer-rules", "--seconds", "0.01", "--runs", "1"] + arguments)
    }

    @Test("a file with no accounts is refused by name", arguments: ["", "\n\n"])
    func noAccounts(text: String) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("medium.jsonl", text)
        for flags in [[], ["--hand-written"]] {
            let output = try Self.bench(flags + [path])
            #expect(output.status == 2, "\(output.stderr)")
            #expect(output.firstError == "error: '\(path)' holds no accounts", "\(output.stderr)")
            #expect(output.stderr.contains("hint: one account per line, a JSON object each"), "\(output.stderr)")
        }
    }

    @Test("numbers the bench cannot measure with are refused before it starts", arguments: [
        (["--seconds", "nan"], "--seconds must be from 0 to 3600, not nan"),
        (["--seconds", "1e300"], "--seconds must be from 0 to 3600, not 1e+300"),
        (["--seconds=-1"], "--seconds must be from 0 to 3600, not -1.0"),
        (["--runs", "0"], "--runs must be at least 1, not 0"),
        (["--count", "0"], "--count must be at least 1, not 0"),
        (["--count=-5"], "--count must be at least 1, not -5"),
        (["--scale", "--scale-rules", "0"], "--scale-rules must be at least 1, not 0"),
        (["--scale", "--scale-rows=-3"], "--scale-rows must be at least 1, not -3"),
    ])
    func unmeasurableOptions(flags: [String], message: String) throws {
        try Self.refused(["bench", "--rules", "Benchmarks/peer-rules"] + flags + ["examples/none.jsonl"], message)
    }

    /// `tariff bill --jobs` beyond what a machine uses: each worker has a biller of its own,
    /// and 100,000 of them took 83 s to bill three accounts.
    @Test("bill refuses more workers than it can use", arguments: [
        (["--jobs", "100000"], "--jobs can be at most 1024, not 100000"),
        (["--jobs", "0"], "--jobs must be at least 1"),
    ])
    func billJobs(flags: [String], message: String) throws {
        try Self.refused(["bill", "--rules", "Benchmarks/peer-rules"] + flags + ["examples/none.jsonl"], message)
    }

    /// Regression: the bench kept its work from being optimized away with
    /// `precondition(sink != 42)`, `sink` the lines it had billed: one account of one line,
    /// measured 41 times after its warm-up pass, made 42 and stopped the program.
    @Test func anyNumberOfLinesIsMeasured() throws {
        let directory = try TemporaryDirectory()
        let account = #"{"id":"one","country":"FR","plan":"ADVANCED","period":{"start":"2024-04-01","end":"2024-05-01"},"#
            + #""licenses":{"base":1,"added":[]},"numbers":[],"verified_address_countries":[],"credits":"0.00"}"#
        let path = try directory.write("one.jsonl", account + "\n")
        let output = try RobustCLI.run(["bench", "--rules", "Benchmarks/peer-rules", "--seconds", "0", "--runs", "41", path])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("\n| one | 1 | "), "\(output.stdout)")
    }

    /// The generated rule set holds for the smallest sizes the flags take (its charges fell
    /// back to a row `k1`, which a one-row table has not).
    @Test("bench --scale with one rule and one row", arguments: [(1, 1), (2, 2), (10, 3)])
    func smallestScale(rules: Int, rows: Int) throws {
        let output = try RobustCLI.run(["bench", "--scale", "--scale-rules", String(rules), "--scale-rows", String(rows),
                                         "--seconds", "0.01", "--runs", "1"])
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains("a table of \(rows) rows"), "\(output.stdout)")
        #expect(output.stdout.contains("invoice total "), "\(output.stdout)")
    }

    static func refused(_ arguments: [String], _ message: String) throws {
        let output = try RobustCLI.run(arguments)
        #expect(output.status == 64, "\(output.stderr)")
        #expect(output.stderr.contains(message), "\(output.stderr)")
        #expect(output.stdout.isEmpty)
    }
}
