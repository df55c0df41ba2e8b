import ArgumentParser
import TariffBilling
import TariffCore
import TariffYAML

extension Tariff {
    struct RunTests: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Run the rule tests written in YAML beside the rules (rules/tests/*.yaml).",
            discussion: """
            Each case names an account, an as-of date and what the rules must give: an invoice's lines and \
            totals, a decision (action:) or a quote (quote:). A failing case is printed with what was expected \
            and what the rules gave, amount by amount. The last line is 'N passed, M failed'. Exit status: 0 \
            every case passed (and, with --coverage, everything was exercised), 1 otherwise or when the rules \
            have errors, 2 when the test directory cannot be read.
            """
        )

        @Argument(help: "The directory of test files (*.yaml), or one test file; default: the rules directory's tests/.")
        var directory: String?

        @OptionGroup var options: RuleOptions

        @Flag(name: .long, help: "Also list every rule, table row and policy outcome that no test exercised.")
        var coverage = false

        func run() throws {
            var workspace = Workspace(options)
            let engine = try workspace.engine()
            let directory = self.directory ?? (options.rules.hasSuffix("/") ? options.rules + "tests" : options.rules + "/tests")
            // One file, as an analyst runs the file they edit, or every file of a directory.
            guard let files = Workspace.isFile(directory) ? [directory] : Workspace.ruleFiles(in: directory) else {
                workspace.report([.error("io.unreadable", "cannot read the test directory '\(directory)'", at: nil,
                                         hint: "pass the directory of test files or one of them, such as 'tariff test rules/tests'")])
                throw ExitStatus.badInput
            }
            guard !files.isEmpty else {
                workspace.report([.error("test.none", "no test files (*.yaml) in '\(directory)'", at: nil,
                                         hint: "write cases in \(directory)/invoices.yaml; see rules/tests/README.md")])
                throw ExitStatus.badInput
            }
            var cases: [RuleTestCase] = []
            var broken: [RuleTestResult] = []
            var sources = workspace.sources
            let limits = workspace.readLimits
            for file in files {
                switch DocumentReader.read(contentsOf: file, limits: limits) {
                case let .failure(error):
                    if let text = TextFile.read(file, limit: options.maxBytes) { sources[file] = text }
                    broken.append(RuleTestResult(name: file, position: SourcePosition(file: file, line: 1, column: 1),
                                                 status: .error(error.diagnostics)))
                case let .success(document):
                    sources[file] = document.text
                    var accounts: [String: String] = [:]
                    let contents = RuleTestFile.parse(document) { path in
                        let read = DocumentReader.read(contentsOf: path, limits: limits)
                        if case let .success(account) = read { accounts[path] = account.text }
                        return read
                    }
                    sources.merge(accounts) { first, _ in first }
                    cases += contents.cases
                    broken += contents.broken
                }
            }
            let report = RuleTestSuite(engine: engine).run(cases, broken: broken, coverage: coverage)
            let renderer = TestReportText(diagnostics: DiagnosticRenderer(sources: sources))
            print(renderer.results(report), terminator: "")
            var unexercised: [RuleCoverage.Item] = []
            if let recorded = report.coverage {
                unexercised = recorded.unexercised(in: engine.graph)
                print(renderer.coverage(recorded, graph: engine.graph), terminator: "")
            }
            print(report.summary)
            if report.failedCount > 0 || !unexercised.isEmpty { throw ExitCode(1) }
        }
    }
}
