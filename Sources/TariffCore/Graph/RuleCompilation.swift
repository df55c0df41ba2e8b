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
    private(set) var diagnostics: [Diagnostic] = []
    private var bound = 0
    private(set) var usesParameters = false
    let parameterSlots: (String, ValueType) -> Int

    init(declaration: RuleDeclaration, registry: PluginRegistry, settings: ExpressionSettings,
         sections: [String: [SourceEntry]], expressions: ExpressionCompiler,
         parsed: [String: ExpressionSyntax], templates: [String: [TemplatePiece]],
         parameterSlots: @escaping (String, ValueType) -> Int) {
        self.declaration = declaration
        self.registry = registry
        self.settings = settings
        self.sections = sections
        self.expressions = expressions
        self.parsed = parsed
        self.templates = templates
        self.parameterSlots = parameterSlots
    }

    public var id: String { declaration.id }

    /// The node of a field, or nil when the rule does not have it.
    public func node(_ field: String) -> SourceNode? { declaration.fields[field]?.value }

    public func has(_ field: String) -> Bool { declaration.fields[field] != nil }

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

    /// A plain text field.
    public func text(_ field: String) -> String? { node(field)?.scalar }

    /// Binds a variable visible to the expressions compiled after this call; its value is
    /// set per evaluation in `frame.locals[slot]`.
    public func bind(_ name: String, type: ValueType) -> Int {
        bound += 1
        return expressions.bind(name, type: type)
    }

    /// A value the caller passes to each evaluation by name (`request` for a policy).
    /// The rule is then evaluated only when the caller supplies it.
    public func parameter(_ name: String, type: ValueType) -> Int {
        usesParameters = true
        let slot = parameterSlots(name, type)
        expressions.globals[name] = .parameter(slot: slot, type: type)
        return slot
    }

    func unbindAll() {
        expressions.unbind(count: bound)
        bound = 0
    }

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

    /// Splits `"{account.plan} licenses"` into text and holes; `{{` and `}}` are literal braces.
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
                                              at: source.origin.advanced(by: index), hint: "write {{ for a literal brace"))
                    break
                }
                if !text.isEmpty { pieces.append(.text(String(text))) }
                text = String.UnicodeScalarView()
                let inner = String(String.UnicodeScalarView(scalars[(index + 1)..<close]))
                let innerSource = ExpressionText(inner, at: source.origin.advanced(by: index + 1),
                                                 continuationColumn: source.continuationColumn)
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
