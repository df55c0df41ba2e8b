import ArgumentParser
import TariffBilling
import TariffCore
import TariffYAML

extension Tariff {
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure rule compile time and billing speed on JSON Lines files (one size per file).",
            discussion: """
            For each file (its name without .jsonl is the size): µs per account to bill an already decoded \
            snapshot (snapshot → Invoice, BillingEngine.preview), µs per account from a JSON line to an \
            invoice JSON line (what tariff bill does per account, on one thread), and heap allocations per \
            account for both when Benchmarks/malloc-counter is preloaded (LD_PRELOAD). Each figure is the \
            median of --runs runs of about --seconds each, inputs cycled. Also the rules' read and compile time.

            --scale generates a rule set of --scale-rules rules and a table of --scale-rows rows and reports \
            its read and compile time, the memory it takes, and a lookup in the big table against one in a \
            small table.

            --hand-written also times the peers' workload written by hand in Swift, with no engine, on the \
            same decoded snapshots (after checking it bills every account exactly as Tariff does): what the \
            interpreter's figures are measured against. Only for accounts of the peers' shape \
            (Benchmarks/peer-rules).
            """
        )

        @OptionGroup var options: RuleOptions

        @Argument(help: "JSON Lines files of accounts, such as data/small.jsonl data/medium.jsonl.")
        var files: [String] = []

        @Option(name: .long, help: "Seconds per run.") var seconds: Double = 1
        @Option(name: .long, help: "Runs per measurement; the median is reported.") var runs: Int = 3
        @Option(name: .long, help: "Accounts read from each file (at most).") var count: Int = 1000
        @Option(name: .long, help: "json or peers: the output format measured end to end.")
        var format: BatchBiller.Format = .peers
        @Option(name: .long, help: "Also write the results as JSON to this file.") var json: String?

        @Flag(name: .long, help: "Measure a generated rule set instead (see --scale-rules, --scale-rows).") var scale = false
        @Flag(name: .long, help: "Also time the peers' workload written by hand in Swift, with no engine.")
        var handWritten = false
        @Option(name: .long) var scaleRules: Int = 10_000
        @Option(name: .long) var scaleRows: Int = 10_000

        /// Numbers the bench measures with: a run length an integer count of accounts can
        /// hold, at least one run, one account and one generated rule and row.
        func validate() throws {
            guard seconds.isFinite, seconds >= 0, seconds <= 3600 else {
                throw ValidationError("--seconds must be from 0 to 3600, not \(seconds)")
            }
            for (flag, value) in [("runs", runs), ("count", count), ("scale-rules", scaleRules), ("scale-rows", scaleRows)] where value < 1 {
                throw ValidationError("--\(flag) must be at least 1, not \(value)")
            }
        }

        func run() throws {
            if scale { return try runScale() }
            var workspace = Workspace(options)
            let engine = try workspace.engine()
            let (readMs, compileMs) = try compileCost(workspace)
            let counted = BenchClock.allocations() != nil
            print("Tariff bench: rules \(options.rules) (\(engine.graph.rules.count) rules), 1 thread, median of \(runs) runs of ~\(seconds) s")
            print(String(format3("compile: read rule files %.3f ms, compile %.3f ms (median of 20)", readMs, compileMs)))
            print("")
            print("| size | accounts | parsed → invoice (µs/account, wall / CPU) | JSON line → invoice JSON (µs/account, wall / CPU) | allocations/account, parsed | allocations/account, JSON |")
            print("|---|---:|---:|---:|---:|---:|")
            var results: [String] = []
            var handWrittenRows: [String] = []
            for file in files {
                let size = Self.sizeName(file)
                guard let text = TextFile.read(file, limit: Int.max) else {
                    workspace.report([.error("io.unreadable", "cannot read '\(file)'", at: nil)])
                    throw ExitStatus.badInput
                }
                let lines = text.split(separator: "\n").prefix(count).map { Array($0.utf8) }
                guard !lines.isEmpty else {
                    workspace.report([.error("bench.no-accounts", "'\(file)' holds no accounts", at: nil,
                                             hint: "one account per line, a JSON object each, such as the peers' data/medium.jsonl")])
                    throw ExitStatus.badInput
                }
                let biller = BatchBiller(engine: engine, format: format, asOf: nil, limits: workspace.readLimits, shard: nil, file: file)
                var records: [Record] = []
                for (index, line) in lines.enumerated() {
                    guard case let .success(document) = JSONReader.read(bytes: line, file: file, limits: workspace.readLimits),
                          case let .success(record) = biller.decoder.decode(document) else {
                        workspace.report([.error("bench.bad-account", "line \(index + 1) of '\(file)' does not bill; check it with tariff bill", at: nil)])
                        throw ExitStatus.badInput
                    }
                    records.append(record)
                }
                let asOf = BatchBiller.unusedAsOf
                var sink = 0
                let parsed = measure(records.count) { index in
                    if case let .success(preview) = engine.preview(records[index], asOf: asOf) { sink &+= preview.invoice.lineValues.count }
                }
                var handWrittenTime: (wall: Double, cpu: Double)?
                if handWritten {
                    let accounts = try handWrittenAccounts(records, engine: engine, file: file, workspace: workspace)
                    handWrittenTime = measure(accounts.count) { index in
                        if let invoice = HandWrittenPeerInvoice(accounts[index], prices: .peers) { sink &+= invoice.lines.count }
                    }
                }
                var out: [UInt8] = []
                out.reserveCapacity(1 << 20)
                // As a `tariff bill` worker does: each read recycles the snapshot read before.
                var previous: Record?
                let endToEnd = measure(lines.count) { index in
                    if out.count > 1 << 20 { out.removeAll(keepingCapacity: true) }
                    _ = biller.bill(lines[index], number: index + 1, into: &out, reusing: &previous)
                }
                let parsedAllocations = allocationsPerAccount(records.count) { index in
                    if case let .success(preview) = engine.preview(records[index], asOf: asOf) { sink &+= preview.invoice.lineValues.count }
                }
                let jsonAllocations = allocationsPerAccount(lines.count) { index in
                    out.removeAll(keepingCapacity: true)
                    _ = biller.bill(lines[index], number: index + 1, into: &out, reusing: &previous)
                }
                BenchClock.keep(sink)
                print("| \(size) | \(lines.count) | \(Self.format(parsed.wall)) / \(Self.format(parsed.cpu)) | \(Self.format(endToEnd.wall)) / \(Self.format(endToEnd.cpu)) | "
                    + "\(parsedAllocations.map { String(format1($0)) } ?? "n/a") | \(jsonAllocations.map { String(format1($0)) } ?? "n/a") |")
                if let handWrittenTime {
                    handWrittenRows.append("| \(size) | \(Self.format(handWrittenTime.wall)) / \(Self.format(handWrittenTime.cpu)) | "
                        + "\(Self.format(parsed.cpu)) | \(format1(parsed.cpu / handWrittenTime.cpu))× |")
                }
                let handWrittenFields = handWrittenTime.map { #","hand_written_us":\#($0.wall),"hand_written_cpu_us":\#($0.cpu)"# } ?? ""
                results.append(#"{"size":"\#(size)","accounts":\#(lines.count),"parsed_us":\#(parsed.wall),"json_us":\#(endToEnd.wall),"#
                    + #""parsed_cpu_us":\#(parsed.cpu),"json_cpu_us":\#(endToEnd.cpu),"#
                    + #""parsed_allocations":\#(parsedAllocations.map { "\($0)" } ?? "null"),"json_allocations":\#(jsonAllocations.map { "\($0)" } ?? "null")"#
                    + handWrittenFields + "}")
            }
            if !handWrittenRows.isEmpty {
                print("")
                print("The same workload written by hand in Swift (HandWrittenPeerInvoice: structs, integer cents, no engine), same snapshots:")
                print("")
                print("| size | hand-written, parsed → invoice (µs/account, wall / CPU) | Tariff, parsed → invoice (µs/account, CPU) | Tariff ÷ hand-written (CPU) |")
                print("|---|---:|---:|---:|")
                handWrittenRows.forEach { print($0) }
            }
            if !counted {
                print("\nAllocations not counted: preload Benchmarks/malloc-counter (see malloc_counter.c).")
            }
            if let json {
                let text = #"{"rules":"\#(options.rules)","read_ms":\#(readMs),"compile_ms":\#(compileMs),"sizes":[\#(results.joined(separator: ","))]}"# + "\n"
                guard let sink = try? OutputSink(path: json), (try? sink.write(Array(text.utf8))) != nil, (try? sink.commit()) != nil else {
                    workspace.report([.error("io.unwritable", "cannot write '\(json)'", at: nil)])
                    throw ExitStatus.badInput
                }
            }
        }

        /// The decoded snapshots as the hand-written workload's accounts, once it is checked to
        /// bill each of them exactly as Tariff does (else it would time something else).
        private func handWrittenAccounts(_ records: [Record], engine: BillingEngine, file: String,
                                         workspace: Workspace) throws -> [HandWrittenPeerInvoice.Account] {
            var accounts: [HandWrittenPeerInvoice.Account] = []
            for (index, record) in records.enumerated() {
                guard let account = HandWrittenPeerInvoice.Account(record),
                      let invoice = HandWrittenPeerInvoice(account, prices: .peers),
                      case let .success(preview) = engine.preview(record, asOf: BatchBiller.unusedAsOf) else {
                    workspace.report([.error("bench.hand-written-shape", "line \(index + 1) of '\(file)' is not an account the hand-written workload reads",
                                             at: nil, hint: "--hand-written times Benchmarks/peer-rules' workload on the peers' generated accounts "
                                                 + "(their shape, a plan of its table, credits in whole cents)")])
                    throw ExitStatus.badInput
                }
                let differences = invoice.differences(from: preview.invoice)
                guard differences.isEmpty else {
                    workspace.report([.error("bench.hand-written-disagrees",
                                             "the hand-written workload bills line \(index + 1) of '\(file)' otherwise than Tariff: "
                                             + differences.prefix(3).joined(separator: "; "), at: nil,
                                             hint: "are the rules Benchmarks/peer-rules, with its prices?")])
                    throw ExitStatus.badInput
                }
                accounts.append(account)
            }
            return accounts
        }

        /// Median of 20 reads and compiles of the rules, in ms.
        private func compileCost(_ workspace: Workspace) throws -> (Double, Double) {
            guard let files = Workspace.ruleFiles(in: options.rules) else { throw ExitStatus.badInput }
            var reads: [Double] = []
            var compiles: [Double] = []
            for _ in 0..<20 {
                var documents: [SourceDocument] = []
                reads.append(BenchClock.seconds {
                    documents = files.compactMap { try? DocumentReader.read(contentsOf: $0, limits: workspace.readLimits).get() }
                })
                compiles.append(BenchClock.seconds {
                    _ = BillingEngine.compile(documents, limits: workspace.compileLimits)
                })
            }
            return (BenchClock.median(reads) * 1e3, BenchClock.median(compiles) * 1e3)
        }

        /// Median µs per account, wall clock and this thread's CPU time, over `runs` runs of
        /// about `seconds` each, cycling the inputs.
        private func measure(_ inputs: Int, _ body: (Int) -> Void) -> (wall: Double, cpu: Double) {
            // Calibrate: one pass over the inputs (also the warm-up).
            let once = BenchClock.seconds { for index in 0..<inputs { body(index) } }
            let perAccount = max(once / Double(inputs), 1e-9)
            let k = max(inputs, Int(seconds / perAccount))
            var walls: [Double] = []
            var cpus: [Double] = []
            for _ in 0..<max(1, runs) {
                let cpu = BenchClock.cpuNow()
                let elapsed = BenchClock.seconds { for index in 0..<k { body(index % inputs) } }
                cpus.append((BenchClock.cpuNow() - cpu) / Double(k) * 1e6)
                walls.append(elapsed / Double(k) * 1e6)
            }
            return (BenchClock.median(walls), BenchClock.median(cpus))
        }

        private func allocationsPerAccount(_ inputs: Int, _ body: (Int) -> Void) -> Double? {
            guard let before = BenchClock.allocations() else { return nil }
            for index in 0..<inputs { body(index) }
            guard let after = BenchClock.allocations() else { return nil }
            return Double(after - before) / Double(inputs)
        }

        static func sizeName(_ file: String) -> String {
            var name = String(file.split(separator: "/").last ?? Substring(file))
            if name.hasSuffix(".jsonl") { name.removeLast(6) }
            return name
        }

        static func format(_ micros: Double) -> String {
            micros >= 100 ? String(Int(micros.rounded())) : String(format2(micros))
        }

        // MARK: --scale

        private func runScale() throws {
            let yaml = ScaleRuleSet.yaml(rules: scaleRules, rows: scaleRows)
            let limits = ReadLimits(maxBytes: max(options.maxBytes, yaml.utf8.count + 1), maxDepth: options.maxDepth,
                                    maxAliasExpansion: options.maxAliasExpansion, maxListLength: options.maxListLength)
            let rssBefore = BenchClock.memoryKB("VmRSS") ?? 0
            var document: SourceDocument?
            var cpu = BenchClock.cpuNow()
            let read = BenchClock.seconds { document = try? YAMLReader.read(yaml, file: "scale.yaml", limits: limits).get() }
            let readCPU = BenchClock.cpuNow() - cpu
            guard let document else {
                StandardError.write("the generated rules do not read\n")
                throw ExitStatus.ruleErrors
            }
            let rssRead = BenchClock.memoryKB("VmRSS") ?? 0
            var compiled: Result<BillingEngine, DiagnosticError>?
            cpu = BenchClock.cpuNow()
            let compile = BenchClock.seconds { compiled = BillingEngine.compile([document]) }
            let compileCPU = BenchClock.cpuNow() - cpu
            guard case let .success(engine)? = compiled else {
                if case let .failure(error)? = compiled {
                    StandardError.write(DiagnosticRenderer(sources: ["scale.yaml": yaml]).render(Array(error.diagnostics.prefix(5))))
                }
                throw ExitStatus.ruleErrors
            }
            let rssCompiled = BenchClock.memoryKB("VmRSS") ?? 0
            let snapshotText = ScaleRuleSet.snapshot(rows: scaleRows, items: 100)
            guard case let .success(snapshotDocument) = JSONReader.read(snapshotText, file: "scale.json"),
                  case let .success(record) = engine.decoder.decode(snapshotDocument) else { throw ExitStatus.badInput }
            var evaluation: Result<BillingEngine.Preview, EvaluationError>?
            let evaluate = BenchClock.seconds { evaluation = engine.preview(record, asOf: BatchBiller.unusedAsOf) }
            guard case let .success(preview)? = evaluation else {
                if case let .failure(error)? = evaluation { StandardError.write(error.description + "\n") }
                throw ExitStatus.badInput
            }
            print("Tariff bench --scale: \(engine.graph.rules.count) rules, a table of \(scaleRows) rows (\(yaml.utf8.count / 1024) KiB of YAML)")
            print("")
            print("| step | wall | CPU | memory (RSS growth) |")
            print("|---|---:|---:|---:|")
            print("| read YAML (Yams, positions kept) | \(format1(read * 1e3)) ms | \(format1(readCPU * 1e3)) ms | \((rssRead - rssBefore) / 1024) MiB |")
            print("| compile (check, order, lower) | \(format1(compile * 1e3)) ms | \(format1(compileCPU * 1e3)) ms | \((rssCompiled - rssRead) / 1024) MiB |")
            print("| evaluate once (every rule, 100 items) | \(format1(evaluate * 1e3)) ms | | |")
            print("")
            print("peak RSS \((BenchClock.memoryKB("VmHWM") ?? 0) / 1024) MiB; invoice total \(preview.invoice.total)")
            print("")
            try lookupCost()
        }

        /// `table[key]` with a key from the snapshot: a 10,000-row table against a 4-row one.
        private func lookupCost() throws {
            var lines = ["| table rows | µs per lookup, CPU (1,000 per evaluation) |", "|---:|---:|"]
            for rows in [4, scaleRows] {
                let yaml = """
                tariff: 1
                currency: EUR
                rounding: { mode: half-up, scale: 2 }
                input: { keys: [string] }
                tables:
                  price:
                    type: money
                    rows:
                \((0..<rows).map { "      k\($0): 1.00" }.joined(separator: "\n"))
                rules:
                  - id: total
                    kind: value
                    value: keys.sum(k, price[k] ?? price.k0)

                """
                guard case let .success(document) = YAMLReader.read(yaml, file: "lookup.yaml", limits: .init(maxBytes: 1 << 26)),
                      case let .success(engine) = BillingEngine.compile([document]) else { throw ExitStatus.ruleErrors }
                let keys = (0..<1000).map { #""k\#(($0 * 7919) % rows)""# }.joined(separator: ",")
                guard case let .success(snapshot) = JSONReader.read(#"{"keys":[\#(keys)]}"#, file: "keys.json"),
                      case let .success(record) = engine.decoder.decode(snapshot) else { throw ExitStatus.badInput }
                var sink = 0
                let micros = measure(1) { _ in
                    if case .success = engine.graph.evaluate(record, asOf: BatchBiller.unusedAsOf) { sink &+= 1 }
                }
                guard sink > 0 else {
                    StandardError.write("the generated lookup rules did not evaluate\n")
                    throw ExitStatus.ruleErrors
                }
                lines.append("| \(rows) | \(String(format3(micros.cpu / 1000))) |")
            }
            print(lines.joined(separator: "\n"))
        }
    }
}

/// Fixed-point text without Foundation's String(format:).
func format1(_ value: Double) -> String { fixed(value, 1) }
func format2(_ value: Double) -> String { fixed(value, 2) }
func format3(_ value: Double) -> String { fixed(value, 3) }
func format3(_ template: String, _ a: Double, _ b: Double) -> String {
    var parts = template.split(separator: "%", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 3 else { return template }
    parts[1] = fixed(a, 3) + parts[1].dropFirst(3)
    parts[2] = fixed(b, 3) + parts[2].dropFirst(3)
    return parts.joined()
}

private func fixed(_ value: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = Int64((abs(value) * scale).rounded())
    let whole = scaled / Int64(scale)
    let fraction = String(scaled % Int64(scale)).leftPadded(digits)
    return (value < 0 ? "-" : "") + "\(whole)" + (digits > 0 ? "." + fraction : "")
}
