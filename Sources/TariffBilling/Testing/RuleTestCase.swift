public import TariffCore

/// One test case a pricing analyst wrote in YAML beside the rules: an account, an as-of
/// date, and what the rules must make of them: an invoice, a policy decision or a quote.
///
/// ```yaml
/// tests:
///   - name: ACME's May invoice
///     account_file: ../../examples/acme.yaml     # relative to this file
///     as_of: 2026-04-30
///     expect:
///       lines:
///         - { label: ADVANCED licenses, quantity: 10, unit_price: 64.00, amount: 640.00 }
///       total: 1122.47
///   - name: an assigned license stays
///     account_file: ../../examples/acme.yaml
///     action: remove-license
///     request: { license: L01 }
///     expect: { allowed: false, policy: remove_license, code: LICENSE_ASSIGNED }
/// ```
///
/// Read them with ``RuleTestFile/parse(_:load:)``; run them with ``RuleTestSuite``.
public struct RuleTestCase: Sendable {
    /// What the case asks of the rules.
    public enum Subject: Sendable {
        /// The next invoice.
        case invoice(InvoiceExpectation)
        /// Whether an action is allowed (`action: remove-license`).
        case decision(action: Expected<String>, request: SourceNode, expectation: DecisionExpectation)
        /// What an action would cost (`quote: add-licenses`).
        case quote(action: Expected<String>, request: SourceNode, expectation: QuoteExpectation)
    }

    public var name: String
    /// Where the case starts, for `FAIL file:line` and for editors.
    public var position: SourcePosition
    /// The snapshot the rules read: the account file's, with the case's own account
    /// fields in place of the file's.
    public var snapshot: SourceDocument
    /// The case's `as_of`, else the account file's.
    public var asOf: CivilDate?
    public var subject: Subject

    public init(name: String, position: SourcePosition, snapshot: SourceDocument, asOf: CivilDate?, subject: Subject) {
        self.name = name
        self.position = position
        self.snapshot = snapshot
        self.asOf = asOf
        self.subject = subject
    }
}

/// A value a case expects, read and checked when the file is read, with the text the
/// analyst wrote and where.
public struct Expected<Wrapped: Sendable & Hashable>: Sendable, Hashable {
    public var value: Wrapped
    public var text: String
    public var position: SourcePosition

    public init(_ value: Wrapped, text: String, position: SourcePosition) {
        self.value = value
        self.text = text
        self.position = position
    }
}

/// An invoice line as a case expects it; fields left out are not compared.
public struct ExpectedLine: Sendable, Hashable {
    public var position: SourcePosition
    public var rule: Expected<String>?
    public var label: Expected<String>?
    public var quantity: Expected<Int64>?
    public var unitPrice: Expected<ExactDecimal>?
    public var amount: Expected<ExactDecimal>?
    public var interval: Expected<Period>?
    public var fraction: Expected<String>?
    public var basis: Expected<String>?

    public init(position: SourcePosition) {
        self.position = position
    }

    /// The keys a line may have, in the order the diff shows them.
    static let keys = ["rule", "label", "quantity", "unit_price", "amount", "interval", "fraction", "basis"]
}

/// A violation as a case expects it: a code (`- FOREIGN_NUMBER_WITHOUT_VERIFIED_ADDRESS`)
/// or a mapping with `code`, `rule` and `message`.
public struct ExpectedViolation: Sendable, Hashable {
    public var position: SourcePosition
    public var code: Expected<String>
    public var rule: Expected<String>?
    public var message: Expected<String>?

    public init(position: SourcePosition, code: Expected<String>, rule: Expected<String>? = nil, message: Expected<String>? = nil) {
        self.position = position
        self.code = code
        self.rule = rule
        self.message = message
    }
}

/// A named value of a decision's outcome or a quote (`deduction: 64.00`), compared as a
/// number when the rules give a number, as text otherwise.
public struct ExpectedNamedValue: Sendable, Hashable {
    public var name: String
    public var value: Expected<String>

    public init(name: String, value: Expected<String>) {
        self.name = name
        self.value = value
    }
}

/// What an invoice case expects. `lines` and `violations`, when given, are the whole
/// list: a line or violation the rules add and the case does not name fails the case.
public struct InvoiceExpectation: Sendable, Hashable {
    public var lines: [ExpectedLine]?
    public var subtotal: Expected<ExactDecimal>?
    /// Credits applied.
    public var credits: Expected<ExactDecimal>?
    public var total: Expected<ExactDecimal>?
    public var creditsCarriedOver: Expected<ExactDecimal>?
    public var period: Expected<Period>?
    public var violations: [ExpectedViolation]?

    public init() {}

    static let keys = ["lines", "subtotal", "credits", "credits_carried_over", "total", "period", "violations"]
}

/// What a decision case expects.
public struct DecisionExpectation: Sendable, Hashable {
    public var allowed: Expected<Bool>?
    public var policy: Expected<String>?
    public var code: Expected<String>?
    public var message: Expected<String>?
    public var outcome: [ExpectedNamedValue] = []

    public init() {}

    static let keys = ["allowed", "policy", "code", "message", "outcome"]
}

/// What a quote case expects: the values the quote shows, and its prorated line.
public struct QuoteExpectation: Sendable, Hashable {
    public var values: [ExpectedNamedValue] = []
    public var prorated: ExpectedLine?

    public init() {}

    static let keys = ["values", "prorated"]
}
