public import TariffCore

/// Reads a file of rule tests (`rules/tests/*.yaml`) from its document tree, checking
/// every key and value up front so that a typo is reported with its position before
/// anything runs.
///
/// ```swift
/// let read = RuleTestFile.parse(document) { path in DocumentReader.read(contentsOf: path) }
/// ```
///
/// The reader of YAML lives in another module; this one only sees ``SourceDocument``s, so
/// account files are read through `load`.
public enum RuleTestFile {
    /// The cases of one file that were read whole, and a failed result for each part
    /// that could not be read, with its diagnostics; the good cases still run.
    public struct Contents: Sendable {
        public var cases: [RuleTestCase]
        public var broken: [RuleTestResult]

        /// Every diagnostic of the broken parts.
        public var diagnostics: [Diagnostic] {
            broken.flatMap { result -> [Diagnostic] in
                if case let .error(diagnostics) = result.status { return diagnostics }
                return []
            }
        }
    }

    static let caseKeys = ["name", "description", "account", "account_file", "as_of", "action", "quote", "request", "expect"]

    /// Reads the cases of a test document.
    ///
    /// - Parameters:
    ///   - document: The test file's tree; its `file` is the path account files are relative to.
    ///   - load: Reads an account file, given its path (already made relative to the
    ///     working directory). Called once per distinct path.
    /// - Returns: The cases that were read whole, and a failed result for each of the rest.
    public static func parse(_ document: SourceDocument,
                             load: @escaping (String) -> Result<SourceDocument, DiagnosticError>) -> Contents {
        var reader = Reader(file: document.file, load: load)
        return reader.read(document.root)
    }

    /// `base`'s directory joined with `path`, `..` and `.` removed where they can be.
    ///
    /// ```swift
    /// RuleTestFile.resolve("../../examples/acme.yaml", relativeTo: "rules/tests/invoices.yaml")
    /// // "examples/acme.yaml"
    /// ```
    public static func resolve(_ path: String, relativeTo base: String) -> String {
        if path.hasPrefix("/") { return normalize(path) }
        let directory = base.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        return normalize(directory.isEmpty ? path : directory + "/" + path)
    }

    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                if let last = parts.last, last != ".." { parts.removeLast() } else if !absolute { parts.append(part) }
            default: parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}

extension RuleTestFile {
    struct Reader {
        let file: String
        let load: (String) -> Result<SourceDocument, DiagnosticError>
        var diagnostics: [Diagnostic] = []
        var loaded: [String: Result<SourceDocument, DiagnosticError>] = [:]

        init(file: String, load: @escaping (String) -> Result<SourceDocument, DiagnosticError>) {
            self.file = file
            self.load = load
        }

        mutating func read(_ root: SourceNode) -> Contents {
            var cases: [RuleTestCase] = []
            var broken: [RuleTestResult] = []
            func fail(_ name: String, at position: SourcePosition, since start: Int) {
                broken.append(RuleTestResult(name: name, position: position, status: .error(Array(diagnostics[start...]))))
            }
            guard let entries = root.entries else {
                error(RuleTestMessages.notATestFile(root))
                fail(file, at: root.position, since: 0)
                return Contents(cases: [], broken: broken)
            }
            var sawTests = false
            for entry in entries {
                let start = diagnostics.count
                guard entry.name == "tests" else {
                    error(RuleTestMessages.unknownKey(entry, in: "a test file", among: ["tests"]))
                    fail(file, at: entry.key.position, since: start)
                    continue
                }
                sawTests = true
                guard let items = entry.value.elements else {
                    error(.error("test.expected-list", "'tests' must be a list of cases, each starting with '- name:'",
                                 at: entry.value.position))
                    fail(file, at: entry.value.position, since: start)
                    continue
                }
                for item in items {
                    let before = diagnostics.count
                    if let testCase = readCase(item), diagnostics.count == before {
                        cases.append(testCase)
                    } else {
                        fail(item["name"]?.scalar ?? "unnamed case", at: item.position, since: before)
                    }
                }
            }
            if !sawTests {
                let start = diagnostics.count
                error(RuleTestMessages.notATestFile(root))
                fail(file, at: root.position, since: start)
            }
            return Contents(cases: cases, broken: broken)
        }

