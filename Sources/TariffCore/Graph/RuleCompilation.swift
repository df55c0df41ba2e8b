/// What a ``RuleKind`` sees while it compiles one rule: the rule's fields, already parsed,
/// and ways to type-check them, bind variables and report problems.
///
/// ```swift
/// func compile(_ rule: RuleCompilation) -> (any RuleProgram)? {
///     guard let each = rule.expression("each") else { return nil }
///     guard case let .list(element) = each.type else { … }
///     let item = rule.bind("item", type: element)
///     let price = rule.expression("price", expecting: .money)
///     …
/// }
/// ```
public final class RuleCompilation {
    public let declaration: RuleDeclaration
    public let registry: PluginRegistry
    public let settings: ExpressionSettings
    /// Settings sections plugins registered (`proration:`), merged over all files.
    public let sections: [String: [SourceEntry]]
    let expressions: ExpressionCompiler
    let parsed: [String: ExpressionSyntax]
    let templates: [String: [TemplatePiece]]
    let nodes: [String: SourceNode]
    var categories: [String: String] = [:]
    private(set) var diagnostics: [Diagnostic] = []
    private var bound = 0
    private(set) var parameterKeys: Set<String> = []
    private var boundParameterNames: [String] = []
    let parameterSlots: (String, ValueType) -> Int

    init(declaration: RuleDeclaration, registry: PluginRegistry, settings: ExpressionSettings,
         sections: [String: [SourceEntry]], expressions: ExpressionCompiler,
         parsed: [String: ExpressionSyntax], templates: [String: [TemplatePiece]], nodes: [String: SourceNode],
         parameterSlots: @escaping (String, ValueType) -> Int) {
        self.declaration = declaration
        self.registry = registry
        self.settings = settings
        self.sections = sections
        self.expressions = expressions
        self.parsed = parsed
        self.templates = templates
        self.nodes = nodes
        self.parameterSlots = parameterSlots
    }

    public var id: String { declaration.id }

    /// The node of a field by path (`price`, `prorate.from`, `deny[0].code`), or nil when
    /// the rule does not have it.
    public func node(_ path: String) -> SourceNode? { nodes[path] ?? declaration.fields[path]?.value }

    public func has(_ path: String) -> Bool { node(path) != nil }

    /// How many items a list field has (`deny`), zero when absent.
    public func count(_ path: String) -> Int { node(path)?.elements?.count ?? 0 }

    /// The names of an expression map (`let`), in the order written.
    public func keys(_ path: String) -> [String] { node(path)?.entries?.map(\.name) ?? [] }

    /// The field's expression, type-checked; nil (with a diagnostic) when it does not check,
    /// or when the field is absent (without one).
    public func expression(_ field: String, expecting type: ValueType? = nil) -> CompiledExpression? {
        guard let syntax = parsed[field] else { return nil }
        let before = expressions.diagnostics.count
        let compiled = expressions.compile(syntax, expecting: type, field: field)
        diagnostics.append(contentsOf: expressions.diagnostics[before...])
        expressions.diagnostics.removeSubrange(before...)
        return compiled
    }

    /// The field's template with its holes type-checked.
    public func template(_ field: String) -> CompiledTemplate? {
        guard let pieces = templates[field] else { return nil }
        var compiled: [CompiledTemplate.Piece] = []
        var failed = false
        for piece in pieces {
            switch piece {
            case let .text(text): compiled.append(.text(text))
            case let .hole(syntax):
                let before = expressions.diagnostics.count
                if let expression = expressions.compile(syntax) {
                    if expression.type.isOptional {
                        diagnostics.append(.error("type.optional", "'\(syntax.text)' may be absent; a label needs a value",
                                                  at: syntax.position, length: syntax.length,
                                                  hint: "give a default: {\(syntax.text) ?? \"…\"}"))
                        failed = true
                    }
                    compiled.append(.hole(expression))
                } else {
                    failed = true
                }
                diagnostics.append(contentsOf: expressions.diagnostics[before...])
                expressions.diagnostics.removeSubrange(before...)
            }
        }
        if failed { return nil }
        return CompiledTemplate(pieces: compiled, source: node(field)?.scalar ?? "")
    }

    /// An expression that reads the result of the rule `id` (which must be among this
    /// rule's dependencies: referenced in an expression or listed in a rule-list field).
    public func reference(_ id: String, at node: SourceNode) -> CompiledExpression? {
        let syntax = ExpressionSyntax(kind: .name(id), position: node.position, length: max(1, id.count))
        guard expressions.ruleBindings[id] != nil else {
            diagnostics.append(.error("graph.unknown-reference", "unknown rule '\(id)'", at: node.position, length: max(1, id.count),
                                      hint: Suggestion.hint(for: id, among: expressions.ruleBindings.keys)))
            return nil
        }
        return expressions.compile(syntax)
    }

