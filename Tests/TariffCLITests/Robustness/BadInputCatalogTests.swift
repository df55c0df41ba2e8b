import Foundation
import Testing

/// One malformed input and what `tariff` must answer: the first line of standard error
/// (`file:line:column: error: message`, or `error: message` when nothing in a file is at
/// fault), further lines it must print (hints, notes) and the exit status. `{}` stands for
/// the input's path as passed on the command line.
struct BadInput: Sendable, CustomTestStringConvertible {
    var name: String
    var arguments: [String]
    var error: String
    var lines: [String] = []
    var status: Int32 = 2

    var testDescription: String { name }

    /// A fixture of `Tests/TariffCLITests/BadInputs/`, previewed as of 2026-04-30.
    static func fixture(_ file: String, _ error: String, _ lines: String..., status: Int32 = 2) -> BadInput {
        BadInput(name: file, arguments: ["preview", "\(RobustCLI.badInputs)/\(file)", "--as-of", "2026-04-30"],
                 error: error, lines: lines, status: status)
    }

    /// Runs it and checks everything the catalog promises: the message and its position,
    /// the notes, the status, nothing on standard output, no crash and no hang.
    func check(path: String? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let path = path ?? arguments.first { $0.hasPrefix(RobustCLI.badInputs) } ?? ""
        let output = try RobustCLI.run(arguments.map { $0 == "{}" ? path : $0 })
        let fill = { (text: String) in text.replacingOccurrences(of: "{}", with: path) }
        #expect(!output.timedOut, "no answer within the watchdog's time", sourceLocation: sourceLocation)
        #expect(output.firstError == fill(error), sourceLocation: sourceLocation)
        for line in lines {
            #expect(output.stderr.contains(fill(line) + "\n"), "missing line: \(fill(line))\nin:\n\(output.stderr)",
                    sourceLocation: sourceLocation)
        }
        #expect(output.status == status, "stderr:\n\(output.stderr)", sourceLocation: sourceLocation)
        #expect(output.stdout.isEmpty, "nothing is printed for a bad input", sourceLocation: sourceLocation)
        // However large or deep the input, the report stays readable.
        #expect(output.stderr.utf8.count < 4_000, sourceLocation: sourceLocation)
    }
}

/// The catalog of bad inputs (issue 6): each is answered with a clear message at its
/// position and exit status 2, never a crash, a hang, partial output or a silent wrong
/// number. Fixtures are in `BadInputs/`; the big ones (50 MB, 10,000 levels) are generated
/// into a temporary directory at test time.
@Suite("bad input catalog")
struct BadInputCatalogTests {
    static let fixtures: [BadInput] = [
        .fixture("missing-field.yaml", "{}:6:3: error: missing field 'account.plan' (String)"),
        .fixture("wrong-type-list.yaml", "{}:22:12: error: 'account.numbers' must be a list, found '3'"),
        .fixture("wrong-type-bool.yaml", "{}:27:32: error: 'account.addresses[0].verified': expected true or false, found 'yes'"),
        .fixture("wrong-type-date.yaml",
                 "{}:18:25: error: 'account.licenses[6].added': expected a date such as 2026-04-01, found '2026-02-30'"),
        .fixture("unknown-field.yaml", "{}:14:37: error: unknown field 'billed_untill' in 'account.licenses[2]'",
                 "hint: did you mean 'billed_until'?"),
        .fixture("unknown-plan.yaml", "{}:8:9: error: unknown plan 'ADVANCD' in 'account.plan'", "hint: did you mean 'ADVANCED'?"),
        .fixture("negative-credit.yaml", "{}:9:12: error: 'account.credits' is -5.00, below its minimum 0"),
        .fixture("negative-amount.yaml", "{}:32:97: error: 'account.consumption[0].amount' is -3.20, below its minimum 0"),
        .fixture("removed-before-added.yaml",
                 "{}:15:66: error: license L04 is removed on 2026-02-28, before it was added on 2026-03-05",
                 "rules/checks.yaml:11:14: note: 'account.licenses[3].removed' is checked here"),
        .fixture("added-after-period.yaml",
                 "{}:20:25: error: license L09 is added on 2026-06-09, after the period invoiced (2026-05-01 to 2026-06-01, exclusive)",
                 "rules/checks.yaml:22:14: note: 'account.licenses[8].added' is checked here"),
        .fixture("amount-20-decimals.yaml",
                 "{}:9:12: error: 'account.credits': expected an amount such as 12.50, found '0.00000000000000000001': "
                    + "20 fraction digits; at most 18 are supported"),
        .fixture("amount-exponent.yaml",
                 "{}:9:12: error: 'account.credits': expected an amount such as 12.50, found '1.5e3': exponent notation is not supported",
                 "hint: write the number in full, without an exponent"),
        .fixture("amount-1e30.yaml",
                 "{}:9:12: error: 'account.credits': expected an amount such as 12.50, found '1e30': exponent notation is not supported",
                 "hint: write the number in full, without an exponent"),
        .fixture("amount-31-digits.yaml",
                 "{}:9:12: error: 'account.credits': expected an amount such as 12.50, found '1000000000000000000000000000000.00': "
                    + "too many digits: the significand must fit in 64 bits (at most 19 digits)"),
        .fixture("non-utf8.yaml", "{}:6:11: error: invalid UTF-8 byte 0xFF at byte offset 260", "hint: save the file as UTF-8"),
        .fixture("empty.yaml", "{}:1:1: error: empty document",
                 "hint: the file holds no YAML content, only blank lines or comments"),
        .fixture("alias-bomb.yaml",
                 "{}:8:45: error: aliases expand to more than 100000 nodes "
                    + "(limit max-alias-expansion; raise it with --max-alias-expansion)"),
        .fixture("duplicate-key.yaml", "{}:8:3: error: duplicate key 'country' in mapping",
                 "{}:7:3: note: 'country' first appears here"),
        .fixture("duplicate-key.json", "{}:5:5: error: duplicate key 'id' in object", "{}:4:5: note: 'id' first appears here"),
        .fixture("tab-indentation.yaml", "{}:8:1: error: tab character in indentation; YAML indents with spaces",
                 "hint: replace the tab with spaces"),
        BadInput(name: "negative count (a flag; no file position)",
                 arguments: ["quote", "add-licenses", "examples/acme.yaml", "--count=-3", "--on", "2026-04-10"],
                 error: "error: 'count' is -3, below its minimum 1"),
    ]