        mutating func error(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

        // MARK: Cases

        mutating func readCase(_ node: SourceNode) -> RuleTestCase? {
            guard let entries = node.entries else {
                error(.error("test.expected-mapping", "a test case is a mapping starting with 'name:', found \(node.kindDescription)",
                             at: node.position))
                return nil
            }
            checkKeys(entries, allowed: RuleTestFile.caseKeys, in: "a test case")
            guard let name = node["name"]?.scalar, !name.isEmpty else {
                error(.error("test.missing-field", "this test case has no 'name'", at: node.position,
                             hint: "start the case with '- name: what it checks'"))
                return nil
            }
            let position = node.position
            guard let snapshot = snapshot(node, name: name) else { return nil }
            var asOf: CivilDate?
            if let asOfNode = node["as_of"] {
                asOf = date(asOfNode, field: "as_of")
            } else if let text = snapshot.asOfText {
                asOf = try? CivilDate(parsing: text)
            }
            guard let expect = node["expect"] else {
                error(.error("test.missing-field", "test '\(name)' has no 'expect'", at: node.position,
                             hint: "say what the rules must give, such as 'expect: { total: 1122.47 }'"))
                return nil
            }
            guard expect.entries != nil else {
                error(.error("test.expected-mapping", "'expect' must be a mapping, found \(expect.kindDescription)",
                             at: expect.position))
                return nil
            }
            let action = node["action"], quote = node["quote"]
            if let action, let quote {
                error(.error("test.action-and-quote", "test '\(name)' has both 'action' and 'quote'", at: quote.position,
                             notes: [.init("'action' is here", at: action.position)],
                             hint: "a case checks one thing: split it in two"))
                return nil
            }
            let request = node["request"] ?? SourceNode(.mapping([]), at: node.position)
            if node["request"] != nil, action == nil, quote == nil {
                error(.error("test.request-without-action", "'request' needs 'action:' (a decision) or 'quote:'",
                             at: request.position))
            }
            if request.entries == nil {
                error(.error("test.expected-mapping", "'request' must be a mapping of the request's fields, found \(request.kindDescription)",
                             at: request.position))
                return nil
            }
            let subject: RuleTestCase.Subject
            if let action {
                guard let text = text(action, field: "action") else { return nil }
                subject = .decision(action: text, request: request, expectation: decisionExpectation(expect))
            } else if let quote {
                guard let text = text(quote, field: "quote") else { return nil }
                subject = .quote(action: text, request: request, expectation: quoteExpectation(expect))
            } else {
                subject = .invoice(invoiceExpectation(expect))
            }
            return RuleTestCase(name: name, position: position, snapshot: snapshot.document, asOf: asOf, subject: subject)
        }

        /// The snapshot: the account file's root with the case's `account` fields in place
        /// of the file's, or the case's `account` alone.
        mutating func snapshot(_ node: SourceNode, name: String) -> (document: SourceDocument, asOfText: String?)? {
            let inline = node["account"]
            if let inline, inline.entries == nil {
                error(.error("test.expected-mapping", "'account' must be a mapping of the account's fields, found \(inline.kindDescription)",
                             at: inline.position))
                return nil
            }
            guard let fileNode = node["account_file"] else {
                guard let inline else {
                    error(.error("test.missing-field", "test '\(name)' has no account", at: node.position,
                                 hint: "add 'account_file: ../../examples/acme.yaml' or an 'account:' mapping"))
                    return nil
                }
                let root = SourceNode(.mapping([SourceEntry(key: SourceNode(.scalar("account", .plain), at: inline.position),
                                                            value: inline)]), at: node.position)
                return (SourceDocument(file: file, text: "", root: root), nil)
            }
            guard let relative = text(fileNode, field: "account_file") else { return nil }
            let path = RuleTestFile.resolve(relative.value, relativeTo: file)
            let result = loaded[path] ?? load(path)
            loaded[path] = result
            let document: SourceDocument
            switch result {
            case let .success(read): document = read
            case let .failure(failure):
                error(.error("test.account-file", "cannot read account file '\(path)'", at: fileNode.position,
                             length: relative.text.count,
                             notes: failure.diagnostics.map { .init($0.message, at: $0.position) }))
                return nil
            }
            guard var entries = document.root.entries else {
                error(.error("test.account-file", "account file '\(path)' is not a mapping", at: fileNode.position,
                             length: relative.text.count))
                return nil
            }
            let asOfText = document.root["as_of"]?.scalar
            if let inline, let index = entries.firstIndex(where: { $0.name == "account" }),
               let fileAccount = entries[index].value.entries, let overrides = inline.entries {
                var merged = fileAccount.filter { field in !overrides.contains { $0.name == field.name } }
                merged += overrides
                entries[index].value = SourceNode(.mapping(merged), at: entries[index].value.position)
            }
            return (SourceDocument(file: document.file, text: document.text, root: SourceNode(.mapping(entries), at: document.root.position)),
                    asOfText)
        }

        // MARK: Expectations

        mutating func invoiceExpectation(_ node: SourceNode) -> InvoiceExpectation {
            var expectation = InvoiceExpectation()
            checkKeys(node.entries ?? [], allowed: InvoiceExpectation.keys + DecisionExpectation.keys + QuoteExpectation.keys,
                      in: "an invoice's 'expect'", only: InvoiceExpectation.keys,
                      hint: "for a decision add 'action:', for a quote 'quote:'")
            if let lines = node["lines"] {
                if let elements = lines.elements {
                    expectation.lines = elements.compactMap { line($0) }
                } else {
                    error(.error("test.expected-list", "'lines' must be a list of lines", at: lines.position))
                }
            }
            expectation.subtotal = node["subtotal"].flatMap { amount($0, field: "subtotal") }
            expectation.credits = node["credits"].flatMap { amount($0, field: "credits") }
            expectation.creditsCarriedOver = node["credits_carried_over"].flatMap { amount($0, field: "credits_carried_over") }
            expectation.total = node["total"].flatMap { amount($0, field: "total") }
            expectation.period = node["period"].flatMap { period($0, field: "period") }
            if let violations = node["violations"] {
                if let elements = violations.elements {
                    expectation.violations = elements.compactMap { violation($0) }
                } else {
                    error(.error("test.expected-list", "'violations' must be a list of codes (or of { code, rule, message })",
                                 at: violations.position, hint: "write [] to expect none"))
                }
            }
            return expectation
        }

        mutating func decisionExpectation(_ node: SourceNode) -> DecisionExpectation {
            var expectation = DecisionExpectation()
            checkKeys(node.entries ?? [], allowed: DecisionExpectation.keys + InvoiceExpectation.keys + QuoteExpectation.keys,
                      in: "a decision's 'expect'", only: DecisionExpectation.keys)
            if let allowed = node["allowed"] {
                switch allowed.scalar {
                case "true": expectation.allowed = Expected(true, text: "true", position: allowed.position)
                case "false": expectation.allowed = Expected(false, text: "false", position: allowed.position)
                default:
                    error(.error("test.bad-value", "'allowed' is true or false, found \(allowed.kindDescription)", at: allowed.position))
                }
            }
            expectation.policy = node["policy"].flatMap { text($0, field: "policy") }
            expectation.code = node["code"].flatMap { text($0, field: "code") }
            expectation.message = node["message"].flatMap { text($0, field: "message") }
            expectation.outcome = node["outcome"].map { namedValues($0, field: "outcome") } ?? []
            return expectation
        }

        mutating func quoteExpectation(_ node: SourceNode) -> QuoteExpectation {
            var expectation = QuoteExpectation()
            checkKeys(node.entries ?? [], allowed: QuoteExpectation.keys + InvoiceExpectation.keys + DecisionExpectation.keys,
                      in: "a quote's 'expect'", only: QuoteExpectation.keys)
            expectation.values = node["values"].map { namedValues($0, field: "values") } ?? []
            expectation.prorated = node["prorated"].flatMap { line($0) }
            return expectation
        }

        mutating func line(_ node: SourceNode) -> ExpectedLine? {
            guard let entries = node.entries else {
                error(.error("test.expected-mapping", "a line is a mapping such as { label: ADVANCED licenses, amount: 640.00 }, found \(node.kindDescription)",
                             at: node.position))
                return nil
            }
            checkKeys(entries, allowed: ExpectedLine.keys, in: "a line")
            var line = ExpectedLine(position: node.position)
            line.rule = node["rule"].flatMap { text($0, field: "rule") }
            line.label = node["label"].flatMap { text($0, field: "label") }
            if let quantity = node["quantity"] {
                if let text = quantity.scalar, let value = Int64(text) {
                    line.quantity = Expected(value, text: text, position: quantity.position)
                } else {
                    error(.error("test.bad-value", "'quantity' is a whole number, found \(quantity.kindDescription)", at: quantity.position))
                }
            }
            line.unitPrice = node["unit_price"].flatMap { amount($0, field: "unit_price") }
            line.amount = node["amount"].flatMap { amount($0, field: "amount") }
            line.interval = node["interval"].flatMap { period($0, field: "interval") }
            line.fraction = node["fraction"].flatMap { text($0, field: "fraction") }
            line.basis = node["basis"].flatMap { text($0, field: "basis") }
            return line
        }

        mutating func violation(_ node: SourceNode) -> ExpectedViolation? {
            if let code = node.scalar {
                return ExpectedViolation(position: node.position, code: Expected(code, text: code, position: node.position))
            }
            guard let entries = node.entries else {
                error(.error("test.expected-mapping", "a violation is its code, or { code, rule, message }", at: node.position))
                return nil
            }
            checkKeys(entries, allowed: ["code", "rule", "message"], in: "a violation")
            guard let codeNode = node["code"], let code = text(codeNode, field: "code") else {
                error(.error("test.missing-field", "this violation has no 'code'", at: node.position))
                return nil
            }
            return ExpectedViolation(position: node.position, code: code, rule: node["rule"].flatMap { text($0, field: "rule") },
                                     message: node["message"].flatMap { text($0, field: "message") })
        }

        mutating func namedValues(_ node: SourceNode, field: String) -> [ExpectedNamedValue] {
            guard let entries = node.entries else {
                error(.error("test.expected-mapping", "'\(field)' must map names to values, such as { deduction: 64.00 }",
                             at: node.position))
                return []
            }
            return entries.compactMap { entry in
                text(entry.value, field: "\(field).\(entry.name)").map { ExpectedNamedValue(name: entry.name, value: $0) }
            }
        }

        // MARK: Scalars

        mutating func text(_ node: SourceNode, field: String) -> Expected<String>? {
            guard let text = node.scalar else {
                error(.error("test.bad-value", "'\(field)' must be a single value, found \(node.kindDescription)", at: node.position))
                return nil
            }
            return Expected(text, text: text, position: node.position)
        }

        /// An amount as analysts write it: `1122.47`, `1,122.47` or `1122.47 EUR`.
        mutating func amount(_ node: SourceNode, field: String) -> Expected<ExactDecimal>? {
            guard let text = node.scalar else {
                error(.error("test.bad-value", "'\(field)' must be an amount such as 640.00, found \(node.kindDescription)",
                             at: node.position))
                return nil
            }
            var digits = Substring(text)
            if let space = digits.lastIndex(of: " "), digits[digits.index(after: space)...].allSatisfy(\.isLetter) {
                digits = digits[..<space]
            }
            do {
                let value = try ExactDecimal(parsing: String(digits.filter { $0 != "," }))
                return Expected(value, text: text, position: node.position)
            } catch {
                self.error(.error("test.bad-value", "'\(field)' must be an amount such as 640.00, found '\(text)'", at: node.position,
                                  length: text.count))
                return nil
            }
        }

        mutating func date(_ node: SourceNode, field: String) -> CivilDate? {
            guard let text = node.scalar, let date = try? CivilDate(parsing: text) else {
                error(.error("test.bad-value", "'\(field)' must be a date such as 2026-04-30, found \(node.kindDescription)",
                             at: node.position))
                return nil
            }
            return date
        }

        /// `2026-05-01/2026-06-01` or `{ start: 2026-05-01, end: 2026-06-01 }`; the end is
        /// exclusive.
        mutating func period(_ node: SourceNode, field: String) -> Expected<Period>? {
            var bounds: (String, String)?
            if let text = node.scalar {
                let parts = text.split(separator: "/")
                if parts.count == 2 { bounds = (String(parts[0]), String(parts[1])) }
            } else if let start = node["start"]?.scalar, let end = node["end"]?.scalar {
                bounds = (start, end)
            }
            guard let (startText, endText) = bounds, let start = try? CivilDate(parsing: startText),
                  let end = try? CivilDate(parsing: endText), let period = try? Period(start: start, end: end) else {
                error(.error("test.bad-value", "'\(field)' must be a period such as 2026-05-01/2026-06-01 (end exclusive)",
                             at: node.position))
                return nil
            }
            return Expected(period, text: "\(start)/\(end)", position: node.position)
        }

        /// Reports keys not in `allowed`; keys in `allowed` but not in `only` are reported
        /// as belonging to another kind of case.
        mutating func checkKeys(_ entries: [SourceEntry], allowed: [String], in place: String, only: [String]? = nil,
                                hint: String? = nil) {
            let own = only ?? allowed
            for entry in entries where !own.contains(entry.name) {
                if allowed.contains(entry.name) {
                    error(.error("test.unknown-key", "'\(entry.name)' does not belong in \(place)", at: entry.key.position,
                                 length: entry.name.count, hint: hint ?? "it takes: " + own.joined(separator: ", ")))
                } else {
                    error(RuleTestMessages.unknownKey(entry, in: place, among: own))
                }
            }
        }
    }
}
