import Foundation
@testable import tariff
import Testing

/// `tariff bill` as a batch filter: JSON Lines in (a file or standard input), one invoice line
/// per account out, in input order whatever the chunks and the workers; a bad account
/// reported on standard error (its place, its id, its line) without stopping the run;
/// `--shard K/N` splitting one input into disjoint runs whose union is the whole; a progress
/// line only when standard error is a terminal; memory flat however long the input.
/// (`PeerWorkloadTests` checks what the invoices say.)
@Suite("tariff bill")
struct BillCommandTests {
    static let bill = ["bill", "--rules", "Benchmarks/peer-rules"]

    static func id(_ index: Int) -> String {
        let digits = String(index)
        return "acct-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }

    /// Account `index` in the peers' shape: some with licenses added during the period, with
    /// numbers at home and abroad (with and without a verified address there), with credits.
    static func account(_ index: Int, plan: String? = nil) -> String {
        let plans = ["ESSENTIALS", "STANDARD", "ADVANCED", "ULTIMATE"]
        let countries = ["FR", "US", "GB", "DE"]
        let added = (0..<(index % 4)).map { day in
            let date = 2 + (day * 7 + index) % 27
            return #"{"date":"2024-02-"# + (date < 10 ? "0" : "") + "\(date)\"}"
        }
        let numbers = (0..<(index % 5)).map { number in
            #"{"e164":"+3361\#(index)\#(number)","country":"\#(countries[(index + number) % 4])"}"#
        }
        return #"{"id":"\#(id(index))","country":"\#(countries[index % 3])","plan":"\#(plan ?? plans[index % 4])","#
            + #""period":{"start":"2024-02-01","end":"2024-03-01"},"licenses":{"base":\#(index % 9),"added":[\#(added.joined(separator: ","))]},"#
            + #""numbers":[\#(numbers.joined(separator: ","))],"verified_address_countries":\#(index % 2 == 0 ? #"["US"]"# : "[]"),"#
            + #""credits":"\#(index % 6 == 0 ? "12.50" : "0.00")"}"#
    }

    /// `count` accounts, one per line, in a file of `directory`; its path.
    static func accounts(_ count: Int, in directory: TemporaryDirectory, named name: String = "accounts.jsonl") throws -> String {
        try directory.write(name, (0..<count).map { account($0) }.joined(separator: "\n") + "\n")
    }

    static func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    /// The `account_id` of each invoice line written with `--format peers`.
    static func ids(_ output: String) throws -> [String] {
        try lines(output).map { line in
            let invoice = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require(invoice["account_id"] as? String)
        }
    }

    @Test("invoices come out in input order, whatever the chunks and the workers")
    func inputOrderIsKept() throws {
        let directory = try TemporaryDirectory()
        let path = try Self.accounts(500, in: directory)
        let one = try RobustCLI.run(Self.bill + ["--format", "peers", "--jobs", "1", path])
        #expect(one.status == 0 && one.stderr.isEmpty, "\(one.stderr)")
        #expect(try Self.ids(one.stdout) == (0..<500).map(Self.id))
        for flags in [["--jobs", "2", "--chunk", "7"], ["--jobs", "3", "--chunk", "1"], ["--jobs", "8", "--chunk", "64"]] {
            let run = try RobustCLI.run(Self.bill + ["--format", "peers"] + flags + [path])
            #expect(run.status == 0 && run.stderr.isEmpty, "\(flags): \(run.stderr)")
            #expect(run.stdout == one.stdout, "\(flags)")
        }
    }

    @Test("standard input, '-' and a file give the same invoices; --output holds what standard output would")
    func inputsAndOutput() throws {
        let directory = try TemporaryDirectory()
        let path = try Self.accounts(50, in: directory)
        let fromFile = try RobustCLI.run(Self.bill + [path])
        #expect(fromFile.status == 0 && fromFile.stderr.isEmpty, "\(fromFile.stderr)")
        #expect(Self.lines(fromFile.stdout).count == 50)
        #expect(Self.lines(fromFile.stdout).allSatisfy { $0.hasPrefix(#"{"account":"acct-"#) })
        for arguments in [Self.bill, Self.bill + ["-"]] {
            let fromInput = try RobustCLI.run(arguments, input: path)
            #expect(fromInput.status == 0 && fromInput.stdout == fromFile.stdout, "\(arguments): \(fromInput.stderr)")
        }
        let target = directory.url.appendingPathComponent("invoices.jsonl").path
        let toFile = try RobustCLI.run(Self.bill + [path, "--output", target])
        #expect(toFile.status == 0 && toFile.stdout.isEmpty, "\(toFile.stderr)")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == fromFile.stdout)
        #expect(directory.names == ["accounts.jsonl", "invoices.jsonl"], "no temporary file is left")
    }

    @Test("a bad account gets an error line with its place, id and line number; the run bills the others and exits 2")
    func badAccountsAreReportedAndTheRunGoesOn() throws {
        let directory = try TemporaryDirectory()
        let misspelt = Self.account(2, plan: "ADVANCD")
        let text = [Self.account(0), #"{"id":"b2","country":"FR","#, misspelt, Self.account(3)].joined(separator: "\n") + "\n"
        let path = try directory.write("accounts.jsonl", text)
        let planColumn = misspelt.distance(from: misspelt.startIndex, to: try #require(misspelt.range(of: "\"ADVANCD\"")).lowerBound) + 1
        for (arguments, input, name) in [(Self.bill + [path], nil, path), (Self.bill, path, "<stdin>")] {
            let run = try RobustCLI.run(arguments + ["--format", "peers"], input: input)
            #expect(run.status == 2, "\(run.stderr)")
            #expect(try Self.ids(run.stdout) == [Self.id(0), Self.id(3)])
            #expect(Self.lines(run.stderr) == [
                "\(name):2:27: error: expected a string key in object, found end of input [json.syntax] (account without id, line 2)",
                "\(name):3:\(planColumn): error: unknown plan 'ADVANCD' in 'plan' [snapshot.not-allowed] (account '\(Self.id(2))', line 3); "
                    + "hint: did you mean 'ADVANCED'?",
            ])
        }
    }

    @Test("--shard K/N: the N runs are disjoint, their union is the whole run, each in input order")
    func shardsPartitionTheRun() throws {
        let directory = try TemporaryDirectory()
        let path = try Self.accounts(300, in: directory)
        let whole = Self.lines(try RobustCLI.run(Self.bill + ["--format", "peers", path]).stdout)
        #expect(whole.count == 300)
        var shardOfLine = [String: Int]()
        for shard in 0..<3 {
            let run = try RobustCLI.run(Self.bill + ["--format", "peers", "--shard", "\(shard)/3", path])
            #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
            let part = Self.lines(run.stdout)
            #expect(part.count > 50, "a shard of 300 accounts holds about 100: \(part.count)")
            // Each invoice is the whole run's, in the whole run's order.
            #expect(part == whole.filter(Set(part).contains))
            for (line, id) in zip(part, try Self.ids(run.stdout)) {
                #expect(shardOfLine.updateValue(shard, forKey: line) == nil, "\(id) is in two shards")
                #expect(Shard.fnv1a(id) % 3 == UInt64(shard), "\(id)")
            }
        }
        #expect(shardOfLine.count == whole.count)
    }

    /// The three example accounts as JSON lines, converted from their YAML by Python's
    /// PyYAML (`.ci/run` installs it); dates become text, as a JSON export writes them.
    static func exampleLines(in directory: TemporaryDirectory) throws -> String {
        let convert = "import json, sys, yaml\n"
            + "for path in sys.argv[1:]:\n"
            + "    print(json.dumps(yaml.safe_load(open(path)), default=str, separators=(',', ':')))"
        let names = ["acme", "globex", "initech"]
        let run = try PeerWorkloadTests.run("python3", ["-c", convert] + names.map { "examples/\($0).yaml" })
        #expect(run.status == 0, "\(run.stderr)")
        return try directory.write("examples.jsonl", run.stdout)
    }

    static func object(_ json: String) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? NSDictionary)
    }

    /// The billing rules (`rules/`) read each account's own `as_of` and find its id at
    /// `account.id`: a batch bills each example as `tariff preview` does, and shards them by
    /// that id.
    @Test("the examples billed in a batch are their previews; --shard finds a nested account.id")
    func examplesInABatch() throws {
        let directory = try TemporaryDirectory()
        let path = try Self.exampleLines(in: directory)
        let batch = try RobustCLI.run(["bill", "--rules", "rules", path])
        #expect(batch.status == 0 && batch.stderr.isEmpty, "\(batch.stderr)")
        let invoices = Self.lines(batch.stdout)
        #expect(invoices.count == 3)
        for (invoice, name) in zip(invoices, ["acme", "globex", "initech"]) {
            let preview = try RobustCLI.run(["preview", "examples/\(name).yaml", "--format", "json"])
            #expect(preview.status == 0, "\(preview.stderr)")
            #expect(try Self.object(invoice) == Self.object(preview.stdout), "\(name)")
        }
        #expect(invoices.first?.contains(#""total":"1122.47""#) == true, "\(invoices.first ?? "")")
        var billed: [String] = []
        for shard in 0..<2 {
            let run = try RobustCLI.run(["bill", "--rules", "rules", "--shard", "\(shard)/2", path])
            #expect(run.status == 0, "\(run.stderr)")
            for invoice in Self.lines(run.stdout) {
                let id = try #require(try Self.object(invoice)["account"] as? String)
                #expect(Shard.fnv1a(id) % 2 == UInt64(shard), "\(id)")
                billed.append(invoice)
            }
        }
        #expect(billed.sorted() == invoices.sorted())
    }

    @Test("the shard of an id is 64-bit FNV-1a of its UTF-8 modulo N, the same on every machine")
    func shardHashIsFNV1a() throws {
        // The published FNV-1a test vectors.
        #expect(Shard.fnv1a("") == 0xCBF2_9CE4_8422_2325)
        #expect(Shard.fnv1a("a") == 0xAF63_DC4C_8601_EC8C)
        #expect(Shard.fnv1a("foobar") == 0x8594_4171_F739_67E8)
        // …8C is 0 modulo 4: "a" is in shard 0 of 4, and in no other.
        #expect(try (0..<4).map { try #require(Shard("\($0)/4")).contains("a") } == [true, false, false, false])
        for text in ["4/4", "1/0", "-1/4", "1", "a/b", "1/2/3"] {
            #expect(Shard(text) == nil, "\(text)")
        }
    }

    static let script = "/usr/bin/script"

    @Test("a progress line on standard error when it is a terminal, none when it is not",
          .enabled(if: FileManager.default.isExecutableFile(atPath: script), "no util-linux script(1) to give it a terminal"))
    func progressOnlyOnATerminal() throws {
        let directory = try TemporaryDirectory()
        let path = try Self.accounts(300, in: directory)
        let piped = try RobustCLI.run(Self.bill + [path])
        #expect(piped.status == 0 && piped.stderr.isEmpty, "\(piped.stderr)")
        // script(1) runs the command on a terminal of its own and copies what it shows.
        let output = directory.url.appendingPathComponent("invoices.jsonl").path
        let command = "'\(try RobustCLI.binary().path)' bill --rules Benchmarks/peer-rules '\(path)' > '\(output)'"
        let terminal = try RobustCLI.run(["-qec", command, "/dev/null"], executable: URL(fileURLWithPath: Self.script))
        #expect(terminal.status == 0, "\(terminal.stdout)\(terminal.stderr)")
        #expect(terminal.stdout.contains("billed 300 of 300 accounts, 0 failed, 0 in other shards, "), "\(terminal.stdout)")
        #expect(try String(contentsOfFile: output, encoding: .utf8) == piped.stdout)
    }

    /// The peak resident memory of `tariff bill` over the file at `path`, in KiB: read by a
    /// Python parent from its one child's resource usage.
    static func peakMemory(billing path: String) throws -> Int {
        let measure = "import resource, subprocess, sys; "
            + "run = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
            + "print(run.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
        let run = try PeerWorkloadTests.run("python3", ["-c", measure, try RobustCLI.binary().path] + Self.bill
            + ["--format", "peers", "--chunk", "256", "--jobs", "2", path])
        let fields = run.stdout.split(whereSeparator: \.isWhitespace)
        #expect(run.status == 0 && fields.first == "0", "\(run.stdout)\(run.stderr)")
        return try #require(fields.last.flatMap { Int($0) }, "\(run.stdout)")
    }

    @Test("memory stays flat however long the input: twenty times the accounts, about the same peak")
    func memoryIsFlat() throws {
        let directory = try TemporaryDirectory()
        let few = try Self.accounts(2_000, in: directory, named: "few.jsonl")
        let many = try Self.accounts(40_000, in: directory, named: "many.jsonl")
        let manyBytes = try #require(try FileManager.default.attributesOfItem(atPath: many)[.size] as? Int)
        let fewPeak = try Self.peakMemory(billing: few), manyPeak = try Self.peakMemory(billing: many)
        // Holding the input, or the invoices, would add at least the input's size.
        #expect((manyPeak - fewPeak) * 1024 < manyBytes / 4,
                "peak \(fewPeak) KiB for 2,000 accounts, \(manyPeak) KiB for 40,000 (\(manyBytes) bytes of input)")
    }
}
