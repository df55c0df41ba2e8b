/// Compiles rule files into a ``RuleGraph``, reporting every problem in every file at once.
///
/// ```swift
/// let compiler = RuleCompiler(registry: .standard)
/// switch compiler.compile(documents) {
/// case let .success(graph): …
/// case let .failure(error): print(DiagnosticRenderer(sources: …).render(error.diagnostics))
/// }
/// ```
///
/// Phases: read settings, input schema and tables; collect rule declarations (unknown kinds,
/// unknown or missing fields, duplicate ids); parse every expression; build the dependency
/// graph and reject cycles; type-check and lower each rule in topological order.
public struct RuleCompiler: Sendable {
    public var registry: PluginRegistry
    public var limits: CompileLimits

    public init(registry: PluginRegistry, limits: CompileLimits = .default) {
        self.registry = registry
        self.limits = limits
    }

    /// Top-level sections the core reads itself.
    static let coreSections = ["tariff", "currency", "input", "tables", "rules"]

    public func compile(_ documents: [SourceDocument]) -> Result<RuleGraph, DiagnosticError> {
        var state = CompilerState(registry: registry, limits: limits)
        return state.compile(documents)
    }
}

/// The working state of one compilation.
struct CompilerState {
    let registry: PluginRegistry
    let limits: CompileLimits
    var diagnostics: [Diagnostic] = []
    var currency: (Currency, SourcePosition)?
    var sections: [String: [SourceEntry]] = [:]
    var inputNodes: [SourceEntry] = []
    var tableNodes: [SourceEntry] = []
    var declarations: [RuleDeclaration] = []
    /// Each file's text, to map expression tokens inside YAML scalars back to the file.
    var sourceTexts: [String: SourceText] = [:]

    init(registry: PluginRegistry, limits: CompileLimits) {
        self.registry = registry
        self.limits = limits
    }

    mutating func diagnose(_ id: String, _ message: String, at position: SourcePosition, length: Int = 1,
                        notes: [Diagnostic.Note] = [], hint: String? = nil) {
        diagnostics.append(.error(id, message, at: position, length: length, notes: notes, hint: hint))
    }

