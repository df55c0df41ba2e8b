import TariffCore

/// The rule graph as a picture: rules, the tables and snapshot fields they read, and which
/// rule reads which; written as Mermaid (for READMEs and issues) or Graphviz DOT.
///
/// Arrows follow the data: `license_price → licenses` reads "licenses reads license_price".
struct RuleDiagram {
    enum Kind: Equatable {
        case field, asOf, table
        /// The fields of an action's request (`request.method`), one node per policy or quote.
        case request
        case rule(kind: String, category: String)
    }

    struct Node {
        /// A name that is safe in both languages: `rule_licenses`, `table_license_price`, `field_account_plan`.
        let id: String
        let label: String
        let kind: Kind
    }

    private(set) var nodes: [Node] = []
    /// From → to, by node id, each once, in a stable order.
    private(set) var edges: [(String, String)] = []

    init(graph: RuleGraph) {
        var fieldIDs: [String: String] = [:]
        var edgeSet: Set<String> = []
        func edge(_ from: String, _ to: String) {
            if edgeSet.insert(from + "→" + to).inserted { edges.append((from, to)) }
        }
        let rules = graph.rules.sorted { $0.declaration.idPosition < $1.declaration.idPosition }
        var inputs: [(String, Kind)] = []
        for rule in rules {
            let ruleID = Self.ruleID(rule.id)
            let requestFields = rule.reads.filter { $0.hasPrefix("request.") }.map { String($0.dropFirst("request.".count)) }
            if !requestFields.isEmpty {
                let action = rule.declaration.fields["action"]?.value.scalar ?? rule.id
                let id = "request_" + rule.id
                nodes.append(Node(id: id, label: "\(action) request: " + requestFields.joined(separator: ", "), kind: .request))
                edge(id, ruleID)
            }
            for path in rule.reads {
                guard let (name, kind) = Self.classify(path, graph: graph) else { continue }
                let id: String
                switch kind {
                case .table: id = "table_" + name
                case .asOf: id = "as_of"
                default:
                    if let known = fieldIDs[name] {
                        id = known
                    } else {
                        var candidate = "field_" + String(name.map { $0.isLetter || $0.isNumber ? $0 : "_" })
                        while fieldIDs.values.contains(candidate) { candidate += "_" }
                        id = candidate
                        fieldIDs[name] = id
                    }
                }
                if !inputs.contains(where: { $0.0 == id }) { inputs.append((id, kind)) }
                if !nodes.contains(where: { $0.id == id }) { nodes.append(Node(id: id, label: name, kind: kind)) }
                edge(id, ruleID)
            }
            for dependency in rule.dependencies.map({ graph.rules[$0] }).sorted(by: { $0.declaration.idPosition < $1.declaration.idPosition }) {
                edge(Self.ruleID(dependency.id), ruleID)
            }
        }
        let ruleNodes = rules.map { rule in
            Node(id: Self.ruleID(rule.id), label: rule.id, kind: .rule(kind: rule.kind.name, category: rule.category))
        }
        // Inputs first (fields in path order, then as_of, then tables), then rules in file order.
        let fields = nodes.filter { $0.kind == .field }.sorted { $0.label < $1.label }
        nodes = fields + nodes.filter { $0.kind == .asOf } + nodes.filter { $0.kind == .request }
            + nodes.filter { $0.kind == .table }.sorted { $0.label < $1.label } + ruleNodes
    }

    private static func ruleID(_ id: String) -> String { "rule_" + id }

    /// What a read path names: a table, `as_of`, or a field of the snapshot, cut where the
    /// snapshot's records end (`account.licenses`, not the fields of its items). Reads of
    /// other rules are drawn from dependencies; the rule's own bindings are not inputs.
    private static func classify(_ path: String, graph: RuleGraph) -> (String, Kind)? {
        let parts = path.split(separator: ".").map(String.init)
        guard let root = parts.first else { return nil }
        if graph.tables[root] != nil { return (root, .table) }
        if root == "as_of" { return (root, .asOf) }
        guard let slot = graph.inputType.slot(of: root) else { return nil }
        var type = graph.inputType.fields[slot].type
        var kept = [root]
        for part in parts.dropFirst() {
            guard case let .record(record) = type.unwrapped, let next = record.slot(of: part) else { break }
            kept.append(part)
            type = record.fields[next].type
        }
        return (kept.joined(separator: "."), .field)
    }

    // MARK: Mermaid