    @Test(arguments: fixtures)
    func fixture(_ input: BadInput) throws {
        try input.check()
    }

    /// Every fixture in `BadInputs/` is in the catalog, and every catalog entry has one.
    @Test func everyFixtureIsCatalogued() throws {
        let directory = RobustCLI.packageRoot.appendingPathComponent(RobustCLI.badInputs)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        let catalogued = Self.fixtures.compactMap { $0.arguments.count > 1 ? $0.arguments[1] : nil }
            .filter { $0.hasPrefix(RobustCLI.badInputs) }.map { String($0.dropFirst(RobustCLI.badInputs.count + 1)) }.sorted()
        #expect(files == catalogued)
    }

    /// Regression: `--set ""` and `--set =` trapped (an index out of range); a flag that
    /// is not name=value is now a usage error.
    @Test(arguments: ["", "=", "=3"])
    func setFlagsWithoutAName(value: String) throws {
        let output = try RobustCLI.run(["quote", "add-licenses", "examples/acme.yaml", "--on", "2026-04-10", "--set", value])
        #expect(output.status == 64)
        #expect(output.stderr.hasPrefix("Error: --set takes name=value, such as --set count=3, not '\(value)'\n"), "\(output.stderr)")
        #expect(output.stdout.isEmpty)
    }

    /// Regression: an empty value read as no value. `decide remove-license --license ''`
    /// was allowed and named another license (L03, the first unassigned one), since an
    /// absent license means "any unassigned license". An empty flag is now a usage error.
    @Test(arguments: [["--license", ""], ["--set", "license="], ["--set", "license"], ["--count", ""]])
    func emptyRequestValues(flags: [String]) throws {
        let output = try RobustCLI.run(["decide", "remove-license", "examples/acme.yaml"] + flags)
        #expect(output.status == 64, "\(output.stdout)\(output.stderr)")
        let name = flags.contains("--count") ? "count" : "license"
        #expect(output.stderr.hasPrefix("Error: --\(name) is empty: give it a value, or leave it out\n"), "\(output.stderr)")
        #expect(output.stdout.isEmpty)
    }

