/// A plugin rule kind, such as `recurring-charge` or `policy`: it declares the fields it
/// accepts, compiles a rule's fields into a ``RuleProgram``, and says what category of
/// result it produces, so layers above can find, say, every rule that yields charges.
///
/// The core checks unknown and missing fields against ``fields`` before `compile` runs,
/// and parses every expression and template field up front to find dependencies.
public protocol RuleKind: Sendable {
    /// The name used in rule files: `kind: recurring-charge`.
    var name: String { get }
    var summary: String { get }
    /// What the kind's results are, for the layers above the core: `value`, `charge`,
    /// `decision`, … The core does not interpret it.
    var category: String { get }
    var fields: [RuleField] { get }
    /// Compiles one rule. Report problems through `rule`; return nil when there were errors.
    func compile(_ rule: RuleCompilation) -> (any RuleProgram)?
}

/// A compiled rule: immutable, shared by every evaluation.
public protocol RuleProgram: Sendable {
    var resultType: ValueType { get }
    func evaluate(_ frame: Frame) throws(EvaluationError) -> Value
}

/// A field a rule kind accepts.
public struct RuleField: Sendable, Hashable {
    public enum Shape: Sendable, Hashable {
        /// An expression, parsed and type-checked.
        case expression
        /// Text with `{expression}` holes: `"{account.plan} seats"`.
        case template
        /// Plain text, not interpreted.
        case text
        /// One of a fixed set of words.
        case choice([String])
        /// A list of rule ids (such as `after`).
        case ruleList
        /// A mapping the kind reads itself, such as a type declaration (`request:`).
        case mapping
        /// A nested mapping with fields of its own: `prorate: { price: …, from: … }`.
        /// Its expressions are addressed as `prorate.price`.
        indirect case record([RuleField])
        /// A list of mappings with the same fields: `deny: [ { when: …, code: … } ]`.
        /// Its expressions are addressed as `deny[0].when`.
        indirect case list([RuleField])
        /// A mapping of names to expressions, in order: `let: { chosen: …, price: … }`.
        /// Its expressions are addressed as `let.chosen`.
        case expressionMap
    }

    public var name: String
    public var shape: Shape
    public var isRequired: Bool
    public var summary: String

    public init(_ name: String, _ shape: Shape, required: Bool = false, summary: String = "") {
        self.name = name
        self.shape = shape
        self.isRequired = required
        self.summary = summary
    }
}
