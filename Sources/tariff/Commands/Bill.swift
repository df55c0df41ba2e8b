import ArgumentParser
import Dispatch
import Synchronization
import TariffBilling
import TariffCore
import TariffYAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension BatchBiller.Format: ExpressibleByArgument {}

extension Tariff {
    struct Bill: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bill accounts in a batch: JSON Lines in, one invoice JSON line per account out.",
            discussion: """
            Reads one account snapshot per line (from ACCOUNTS, or standard input when it is absent or '-') \
            and writes one invoice per line, in input order, to standard output or --output (written \
            atomically: a temporary file renamed into place at the end). Accounts are billed in chunks on \
            every core; memory stays flat however long the input.

            A bad account (invalid JSON, a snapshot the rules reject, an evaluation error) gets an error line \
            on standard error, with its line number and id, and no invoice line; the run goes on. Exit status: \
            0 every account billed, 2 some account could not be billed or the input could not be read, \
            1 the rules have errors.

            --shard K/N bills only the accounts whose id (top-level 'id', else 'account.id') hashes to K \
            modulo N (64-bit FNV-1a of the id's UTF-8, K from 0), so N machines can split one input.
            """
        )

        @OptionGroup var options: RuleOptions

        @Argument(help: "The accounts, one JSON object per line; standard input when absent or '-'.")
        var accounts: String?

        @Option(name: .long, help: "Write the invoices to this file (atomically) instead of standard output.")
        var output: String?

        @Option(name: .long, help: "json (DESIGN.md's contract) or peers (the peers' canonical invoice).")
        var format: BatchBiller.Format = .json

        @Option(name: .long, help: "Evaluate as of this date (YYYY-MM-DD); defaults to each account's as_of.")
        var asOf: String?

        @Option(name: .long, help: "Bill only shard K of N (K from 0): accounts whose id hashes to K.")
        var shard: String?

        @Option(name: .long, help: "Worker threads (default: one per core).")
        var jobs: Int?

        @Option(name: .long, help: "Accounts per chunk handed to the workers.")
        var chunk: Int = 4096

        static let maxJobs = 1024

        func validate() throws {
            if let shard, Shard(shard) == nil {
                throw ValidationError("--shard must be K/N with 0 <= K < N, such as 0/4")
            }
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
            // Each worker has its own biller (a reader plan, a previous snapshot): a few per
            // core is the useful range, and a million of them took minutes before billing.
            if let jobs, jobs > Self.maxJobs { throw ValidationError("--jobs can be at most \(Self.maxJobs), not \(jobs)") }
            if chunk < 1 { throw ValidationError("--chunk must be at least 1") }
        }

        func run() throws {
            var workspace = Workspace(options)
            let engine = try workspace.engine()
            var date: CivilDate?
            if let asOf {
                guard let parsed = try? CivilDate(parsing: asOf) else {
                    workspace.report([.error("cli.as-of", "--as-of '\(asOf)' is not a date in the form YYYY-MM-DD", at: nil)])
                    throw ExitStatus.badInput
                }
                date = parsed
            }
            let path = accounts.flatMap { $0 == "-" ? nil : $0 }
            let fd: Int32
            if let path {
                fd = open(path, O_RDONLY)
                guard fd >= 0 else {
                    workspace.report([.error("io.unreadable", "cannot read '\(path)': \(String(cString: strerror(errno)))", at: nil)])
                    throw ExitStatus.badInput
                }
            } else {
                fd = 0
            }
            defer { if fd != 0 { close(fd) } }
            let sink: OutputSink
            do {
                sink = try output.map { path throws(OutputSink.SinkError) in try OutputSink(path: path) } ?? OutputSink()
            } catch {
                workspace.report([.error("io.unwritable", error.reason, at: nil)])
                throw ExitStatus.badInput
            }
            let workers = jobs ?? BatchRun.cores
            // Each worker bills with its own compiled copy of the rules (a fraction of a
            // millisecond each): threads that shared one copy would contend for the reference
            // counts of its objects, a cache line bouncing between cores on every account.
            var billers: [BatchBiller] = []
            for worker in 0..<workers {
                let copy = worker == 0 ? engine : try workspace.engine()
                billers.append(BatchBiller(engine: copy, format: format, asOf: date, limits: workspace.readLimits,
                                           shard: shard.flatMap(Shard.init), file: path ?? "<stdin>"))
            }
            var run = BatchRun(billers: billers, chunk: chunk, progress: isatty(2) == 1)
            let summary: BatchRun.Summary
            do {
                summary = try run.run(LineReader(fd: fd, maxLineBytes: workspace.readLimits.maxBytes), sink: sink)
                // Input that could not be read to its end leaves the previous output as it was.
                if summary.readFailure == nil { try sink.commit() } else { sink.abandon() }
            } catch {
                sink.abandon()
                workspace.report([.error("io.unwritable", error.reason, at: nil)])
                throw ExitStatus.badInput
            }
            if let failure = summary.readFailure {
                workspace.report([.error("io.unreadable", "cannot read '\(path ?? "standard input")': \(failure)", at: nil)])
                throw ExitStatus.badInput
            }
            if summary.failed > 0 { throw ExitStatus.badInput }
        }
    }
}

/// The chunked, ordered, parallel loop of `tariff bill`.
struct BatchRun {
    struct Summary {
        var lines = 0
        var billed = 0
        var skipped = 0
        var failed = 0
        var readFailure: String?
    }

    /// One per worker thread.
    let billers: [BatchBiller]
    var jobs: Int { billers.count }
    var biller: BatchBiller { billers[0] }
    let chunk: Int
    let progress: Bool

