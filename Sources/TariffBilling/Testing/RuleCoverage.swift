public import TariffCore

/// What a run of rule tests exercised: rules that gave something, table rows read, and
/// policy outcomes reached; and from that, what no test exercised.
///
/// A rule counts as exercised when some case evaluated it and it gave something: a charge
/// rule at least one line, a violation rule at least one violation, a credit rule a credit
/// above zero. A charge rule evaluated over an empty list proves nothing about its price.
public struct RuleCoverage: Sendable {
    /// Something the rules declare that a test can exercise.
    public struct Item: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable {
            case rule
            case tableRow = "table row"
            case outcome = "policy outcome"
        }

        public var kind: Kind
        /// `licenses`, `license_price["SMART"]`, `remove_license: denied ONE_LICENSE_PER_REQUEST`.
        public var name: String
        /// Why it is listed, in words: `no test gave a line from it`.
        public var detail: String
        public var position: SourcePosition?
    }

    /// Rules that gave something in some case.
    public private(set) var rules: Set<String> = []
    /// Trace labels of values read: `license_price["ADVANCED"]`, `account.plan`.
    public private(set) var reads: Set<String> = []
    /// Policy outcomes reached, as `policy code`.
    public private(set) var outcomes: Set<String> = []

    public init() {}

    mutating func record(_ evaluation: Evaluation, graph: RuleGraph) {
        for rule in graph.rules {
            guard let value = evaluation.value(of: rule.id) else { continue }
            if Self.gaveSomething(value) { rules.insert(rule.id) }
        }
        for entry in evaluation.trace?.entries ?? [] {
            if case let .read(path, _) = entry.event { reads.insert(path) }
        }
    }

    mutating func record(_ decision: Decision) {
        outcomes.insert(decision.policy + " " + decision.code)
    }

    private static func gaveSomething(_ value: Value) -> Bool {
        switch value {
        case .null: false
        case let .list(values): !values.isEmpty
        case let .money(money): !money.isZero
        default: true
        }
    }

    /// Every rule, table row and policy outcome of `graph` that no case exercised, in the
    /// order they are declared.
    public func unexercised(in graph: RuleGraph) -> [Item] {
        var items: [Item] = []
        for rule in graph.rules.sorted(by: { $0.declaration.idPosition < $1.declaration.idPosition }) {
            if !rules.contains(rule.id) {
                items.append(Item(kind: .rule, name: rule.id, detail: Self.detail(for: rule),
                                  position: rule.declaration.idPosition))
            }
        }
        for table in graph.tables.values.sorted(by: { $0.position < $1.position }) {
            for key in table.keys where !reads.contains(Table.label(table.name, key)) {
                items.append(Item(kind: .tableRow, name: Table.label(table.name, key), detail: "no test read this price",
                                  position: table.position(ofRow: key)))
            }
        }
        for outcome in Self.outcomes(of: graph) where !outcomes.contains(outcome.policy + " " + outcome.code) {
            items.append(Item(kind: .outcome,
                              name: "\(outcome.policy): \(outcome.allowed ? "allowed" : "denied") \(outcome.code)",
                              detail: outcome.allowed ? "no test was allowed this action" : "no test was denied with this code",
                              position: outcome.position))
        }
        return items
    }

    /// How many of each kind there are, and how many were exercised.
    public func totals(in graph: RuleGraph) -> [(kind: Item.Kind, exercised: Int, total: Int)] {
        let missing = unexercised(in: graph)
        func count(_ kind: Item.Kind) -> Int { missing.count { $0.kind == kind } }
        let rows = graph.tables.values.reduce(0) { $0 + $1.keys.count }
        let outcomes = Self.outcomes(of: graph).count
        return [
            (.rule, graph.rules.count - count(.rule), graph.rules.count),
            (.tableRow, rows - count(.tableRow), rows),
            (.outcome, outcomes - count(.outcome), outcomes),
        ]
    }

    private static func detail(for rule: CompiledRule) -> String {
        switch rule.category {
        case "charge": "no test gave a line from it"
        case "violation": "no test found this violation"
        case "credit": "no test applied a credit from it"
        case "decision": "no test decided this action"
        case "quote": "no test asked for this quote"
        default: "no test evaluated it"
        }
    }

    /// Each policy's deny codes and its allow code, as declared.
    static func outcomes(of graph: RuleGraph) -> [(policy: String, code: String, allowed: Bool, position: SourcePosition)] {
        var outcomes: [(policy: String, code: String, allowed: Bool, position: SourcePosition)] = []
        for rule in graph.rules(inCategory: "decision").sorted(by: { $0.declaration.idPosition < $1.declaration.idPosition }) {
            for check in rule.declaration.fields["deny"]?.value.elements ?? [] {
                if let node = check["code"], let code = node.scalar {
                    outcomes.append((rule.id, code, false, node.position))
                }
            }
            if let node = rule.declaration.fields["allow"]?.value["code"], let code = node.scalar {
                outcomes.append((rule.id, code, true, node.position))
            }
        }
        return outcomes
    }
}