    func mermaid(title: String) -> String {
        let yamlTitle = "\"" + title.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        var out = "---\ntitle: \(yamlTitle)\n---\nflowchart LR\n"
        let fields = nodes.filter { $0.kind == .field || $0.kind == .asOf }
        if !fields.isEmpty {
            out += "  subgraph snapshot[\"snapshot\"]\n"
            for node in fields { out += "    " + mermaidNode(node) + "\n" }
            out += "  end\n"
        }
        let requests = nodes.filter { $0.kind == .request }
        if !requests.isEmpty {
            out += "  subgraph requests[\"requests\"]\n"
            for node in requests { out += "    " + mermaidNode(node) + "\n" }
            out += "  end\n"
        }
        let tables = nodes.filter { $0.kind == .table }
        if !tables.isEmpty {
            out += "  subgraph tables[\"tables\"]\n"
            for node in tables { out += "    " + mermaidNode(node) + "\n" }
            out += "  end\n"
        }
        for node in nodes {
            if case .rule = node.kind { out += "  " + mermaidNode(node) + "\n" }
        }
        for (from, to) in edges { out += "  \(from) --> \(to)\n" }
        out += "  classDef input fill:#f4f4f4,stroke:#888,color:#222\n"
        out += "  classDef table fill:#fff4d6,stroke:#b08900,color:#222\n"
        out += "  classDef value fill:#eef3ff,stroke:#5b7bd5,color:#222\n"
        out += "  classDef charge fill:#e6f5ea,stroke:#2f8f46,color:#222\n"
        out += "  classDef policy fill:#fdeaea,stroke:#c0392b,color:#222\n"
        out += "  classDef total fill:#ede4fb,stroke:#7048c0,color:#222\n"
        for (style, ids) in groupedStyles() where !ids.isEmpty {
            out += "  class \(ids.joined(separator: ",")) \(style)\n"
        }
        return out
    }

    private func mermaidNode(_ node: Node) -> String {
        let label = node.label.replacingOccurrences(of: "\"", with: "#quot;")
        switch node.kind {
        case .field, .request: return "\(node.id)[/\"\(label)\"/]"
        case .asOf: return "\(node.id)([\"as_of (the as-of date)\"])"
        case .table: return "\(node.id)[(\"\(label)\")]"
        case let .rule(kind, category):
            let text = "\(label)<br/>\(kind)"
            return category == "decision" || category == "quote" ? "\(node.id){{\"\(text)\"}}" : "\(node.id)[\"\(text)\"]"
        }
    }

    /// Node ids by style: inputs, tables, values, charges, policies and quotes, totals.
    private func groupedStyles() -> [(String, [String])] {
        var groups: [(String, [String])] = [("input", []), ("table", []), ("value", []), ("charge", []), ("policy", []), ("total", [])]
        func add(_ style: String, _ id: String) {
            if let index = groups.firstIndex(where: { $0.0 == style }) { groups[index].1.append(id) }
        }
        for node in nodes {
            switch node.kind {
            case .field, .asOf, .request: add("input", node.id)
            case .table: add("table", node.id)
            case let .rule(_, category): add(Self.style(category), node.id)
            }
        }
        return groups
    }

    private static func style(_ category: String) -> String {
        switch category {
        case "charge", "credit", "violation": "charge"
        case "decision", "quote": "policy"
        case "invoice": "total"
        default: "value"
        }
    }

    // MARK: DOT

    func dot(title: String) -> String {
        var out = "digraph rules {\n"
        out += "  label=\(quoted(title)); labelloc=t; rankdir=LR;\n"
        out += "  node [fontname=\"Helvetica\", fontsize=11];\n  edge [color=\"#666666\"];\n"
        let fields = nodes.filter { $0.kind == .field || $0.kind == .asOf }
        if !fields.isEmpty {
            out += "  subgraph cluster_snapshot {\n    label=\"snapshot\"; style=dashed; color=\"#888888\";\n"
            for node in fields { out += "    " + dotNode(node) + "\n" }
            out += "  }\n"
        }
        let requests = nodes.filter { $0.kind == .request }
        if !requests.isEmpty {
            out += "  subgraph cluster_requests {\n    label=\"requests\"; style=dashed; color=\"#888888\";\n"
            for node in requests { out += "    " + dotNode(node) + "\n" }
            out += "  }\n"
        }
        let tables = nodes.filter { $0.kind == .table }
        if !tables.isEmpty {
            out += "  subgraph cluster_tables {\n    label=\"tables\"; style=dashed; color=\"#b08900\";\n"
            for node in tables { out += "    " + dotNode(node) + "\n" }
            out += "  }\n"
        }
        for node in nodes {
            if case .rule = node.kind { out += "  " + dotNode(node) + "\n" }
        }
        for (from, to) in edges { out += "  \(from) -> \(to);\n" }
        return out + "}\n"
    }

    private func dotNode(_ node: Node) -> String {
        let colors = ["input": ("#f4f4f4", "#888888"), "table": ("#fff4d6", "#b08900"), "value": ("#eef3ff", "#5b7bd5"),
                      "charge": ("#e6f5ea", "#2f8f46"), "policy": ("#fdeaea", "#c0392b"), "total": ("#ede4fb", "#7048c0")]
        let (shape, label, style): (String, String, String)
        switch node.kind {
        case .field, .request: (shape, label, style) = ("parallelogram", node.label, "input")
        case .asOf: (shape, label, style) = ("oval", "as_of (the as-of date)", "input")
        case .table: (shape, label, style) = ("cylinder", node.label, "table")
        case let .rule(kind, category):
            shape = category == "decision" || category == "quote" ? "hexagon" : "box"
            label = node.label + "\n" + kind
            style = Self.style(category)
        }
        let (fill, stroke) = colors[style] ?? ("#ffffff", "#000000")
        return "\(node.id) [label=\(quoted(label)), shape=\(shape), style=\"filled\", fillcolor=\"\(fill)\", color=\"\(stroke)\"];"
    }

    private func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}
