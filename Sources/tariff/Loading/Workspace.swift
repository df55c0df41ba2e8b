import ArgumentParser
import TariffBilling
import TariffCore
import TariffYAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Exit statuses, one meaning each.
enum ExitStatus {
    static let ruleErrors = ExitCode(1)
    static let badInput = ExitCode(2)
    static let denied = ExitCode(3)
}

/// Reads rules and snapshots for a command and reports problems the compiler's way, on
/// standard error, with the exit status that fits.
struct Workspace {
    let options: RuleOptions
    var sources: [String: String] = [:]
    /// The snapshot read last, so an evaluation failure about one of its values can point
    /// at that value's line and column.
    var snapshotDocument: SourceDocument?

    init(_ options: RuleOptions) {
        self.options = options
    }

    var readLimits: ReadLimits {
        ReadLimits(maxBytes: options.maxBytes, maxDepth: options.maxDepth, maxAliasExpansion: options.maxAliasExpansion,
                   maxListLength: options.maxListLength)
    }

    var compileLimits: CompileLimits {
        CompileLimits(expressionDepth: options.maxExpressionDepth, evaluationSteps: options.maxSteps)
    }

    /// Whether `path` is a plain file (links followed).
    static func isFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// The rule files of a directory: `*.yaml` and `*.yml` directly in it, sorted by name.
    static func ruleFiles(in directory: String) -> [String]? {
        guard let dir = opendir(directory) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.hasSuffix(".yaml") || name.hasSuffix(".yml") { names.append(name) }
        }
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        return names.sorted().map { base + $0 }
    }

    /// Reads and compiles the rules, or exits: 2 when they cannot be read, 1 on errors.
    mutating func engine() throws -> BillingEngine {
        guard let files = Self.ruleFiles(in: options.rules) else {
            report([.error("io.unreadable", "cannot read the rules directory '\(options.rules)'", at: nil,
                           hint: "pass --rules DIR, or run from a directory that has rules/")])
            throw ExitStatus.badInput
        }
        // Nothing to compile is an input problem (status 2), like an unreadable directory:
        // status 1 means rules that exist have errors.
        guard !files.isEmpty else {
            report([.error("io.no-rules", "no rule files (*.yaml, *.yml) in '\(options.rules)'", at: nil,
                           hint: "pass --rules DIR naming the directory of rule files")])
            throw ExitStatus.badInput
        }
        var documents: [SourceDocument] = []
        var problems: [Diagnostic] = []
        for file in files {
            switch DocumentReader.read(contentsOf: file, limits: readLimits) {
            case let .success(document):
                sources[file] = document.text
                documents.append(document)
            case let .failure(error):
                remember(file)
                problems += error.diagnostics
            }
        }
        if problems.contains(where: { $0.id.hasPrefix("io.") || $0.id.hasPrefix("input.") }) {
            report(problems)
            throw ExitStatus.badInput
        }
        switch BillingEngine.compile(documents, limits: compileLimits) {
        case let .success(engine) where problems.isEmpty:
            return engine
        case .success:
            report(problems)
        case let .failure(error):
            report(problems + error.diagnostics)
            if problems.isEmpty, error.diagnostics.map(\.id) == ["rules.none"] { throw ExitStatus.badInput }
        }
        throw ExitStatus.ruleErrors
    }

    /// Reads a snapshot document into the rules' input type, or exits with status 2.
    mutating func snapshot(_ path: String, engine: BillingEngine) throws -> (Record, SourceDocument) {
        let document: SourceDocument
        switch DocumentReader.read(contentsOf: path, limits: readLimits) {
        case let .success(read): document = read
        case let .failure(error):
            remember(path)
            report(error.diagnostics)
            throw ExitStatus.badInput
        }
        sources[path] = document.text
        snapshotDocument = document
        var decoder = engine.decoder
        decoder.maxListLength = options.maxListLength
        switch decoder.decode(document) {
        case let .success(record): return (record, document)
        case let .failure(error):
            report(error.diagnostics)
            throw ExitStatus.badInput
        }
    }

    /// The as-of date: the flag, else the snapshot's top-level `as_of`.
    func asOf(_ flag: String?, document: SourceDocument) throws -> CivilDate {
        if let flag {
            guard let date = try? CivilDate(parsing: flag) else {
                report([.error("cli.as-of", "--as-of '\(flag)' is not a date in the form YYYY-MM-DD", at: nil)])
                throw ExitStatus.badInput
            }
            return date
        }
        guard let node = document.root["as_of"], let text = node.scalar else {
            report([.error("cli.as-of", "no as-of date", at: document.root.position,
                           hint: "pass --as-of YYYY-MM-DD, or add 'as_of: 2026-04-30' to the snapshot")])
            throw ExitStatus.badInput
        }
        guard let date = try? CivilDate(parsing: text) else {
            report([.error("snapshot.type", "as_of '\(text)' is not a date in the form YYYY-MM-DD", at: node.position,
                           length: text.count)])
            throw ExitStatus.badInput
        }
        return date
    }

    /// Reports an evaluation failure and exits with status 2: the rules were fine, the
    /// data could not be billed. Nothing partial is printed.
    func fail(_ error: EvaluationError) -> ExitCode {
        report([located(error)])
        return ExitStatus.badInput
    }

    /// The failure's diagnostic, placed at the snapshot value it is about when it names
    /// one (an invariant broken by `account.licenses[3].removed`), with the rule that
    /// checked it as a note.
    func located(_ error: EvaluationError) -> Diagnostic {
        var diagnostic = error.diagnostic
        guard let path = error.snapshotPath, let node = snapshotDocument?.root.node(atPath: path) else { return diagnostic }
        diagnostic.position = node.position
        diagnostic.length = max(1, node.scalar?.count ?? 1)
        diagnostic.notes = [.init("'\(path)' is checked here", at: error.position)]
        return diagnostic
    }

    private mutating func remember(_ file: String) {
        if sources[file] == nil, let text = TextFile.read(file, limit: options.maxBytes) {
            sources[file] = text
        }
    }

    func report(_ diagnostics: [Diagnostic]) {
        StandardError.write(DiagnosticRenderer(sources: sources).render(diagnostics))
    }
}

/// Writes to standard error.
enum StandardError {
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(2, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }
}

/// Reads a small text file for quoting in diagnostics; nil when it is unreadable, too
/// large or not UTF-8.
enum TextFile {
    static func read(_ path: String, limit: Int) -> String? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes += buffer[0..<count]
            if bytes.count > limit { return nil }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
