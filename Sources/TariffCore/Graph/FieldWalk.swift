/// Walks a rule's mapping against the fields its kind declares, nested records and lists
/// included: reports unknown, missing and invalid fields, and parses every expression and
/// template, keyed by path (`price`, `prorate.from`, `deny[1].when`, `let.chosen`).
struct FieldWalk {
    let limits: CompileLimits
    let source: SourceText?
    var diagnostics: [Diagnostic] = []
    var expressions: [String: ExpressionSyntax] = [:]
    var templates: [String: [TemplatePiece]] = [:]
    var nodes: [String: SourceNode] = [:]

    init(limits: CompileLimits, source: SourceText?) {
        self.limits = limits
        self.source = source
    }

    mutating func walk(_ node: SourceNode, fields: [RuleField], prefix: String, owner: String) {
        guard let entries = node.entries else {
            diagnostics.append(.error("rules.expected-mapping", "\(owner) must be a mapping of fields, found \(node.kindDescription)",
                                      at: node.position))
            return
        }
        let names = fields.map(\.name)
        var present: Set<String> = []
        for entry in entries {
            guard let field = fields.first(where: { $0.name == entry.name }) else {
                diagnostics.append(.error(
                    "rules.unknown-field", "\(owner) has no field '\(entry.name)'", at: entry.key.position,
                    length: max(1, entry.name.count),
                    hint: Suggestion.hint(for: entry.name, among: names) ?? "its fields are: " + names.joined(separator: ", ")))
                continue
            }
            present.insert(entry.name)
            visit(entry.value, field: field, path: prefix + entry.name)
        }
        for field in fields where field.isRequired && !present.contains(field.name) {
            diagnostics.append(.error(
                "rules.missing-field", "\(owner) needs '\(field.name)'", at: node.position,
                hint: field.summary.isEmpty ? nil : "\(field.name): \(field.summary)"))
        }
    }

    private mutating func visit(_ node: SourceNode, field: RuleField, path: String) {
        nodes[path] = node
        switch field.shape {
        case .expression:
            guard let source = ExpressionText(node: node, source: source) else {
                diagnostics.append(.error("rules.expected-expression", "'\(path)' must be an expression, found \(node.kindDescription)",
                                          at: node.position))
                return
            }
            switch ExpressionParser.parse(source, maxDepth: limits.expressionDepth) {
            case let .success(syntax): expressions[path] = syntax
            case let .failure(failure): diagnostics.append(contentsOf: failure.diagnostics)
            }
        case .template:
            guard let source = ExpressionText(node: node, source: source) else {
                diagnostics.append(.error("rules.expected-text", "'\(path)' must be text, found \(node.kindDescription)",
                                          at: node.position))
                return
            }
            switch TemplatePiece.parse(source, maxDepth: limits.expressionDepth) {
            case let .success(pieces): templates[path] = pieces
            case let .failure(failure): diagnostics.append(contentsOf: failure.diagnostics)
            }
        case .text:
            if node.scalar == nil {
                diagnostics.append(.error("rules.expected-text", "'\(path)' must be text, found \(node.kindDescription)",
                                          at: node.position))
            }
        case let .choice(options):
            let value = node.scalar ?? ""
            if !options.contains(value) {
                diagnostics.append(.error(
                    "rules.bad-choice", "'\(value)' is not a valid \(field.name)", at: node.position, length: max(1, value.count),
                    hint: Suggestion.hint(for: value, among: options) ?? "choose one of: " + options.joined(separator: ", ")))
            }
        case .ruleList:
            let items = node.elements ?? [node]
            if items.contains(where: { $0.scalar == nil }) {
                diagnostics.append(.error("rules.expected-list", "'\(path)' must be a list of rule ids", at: node.position))
            }
        case .mapping:
            if node.entries == nil {
                diagnostics.append(.error("rules.expected-mapping", "'\(path)' must be a mapping, found \(node.kindDescription)",
                                          at: node.position))
            }
        case let .record(fields):
            walk(node, fields: fields, prefix: path + ".", owner: "'\(path)'")
        case let .list(fields):
            guard let elements = node.elements else {
                diagnostics.append(.error("rules.expected-list", "'\(path)' must be a list, each item a mapping, found \(node.kindDescription)",
                                          at: node.position))
                return
            }
            nodes[path] = node
            for (index, element) in elements.enumerated() {
                let itemPath = "\(path)[\(index)]"
                nodes[itemPath] = element
                walk(element, fields: fields, prefix: itemPath + ".", owner: "'\(path)' item \(index + 1)")
            }
        case .expressionMap:
            guard let entries = node.entries else {
                diagnostics.append(.error("rules.expected-mapping", "'\(path)' must map names to expressions, found \(node.kindDescription)",
                                          at: node.position))
                return
            }
            for entry in entries {
                visit(entry.value, field: RuleField(entry.name, .expression), path: "\(path).\(entry.name)")
            }
        }
    }
}