    mutating func compile(_ documents: [SourceDocument]) -> Result<RuleGraph, DiagnosticError> {
        for document in documents {
            sourceTexts[document.file] = SourceText(document.text, file: document.file)
            readDocument(document)
        }
        if declarations.isEmpty, diagnostics.isEmpty {
            diagnostics.append(.error("rules.none", "no rules found", at: nil,
                                      hint: "a rule file has a 'rules:' list; see rules/ in the Tariff repository"))
        }
        let settings = readSettings()
        let tables = readTables(settings: settings)
        var schema = TypeSyntax(tableKeys: tables.mapValues(\.keys))
        let inputType = readInput(&schema)
        diagnostics.append(contentsOf: schema.diagnostics)

        // Declarations: duplicate ids, names colliding with tables or input fields.
        var firstPosition: [String: SourcePosition] = [:]
        var unique: [RuleDeclaration] = []
        for declaration in declarations {
            if let first = firstPosition[declaration.id] {
                diagnose("graph.duplicate-id", "rule id '\(declaration.id)' is already used", at: declaration.idPosition,
                      length: declaration.id.count, notes: [.init("'\(declaration.id)' first defined here", at: first)],
                      hint: "rule ids must be unique across all rule files")
                continue
            }
            firstPosition[declaration.id] = declaration.idPosition
            if tables[declaration.id] != nil || inputType.slot(of: declaration.id) != nil || declaration.id == "as_of" {
                diagnose("graph.name-clash", "rule id '\(declaration.id)' is also the name of a table or snapshot field",
                      at: declaration.idPosition, length: declaration.id.count, hint: "rename the rule")
                continue
            }
            unique.append(declaration)
        }

        // Parse every expression and template field.
        var parsed: [[String: ExpressionSyntax]] = []
        var templates: [[String: [TemplatePiece]]] = []
        var parseFailed = [Bool](repeating: false, count: unique.count)
        var nodesByRule: [[String: SourceNode]] = []
        for (index, declaration) in unique.enumerated() {
            var fields = FieldWalk(limits: limits, source: sourceTexts[declaration.file])
            if let kind = registry.kinds[declaration.kind], let root = declaration.root {
                fields.walk(root, fields: RuleDeclaration.commonFields + kind.fields, prefix: "", owner: "a \(kind.name) rule")
            }
            diagnostics.append(contentsOf: fields.diagnostics)
            if fields.diagnostics.containsErrors { parseFailed[index] = true }
            let expressions = fields.expressions
            let pieces = fields.templates
            nodesByRule.append(fields.nodes)
            parsed.append(expressions)
            templates.append(pieces)
        }

        // Dependencies.
        let ids = Dictionary(uniqueKeysWithValues: unique.enumerated().map { ($1.id, $0) })
        var dependencies = [[Int]](repeating: [], count: unique.count)
        var readsAsOf = false
        for (index, declaration) in unique.enumerated() {
            var names: Set<String> = []
            for syntax in parsed[index].values { names.formUnion(syntax.freeNames()) }
            for pieces in templates[index].values {
                for case let .hole(syntax) in pieces { names.formUnion(syntax.freeNames()) }
            }
            if names.contains("as_of") { readsAsOf = true }
            var edges: Set<Int> = []
            for name in names { if let target = ids[name], target != index { edges.insert(target) } }
            if names.contains(declaration.id) {
                diagnose("graph.cycle", "rule '\(declaration.id)' refers to itself", at: declaration.idPosition,
                      length: declaration.id.count, hint: "a rule cannot use its own result")
                parseFailed[index] = true
            }
            let listFields = ["after"] + (registry.kinds[declaration.kind]?.fields ?? [])
                .filter { $0.shape == .ruleList }.map(\.name)
            for listField in Set(listFields) {
                guard let after = declaration.fields[listField]?.value else { continue }
                let items = after.elements ?? [after]
                for item in items {
                    guard let name = item.scalar else { continue }
                    if let target = ids[name] {
                        edges.insert(target)
                    } else {
                        diagnose("graph.unknown-reference", "'\(listField)' names unknown rule '\(name)'", at: item.position,
                              length: name.count, hint: Suggestion.hint(for: name, among: ids.keys))
                    }
                }
            }
            dependencies[index] = edges.sorted()
        }

        let (order, inCycle) = topologicalOrder(unique, dependencies)

        // Type-check and lower in order.
        let expressionCompiler = ExpressionCompiler(settings: settings, functions: registry.functions, globals: [:])
        for (slot, field) in inputType.fields.enumerated() {
            expressionCompiler.globals[field.name] = .input(slot: slot, type: field.type)
        }
        for (name, table) in tables { expressionCompiler.globals[name] = .table(table) }
        expressionCompiler.tableKeys = tables.mapValues(\.keys)
        expressionCompiler.globals["as_of"] = .asOf
        expressionCompiler.declaredRules = unique.map(\.id)

        var parameters: [String: (slot: Int, type: ValueType)] = [:]
        var parameterDiagnostics: [Diagnostic] = []
        var compiled: [Int: (program: any RuleProgram, parameterKeys: Set<String>)] = [:]
        var failed = Set<Int>()
        var categories: [String: String] = [:]
        for (slot, index) in order.enumerated() {
            let declaration = unique[index]
            if parseFailed[index] || inCycle.contains(index) || dependencies[index].contains(where: failed.contains) {
                failed.insert(index)
                continue
            }
            guard let kind = registry.kinds[declaration.kind] else {
                failed.insert(index)
                continue
            }
            let compilation = RuleCompilation(
                declaration: declaration, registry: registry, settings: settings, sections: sections,
                expressions: expressionCompiler, parsed: parsed[index], templates: templates[index], nodes: nodesByRule[index],
                parameterSlots: { name, type in
                    if let existing = parameters[name] {
                        if existing.type != type {
                            parameterDiagnostics.append(.error(
                                "graph.parameter-type", "parameter '\(name)' is \(type) here but \(existing.type) elsewhere",
                                at: declaration.idPosition))
                        }
                        return existing.slot
                    }
                    let slot = parameters.count
                    parameters[name] = (slot, type)
                    return slot
                })
            compilation.categories = categories
            let program = kind.compile(compilation)
            compilation.unbindAll()
            // Let go of the shared copy, so adding this rule's category below mutates in
            // place instead of copying every category so far (quadratic in the rules).
            compilation.categories = [:]
            diagnostics.append(contentsOf: compilation.diagnostics)
            guard let program, !compilation.diagnostics.containsErrors else {
                failed.insert(index)
                continue
            }
            var keys = compilation.parameterKeys
            for dependency in dependencies[index] { keys.formUnion(compiled[dependency]?.parameterKeys ?? []) }
            compiled[index] = (program, keys)
            let binding = NameBinding.rule(index: slot, id: declaration.id, type: program.resultType)
            expressionCompiler.ruleBindings[declaration.id] = binding
            categories[declaration.id] = kind.category
            expressionCompiler.globals[declaration.id] = binding
        }
        diagnostics.append(contentsOf: parameterDiagnostics)

        if diagnostics.containsErrors {
            return .failure(DiagnosticError(deduplicated(diagnostics).sortedByPosition()))
        }

        // Renumber rule slots by topological position.
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        let rules: [CompiledRule] = order.compactMap { index in
            guard let entry = compiled[index], let kind = registry.kinds[unique[index].kind] else { return nil }
            var rule = CompiledRule(id: unique[index].id, kind: kind, declaration: unique[index], program: entry.program,
                                    dependencies: dependencies[index].compactMap { position[$0] }, parameterKeys: entry.parameterKeys)
            var reads = Set(parsed[index].values.flatMap { $0.readPaths() })
            for pieces in templates[index].values {
                for case let .hole(syntax) in pieces { reads.formUnion(syntax.readPaths()) }
            }
            rule.reads = reads.sorted()
            return rule
        }
        return .success(RuleGraph(rules: rules, inputType: inputType, tables: tables, settings: settings,
                                  sections: sections, limits: limits, parameters: parameters,
                                  localCount: expressionCompiler.localCount, readsAsOf: readsAsOf))
    }