    /// The rule ids listed in a rule-list field, each with its node.
    public func ruleList(_ path: String) -> [(id: String, node: SourceNode)] {
        guard let node = node(path) else { return [] }
        return (node.elements ?? [node]).compactMap { item in item.scalar.map { ($0, item) } }
    }

    /// The category of an earlier rule's kind (`charge`, `credit`, …).
    public func category(ofRule id: String) -> String? { categories[id] }

    /// A plain text field.
    public func text(_ field: String) -> String? { node(field)?.scalar }

    /// Binds a variable visible to the expressions compiled after this call; its value is
    /// set per evaluation in `frame.locals[slot]`. `repeats`: the kind sets it to one value
    /// after another within an evaluation (each element of a list), so the expressions
    /// compiled meanwhile run once per value; their parts that read no such variable are
    /// then computed once per evaluation.
    public func bind(_ name: String, type: ValueType, repeats: Bool = false) -> Int {
        bound += 1
        return expressions.bind(name, type: type, repeats: repeats)
    }

    /// A value the caller passes to each evaluation under `key` (an action's request),
    /// visible to this rule's expressions as `name`. The rule is then evaluated only when
    /// the caller supplies it.
    public func parameter(_ key: String, type: ValueType, as name: String) -> Int {
        parameterKeys.insert(key)
        let slot = parameterSlots(key, type)
        expressions.globals[name] = .parameter(slot: slot, type: type)
        boundParameterNames.append(name)
        return slot
    }

    /// Reads a type declaration (such as a request's fields) written in the rule.
    public func type(_ path: String) -> ValueType? {
        guard let node = node(path) else { return nil }
        var syntax = TypeSyntax(tableKeys: expressions.tableKeys)
        let type = syntax.type(node, path: "\(id).\(path)")
        diagnostics.append(contentsOf: syntax.diagnostics)
        return syntax.diagnostics.containsErrors ? nil : type
    }

    func unbindAll() {
        expressions.unbind(count: bound)
        bound = 0
        for name in boundParameterNames { expressions.globals.removeValue(forKey: name) }
        boundParameterNames = []
    }

    /// Removes the variables bound since `mark` (from ``boundCount``), for scoped bindings.
    public func unbind(to mark: Int) {
        let extra = bound - mark
        guard extra > 0 else { return }
        expressions.unbind(count: extra)
        bound = mark
    }

    /// How many variables are bound now; pass it to ``unbind(to:)`` later.
    public var boundCount: Int { bound }

    /// The result type of an earlier rule.
    public func resultType(ofRule id: String) -> ValueType? {
        if case let .rule(_, _, type)? = expressions.ruleBindings[id] { return type }
        return nil
    }

    /// Reports a problem with a field (at its value) or with the rule (at its id).
    public func error(_ id: String, _ message: String, field: String? = nil, hint: String? = nil) {
        let node = field.flatMap { self.node($0) }
        let position = node?.position ?? declaration.idPosition
        let length = node?.scalar.map { max(1, $0.count) } ?? 1
        diagnostics.append(.error(id, message, at: position, length: length, hint: hint))
    }

    public func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
}

/// A piece of a template: literal text or a parsed `{expression}`.
enum TemplatePiece: Sendable {
    case text(String)
    case hole(ExpressionSyntax)

    /// Splits `"{account.plan} seats"` into text and holes; `{{` and `}}` are literal braces.
    static func parse(_ source: ExpressionText, maxDepth: Int) -> Result<[TemplatePiece], DiagnosticError> {
        var pieces: [TemplatePiece] = []
        var diagnostics: [Diagnostic] = []
        let scalars = Array(source.text.unicodeScalars)
        var text = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "{", index + 1 < scalars.count, scalars[index + 1] == "{" {
                text.append("{")
                index += 2
                continue
            }
            if scalar == "}", index + 1 < scalars.count, scalars[index + 1] == "}" {
                text.append("}")
                index += 2
                continue
            }
            if scalar == "{" {
                guard let close = scalars[(index + 1)...].firstIndex(of: "}") else {
                    diagnostics.append(.error("template.unclosed", "'{' opens an expression that is never closed with '}'",
                                              at: source.part(from: index, text: "").origin, hint: "write {{ for a literal brace"))
                    break
                }
                if !text.isEmpty { pieces.append(.text(String(text))) }
                text = String.UnicodeScalarView()
                let inner = String(String.UnicodeScalarView(scalars[(index + 1)..<close]))
                let innerSource = source.part(from: index + 1, text: inner)
                switch ExpressionParser.parse(innerSource, maxDepth: maxDepth) {
                case let .success(syntax): pieces.append(.hole(syntax))
                case let .failure(error): diagnostics.append(contentsOf: error.diagnostics)
                }
                index = close + 1
                continue
            }
            text.append(scalar)
            index += 1
        }
        if !text.isEmpty { pieces.append(.text(String(text))) }
        return diagnostics.isEmpty ? .success(pieces) : .failure(DiagnosticError(diagnostics))
    }
}