    /// Regression: the hint for an unknown request field said "did you mean --did you mean
    /// 'country'??".
    @Test func unknownRequestFieldHint() throws {
        let output = try RobustCLI.run(["decide", "add-number", "examples/acme.yaml", "--set", "countri=FR"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("error: action 'add-number' takes no 'countri'\nhint: did you mean --country?\n"), "\(output.stderr)")
    }

    /// Regression: `consumption --from 2026-05-01 --to 2026-01-01` listed "0 records, total
    /// 0.00", as if there were no consumption; a range with no day in it is now an error.
    @Test(arguments: [("2026-05-01", "2026-01-01"), ("2026-05-01", "2026-05-01")])
    func consumptionRangeWithNoDay(from: String, to: String) throws {
        let output = try RobustCLI.run(["consumption", "examples/globex.yaml", "--from", from, "--to", to])
        #expect(output.status == 2, "\(output.stdout)")
        #expect(output.firstError == "error: --to \(to) is not after --from \(from): no day is in the range", "\(output.stderr)")
        #expect(output.stdout.isEmpty)
        let day = try RobustCLI.run(["consumption", "examples/globex.yaml", "--from", "2026-04-01", "--to", "2026-04-02"])
        #expect(day.status == 0, "\(day.stderr)")
    }

    // MARK: Generated inputs

    /// 50 MB: refused from its size alone, before a byte is parsed.
    @Test func fiftyMegabytes() throws {
        let directory = try TemporaryDirectory()
        var bytes = Array("as_of: 2026-04-30\naccount:\n  id: \"".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 50 * 1024 * 1024 - bytes.count - 2)
        bytes += Array("\"\n".utf8)
        #expect(bytes.count == 52_428_800)
        let path = try directory.write("fifty-megabytes.yaml", bytes)
        try BadInput(name: "50 MB", arguments: ["preview", "{}", "--as-of", "2026-04-30"],
                     error: "error: '{}' is 52428800 bytes, more than 10485760 (limit max-bytes; raise it with --max-bytes)")
            .check(path: path)
    }

    /// 10,000 levels, written every way a document can nest on one line.
    @Test(arguments: [
        ("flow-lists.yaml", "as_of: 2026-04-30\naccount: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000),
         "{}:2:266"),
        ("flow-mappings.yaml", "account: " + String(repeating: "{a: ", count: 10_000) + "x" + String(repeating: "}", count: 10_000),
         "{}:1:1034"),
        ("block-lists.yaml", "as_of: 2026-04-30\naccount:\n  " + String(repeating: "- ", count: 10_000) + "x", "{}:3:513"),
        ("arrays.json", "{\"account\": " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}",
         "{}:1:268"),
        ("objects.json", String(repeating: "{\"a\": ", count: 10_000) + "1" + String(repeating: "}", count: 10_000), "{}:1:1537"),
    ])
    func tenThousandLevels(name: String, text: String, position: String) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(name, text + "\n")
        try BadInput(name: name, arguments: ["preview", "{}", "--as-of", "2026-04-30"],
                     error: position + ": error: document nests deeper than 256 levels (limit max-depth; raise it with --max-depth)")
            .check(path: path)
    }

    /// A rules directory without rule files is an input that cannot be used (status 2),
    /// like one that cannot be read; status 1 stays for rules that have errors.
    @Test(arguments: [["check"], ["preview", "examples/acme.yaml"]])
    func rulesDirectoryWithoutRules(command: [String]) throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write("README.md", "No rules here.\n")
        try BadInput(name: "empty rules directory", arguments: command + ["--rules", "{}"],
                     error: "error: no rule files (*.yaml, *.yml) in '{}'",
                     lines: ["hint: pass --rules DIR naming the directory of rule files"])
            .check(path: directory.url.path)
    }

    /// Rule files that declare no rule at all: the same answer, from the compiler.
    @Test func ruleFilesWithoutRules() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write("settings.yaml", "tariff: 1\ncurrency: EUR\nrounding: { mode: half-up, scale: 2 }\n")
        try BadInput(name: "rule files without rules", arguments: ["check", "--rules", "{}"], error: "error: no rules found",
                     lines: ["hint: a rule file has a 'rules:' list; see rules/ in the Tariff repository"])
            .check(path: directory.url.path)
    }

    /// Two rule files defining the same id. The rules have an error, so the status is 1
    /// (the CLI's contract: 1 the rules have errors, 2 an input cannot be read or is
    /// invalid), with both places named.
    @Test func twoRuleFilesDefiningTheSameID() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write("a.yaml", """
            tariff: 1
            currency: EUR
            rounding: { mode: half-up, scale: 2 }
            rules:
              - id: seats
                kind: value
                value: 10
            """)
        _ = try directory.write("b.yaml", """
            tariff: 1
            rules:
              - id: other
                kind: value
                value: 1
              - id: seats
                kind: value
                value: 12
            """)
        let base = directory.url.path
        try BadInput(name: "duplicate id", arguments: ["check", "--rules", "{}"],
                     error: "\(base)/b.yaml:6:9: error: rule id 'seats' is already used",
                     lines: ["\(base)/a.yaml:5:9: note: 'seats' first defined here",
                             "hint: rule ids must be unique across all rule files"],
                     status: 1)
            .check(path: base)
    }
}