    private func deduplicated(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }
    }

    /// Kahn's algorithm, stable in declaration order; rules left over are on cycles, each
    /// cycle reported once with its path.
    private mutating func topologicalOrder(_ rules: [RuleDeclaration], _ dependencies: [[Int]]) -> ([Int], Set<Int>) {
        var remaining = dependencies.map(\.count)
        var dependents = [[Int]](repeating: [], count: rules.count)
        for (index, edges) in dependencies.enumerated() {
            for target in edges { dependents[target].append(index) }
        }
        var ready = rules.indices.filter { remaining[$0] == 0 }
        var order: [Int] = []
        var cursor = 0
        while cursor < ready.count {
            let index = ready[cursor]
            cursor += 1
            order.append(index)
            for dependent in dependents[index] {
                remaining[dependent] -= 1
                if remaining[dependent] == 0 { ready.append(dependent) }
            }
        }
        let leftover = Set(rules.indices).subtracting(order)
        var reported = Set<Int>()
        for start in leftover.sorted() where !reported.contains(start) {
            // Walk dependencies inside the leftover set until a rule repeats: that is a cycle.
            var path: [Int] = [start]
            var visited: [Int: Int] = [start: 0]
            var current = start
            while let next = dependencies[current].first(where: { leftover.contains($0) }) {
                if let at = visited[next] {
                    let cycle = Array(path[at...])
                    if cycle.contains(where: reported.contains) { break }
                    reported.formUnion(cycle)
                    // Start the printed path at the rule declared first.
                    let first = cycle.min() ?? next
                    let rotation = cycle.firstIndex(of: first) ?? 0
                    let rotated = Array(cycle[rotation...] + cycle[..<rotation])
                    // Dependencies point from a rule to what it reads; print "a -> b" as "a reads b".
                    let names = (rotated + [rotated[0]]).map { rules[$0].id }
                    let head = rules[rotated[0]]
                    diagnose("graph.cycle", "dependency cycle: " + names.joined(separator: " -> "), at: head.idPosition,
                          length: head.id.count,
                          notes: rotated.dropFirst().map { .init("'\(rules[$0].id)' is part of the cycle", at: rules[$0].idPosition) },
                          hint: "a rule cannot depend, directly or through others, on its own result")
                    break
                }
                visited[next] = path.count
                path.append(next)
                current = next
            }
        }
        return (order, leftover)
    }
}