    static var cores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// What one worker produced for its slice of a chunk.
    private struct SliceResult: Sendable {
        var output: [UInt8] = []
        var billed = 0
        var skipped = 0
        var failures: [BatchBiller.Failure] = []
    }

    mutating func run(_ reader: LineReader, sink: OutputSink) throws(OutputSink.SinkError) -> Summary {
        var reader = reader
        var summary = Summary()
        let started = BenchClock.now()
        var lastProgress = started
        // Three chunks in flight: while the workers bill chunk k, this thread writes the
        // invoices of chunk k-1 and reads chunk k+1, so neither stalls the workers.
        var billing = read(&reader, &summary)
        var billed: [SliceResult] = []
        while !billing.isEmpty || !billed.isEmpty {
            let pending = billing.isEmpty ? nil : start(billing)
            var failure: OutputSink.SinkError?
            do throws(OutputSink.SinkError) {
                try write(billed, to: sink, &summary)
            } catch {
                failure = error
            }
            let next = billing.isEmpty ? [] : read(&reader, &summary)
            billed = pending?.wait() ?? []
            if let failure { throw failure }
            billing = next
            if progress {
                let now = BenchClock.now()
                if now - lastProgress >= 0.5 || (billing.isEmpty && billed.isEmpty) {
                    lastProgress = now
                    showProgress(summary, seconds: now - started)
                }
            }
        }
        if progress { StandardError.write("\n") }
        summary.readFailure = reader.failure
        return summary
    }

    /// The next chunk of lines, numbered from 1; empty at the end of the input.
    private func read(_ reader: inout LineReader, _ summary: inout Summary) -> [(Int, LineReader.Line)] {
        var lines: [(Int, LineReader.Line)] = []
        lines.reserveCapacity(chunk)
        while lines.count < chunk, let line = reader.next() {
            summary.lines += 1
            lines.append((summary.lines, line))
        }
        return lines
    }

    private func write(_ results: [SliceResult], to sink: OutputSink, _ summary: inout Summary) throws(OutputSink.SinkError) {
        for result in results {
            try sink.write(result.output)
            summary.billed += result.billed
            summary.skipped += result.skipped
            summary.failed += result.failures.count
            for failure in result.failures { report(failure) }
        }
    }

    /// A chunk being billed on the workers.
    private struct PendingChunk {
        let group: DispatchGroup
        let results: ResultSlots

        func wait() -> [SliceResult] {
            group.wait()
            return results.slots.withLock { $0 }
        }
    }

    private func start(_ lines: [(Int, LineReader.Line)]) -> PendingChunk {
        let group = DispatchGroup()
        let slices = min(jobs * 16, lines.count)
        let results = ResultSlots(count: slices)
        let run = self
        group.enter()
        DispatchQueue.global().async {
            run.process(lines, slices: slices, into: results)
            group.leave()
        }
        return PendingChunk(group: group, results: results)
    }

    /// Bills a chunk in `slices` contiguous slices, each result in its slice's slot. One
    /// worker per biller takes the next slice not yet taken, so a worker slowed down (by
    /// this thread reading the next chunk) takes fewer slices instead of holding up the chunk.
    private func process(_ lines: [(Int, LineReader.Line)], slices: Int, into results: ResultSlots) {
        let billers = self.billers
        let nextSlice = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(billers.count, slices)) { worker in
            let biller = billers[worker]
            var previous: Record?   // the snapshot this worker read last, recycled by the next read
            while true {
                let slice = nextSlice.add(1, ordering: .relaxed).oldValue
                guard slice < slices else { return }
                let range = (lines.count * slice / slices)..<(lines.count * (slice + 1) / slices)
                var result = SliceResult()
                result.output.reserveCapacity(range.count * 512)
                for (number, line) in lines[range] {
                    switch line {
                    case let .text(bytes):
                        switch biller.bill(bytes, number: number, into: &result.output, reusing: &previous) {
                        case .billed: result.billed += 1
                        case .skipped: result.skipped += 1
                        case let .failed(failure): result.failures.append(failure)
                        }
                    case let .oversized(length):
                        result.failures.append(BatchBiller.Failure(line: number, account: nil, diagnostics: [
                            .error("input.too-large", "line has \(length) bytes, more than \(biller.limits.maxBytes) (limit max-bytes)",
                                   at: nil, hint: "raise it with --max-bytes"),
                        ]))
                    }
                }
                results.slots.withLock { $0[slice] = result }
            }
        }
    }

    /// Each worker's result, set once by that worker.
    private final class ResultSlots: Sendable {
        let slots: Mutex<[SliceResult]>

        init(count: Int) { slots = Mutex([SliceResult](repeating: SliceResult(), count: count)) }
    }

    /// One line per diagnostic: `FILE:LINE:COL: error: MESSAGE [id] (account ID)`.
    private func report(_ failure: BatchBiller.Failure) {
        var text = ""
        for diagnostic in failure.diagnostics {
            let place = diagnostic.position.map(\.description) ?? "\(biller.file):\(failure.line)"
            text += "\(place): \(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.id)]"
            text += " (account \(failure.account.map { "'\($0)'" } ?? "without id"), line \(failure.line))"
            if let hint = diagnostic.hint { text += "; hint: \(hint)" }
            text += "\n"
        }
        StandardError.write(text)
    }

    private func showProgress(_ summary: Summary, seconds: Double) {
        let rate = seconds > 0 ? Int(Double(summary.billed) / seconds) : 0
        StandardError.write("\r\u{1B}[Kbilled \(summary.billed) of \(summary.lines) accounts, \(summary.failed) failed, "
            + "\(summary.skipped) in other shards, \(rate) accounts/s")
    }
}
