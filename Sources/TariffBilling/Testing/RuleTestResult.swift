public import TariffCore

/// How one test case went.
public struct RuleTestResult: Sendable {
    public enum Status: Sendable {
        case passed
        /// The rules ran and gave something else than the case expects.
        case failed([Mismatch])
        /// The case could not run: its file, account or request is invalid, or the rules
        /// failed on it.
        case error([Diagnostic])
    }

    public var name: String
    public var position: SourcePosition
    public var status: Status

    public init(name: String, position: SourcePosition, status: Status) {
        self.name = name
        self.position = position
        self.status = status
    }

    public var passed: Bool {
        if case .passed = status { return true }
        return false
    }
}

/// One difference between what a case expects and what the rules gave.
///
/// ```
/// subject: line 'ADVANCED licenses'   field: amount   expected: 660.00   actual: 640.00   difference: -20.00
/// ```
public struct Mismatch: Sendable, Hashable {
    /// What the values belong to: `line 'ADVANCED licenses'`, `violation FOREIGN_NUMBER…`,
    /// or nil for the invoice, decision or quote itself.
    public var subject: String?
    /// The compared field: `amount`, `total`, `code`; `line` or `violation` when a whole
    /// one is missing or unexpected.
    public var field: String
    public var expected: String
    public var actual: String
    /// `actual − expected`, signed, for amounts.
    public var difference: String?
    /// Where the expectation is written; nil for something the case did not name.
    public var position: SourcePosition?

    public init(subject: String?, field: String, expected: String, actual: String, difference: String? = nil,
                position: SourcePosition? = nil) {
        self.subject = subject
        self.field = field
        self.expected = expected
        self.actual = actual
        self.difference = difference
        self.position = position
    }
}

/// The results of a run, in the order the cases were given, and the coverage when it was
/// recorded.
public struct RuleTestReport: Sendable {
    public var results: [RuleTestResult]
    public var coverage: RuleCoverage?

    public init(results: [RuleTestResult], coverage: RuleCoverage?) {
        self.results = results
        self.coverage = coverage
    }

    public var passedCount: Int { results.count { $0.passed } }
    public var failedCount: Int { results.count - passedCount }

    /// `12 passed, 1 failed`.
    public var summary: String { "\(passedCount) passed, \(failedCount) failed" }
}
