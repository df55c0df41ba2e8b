/// Type-checks an ``ExpressionSyntax`` tree and lowers it to closures over slots.
///
/// Every name is resolved here, once: snapshot fields become record slots, rule
/// references become result slots, macro variables become local slots. Type errors such as
/// `Money + Date` are diagnosed with the operator's position.
final class ExpressionCompiler {
    let settings: ExpressionSettings
    let functions: [String: any ExpressionFunction]
    var globals: [String: NameBinding]
    private var locals: [(name: String, slot: Int, type: ValueType, repeats: Bool)] = []
    /// Slots of macro variables (`l` in `filter(l, …)`): their reads are not traced, since
    /// they are visited for every element while choosing, not used in a result.
    private var quietSlots: Set<Int> = []
    private(set) var localCount = 0
    /// Loop-invariant operations given a memo flag so far (see ``memoized(_:)``).
    private var memoCount = 0
    /// Set while compiling the parts of a memoized operation.
    private var memoizing = false
    var diagnostics: [Diagnostic] = []
    /// Rules that may be referenced by `rules.x`, with their result types once compiled.
    var ruleBindings: [String: NameBinding] = [:]
    /// Every rule id declared, in order: a misspelt reference may be of a rule not
    /// compiled yet, and "did you mean" must consider it.
    var declaredRules: [String] = []
    /// Keys of every table, for `one_of` in type declarations inside rules.
    var tableKeys: [String: [String]] = [:]

    init(settings: ExpressionSettings, functions: [String: any ExpressionFunction], globals: [String: NameBinding]) {
        self.settings = settings
        self.functions = functions
        self.globals = globals
    }

    // MARK: Scope

    /// Binds a variable for the expressions compiled until ``unbind(_:)``. `repeats`: the
    /// variable takes one value after another within one evaluation (a rule's `each` item,
    /// a macro's element), so what is compiled meanwhile runs once per value.
    func bind(_ name: String, type: ValueType, repeats: Bool = false) -> Int {
        let slot = localCount
        localCount += 1
        locals.append((name, slot, type, repeats))
        return slot
    }

    func bindQuietly(_ name: String, type: ValueType) -> Int {
        let slot = bind(name, type: type, repeats: true)
        quietSlots.insert(slot)
        return slot
    }

    /// Whether a path's root is a macro variable.
    func isQuiet(_ syntax: ExpressionSyntax) -> Bool {
        switch syntax.kind {
        case let .name(name): locals.last(where: { $0.name == name }).map { quietSlots.contains($0.slot) } ?? false
        case let .member(base, _): isQuiet(base)
        default: false
        }
    }

    func unbind(count: Int = 1) {
        locals.removeLast(min(count, locals.count))
    }

    private func resolve(_ name: String) -> NameBinding? {
        if let local = locals.last(where: { $0.name == name }) { return .local(slot: local.slot, type: local.type) }
        if name == "rules" { return .rulesNamespace }
        return globals[name]
    }

    /// Candidates for "did you mean", in a stable order (ties go to the first).
    private var visibleNames: [String] { locals.reversed().map(\.name) + globals.keys.sorted() + declaredRules }

    // MARK: Entry points

    func compile(_ syntax: ExpressionSyntax, expecting expected: ValueType? = nil, field: String? = nil) -> CompiledExpression? {
        guard let typed = check(syntax) else { return nil }
        var evaluator = typed.evaluator
        var type = typed.type
        if let expected, type != expected {
            if type.conforms(to: expected) {
                if type.unwrapped == .int && expected.unwrapped == .decimal {
                    let inner = evaluator
                    evaluator = { frame throws(EvaluationError) in
                        let value = try inner(frame)
                        if case let .int(int) = value { return .decimal(ExactDecimal(int)) }
                        return value
                    }
                }
                type = expected
            } else {
                let what = field.map { "'\($0)'" } ?? "the expression"
                var hint: String?
                if case .optional = type { hint = "give a default for the absent case with '??'" }
                if type == .decimal || type == .int, expected == .money { hint = "declare the table or field as money" }
                diagnose("type.mismatch", "\(what) must be \(expected), but '\(syntax.text)' is \(type)",
                      at: syntax, hint: hint)
                return nil
            }
        }
        return CompiledExpression(type: type, text: syntax.text, position: syntax.position,
                                  place: type == typed.type ? typed.place : nil,
                                  predicate: type == .bool && typed.type == .bool ? typed.predicate : nil,
                                  selection: type == typed.type ? typed.selection : nil, evaluator: evaluator)
    }

    // MARK: Diagnostics

    func diagnose(_ id: String, _ message: String, at syntax: ExpressionSyntax, hint: String? = nil) {
        diagnostics.append(.error(id, message, at: syntax.position, length: syntax.length, hint: hint))
    }

    func diagnose(_ id: String, _ message: String, at position: SourcePosition, length: Int = 1, hint: String? = nil) {
        diagnostics.append(.error(id, message, at: position, length: length, hint: hint))
    }

    struct Typed {
        var type: ValueType
        var evaluator: Evaluator
        /// Where the value lives when the expression only reads it (`country`,
        /// `item.country`): the operation using it reads it there, without calling
        /// `evaluator`.
        var place: Place?

        /// A Bool expression as a `Bool` (``Predicate``): the operators that take and give
        /// Bools (`and`, `not`, `==`, `in`) call each other through it, without a `Value` to
        /// build and take apart between them.
        var predicate: PredicateBody?

        /// A `filter`'s parts (see ``ListSelection``), for a loop over its elements that
        /// need not make the kept list.
        var selection: ListSelection?

        /// An Int or Money expression as its payload (see ``IntBody``): the arithmetic
        /// that takes and gives them calls its operands through it, without a `Value`
        /// between them.
        var int: IntBody?
        var money: MoneyBody?

        init(type: ValueType, place: Place? = nil, evaluator: @escaping Evaluator) {
            self.type = type
            self.evaluator = evaluator
            self.place = place
        }

        /// A Bool expression from its predicate; its evaluator wraps the Bool.
        init(predicate: @escaping Predicate) {
            self.type = .bool
            self.predicate = PredicateBody(test: predicate)
            self.evaluator = { frame throws(EvaluationError) in .bool(try predicate(frame)) }
        }

        /// Whether the expression holds (`true`; any other value does not): the predicate
        /// where there is one, else the evaluator's value matched.
        var test: Predicate {
            if let predicate { return predicate.test }
            return CompiledExpression.matching(evaluator)
        }
    }

    // MARK: Checking and lowering

    func check(_ syntax: ExpressionSyntax) -> Typed? {
        guard isLoopInvariant(syntax) else { return checkKind(syntax) }
        // Compiled inside a loop but reading nothing the loop binds (`plan_price[plan]`
        // in a rule with `each`): computed once per evaluation (see ``memoized(_:)``). Its
        // own parts are not memoized again.
        memoizing = true
        defer { memoizing = false }
        return checkKind(syntax).map(memoized)
    }

    /// Whether `syntax` is worth computing once per evaluation and may be: an operation
    /// (a table row, a call, arithmetic; not a name, whose read is already direct),
    /// compiled while a repeating variable is bound, that reads no bound variable, while
    /// memo flags remain (``Frame/memoized`` has 64).
    private func isLoopInvariant(_ syntax: ExpressionSyntax) -> Bool {
        guard !memoizing, memoCount < Frame.memoLimit, locals.contains(where: \.repeats) else { return false }
        switch syntax.kind {
        case .index, .call, .binary, .conditional: break
        default: return false
        }
        return !syntax.freeNames().contains { name in locals.contains { $0.name == name } }
    }

    /// `typed`, computed at the first use in an evaluation and kept in a slot of its own
    /// for the rest of it: the snapshot, the rules' results and the parameters it can read
    /// do not change while an evaluation runs. With a trace it is computed at every use,
    /// so each line's explanation still shows its reads.
    private func memoized(_ typed: Typed) -> Typed {
        let flag: UInt64 = 1 << UInt64(memoCount)
        memoCount += 1
        let slot = localCount
        localCount += 1
        let inner = typed.evaluator
        var memo = Typed(type: typed.type) { frame throws(EvaluationError) in
            guard frame.trace == nil else { return try inner(frame) }
            if frame.memoized & flag != 0 { return frame.locals[slot] }
            let value = try inner(frame)
            frame.locals[slot] = value
            frame.memoized |= flag
            return value
        }
        // Money (a table's price) read back as its payload, in place.
        if let body = typed.money {
            let compute = body.get
            memo.money = MoneyBody { frame throws(EvaluationError) in
                guard frame.trace == nil else { return try compute(frame) }
                if frame.memoized & flag != 0,
                   let money = frame.locals.withSlot(slot, { value -> Money? in if case let .money(m) = value { m } else { nil } }) {
                    return money
                }
                let money = try compute(frame)
                frame.locals[slot] = .money(money)
                frame.memoized |= flag
                return money
            }
        }
        return memo
    }

    private func checkKind(_ syntax: ExpressionSyntax) -> Typed? {
        switch syntax.kind {
        case let .number(text):
            if text.contains(".") {
                guard let value = try? ExactDecimal(parsing: text) else {
                    diagnose("expr.bad-number", "number '\(text)' cannot be represented exactly", at: syntax)
                    return nil
                }
                return constant(.decimal, .decimal(value))
            }
            guard let value = Int64(text) else {
                diagnose("expr.bad-number", "integer '\(text)' is too large", at: syntax, hint: "integers hold up to 19 digits")
                return nil
            }
            return constant(.int, .int(value))
        case let .string(text): return constant(.string, .string(text))
        case let .bool(value): return constant(.bool, .bool(value))
        case .null: return constant(.null, .null)
        case let .name(name): return checkName(name, syntax)
        case let .member(base, name): return checkMember(base, name, syntax)
        case let .index(base, key): return checkIndex(base, key, syntax, defaultValue: nil)
        case let .call(name, receiver, arguments): return checkCall(name, receiver, arguments, syntax)
        case let .unary(op, operand):
            guard let operand = check(operand) else { return nil }
            return checkUnary(op, operand, syntax)
        case let .binary(op, lhs, rhs): return checkBinary(op, lhs, rhs, syntax)
        case let .conditional(condition, then, otherwise):
            let c = check(condition), t = check(then), f = check(otherwise)
            guard let c, let t, let f else { return nil }
            guard c.type == .bool else {
                diagnose("type.mismatch", "the condition of '? :' must be Bool, but '\(condition.text)' is \(c.type)", at: condition)
                return nil
            }
            guard let (type, convertT, convertF) = unify(t.type, f.type) else {
                diagnose("type.mismatch", "both branches of '? :' must have one type, but they are \(t.type) and \(f.type)", at: syntax)
                return nil
            }
            let cond = c.test, a = convertT(t.evaluator), b = convertF(f.evaluator)
            return Typed(type: type) { frame throws(EvaluationError) in
                if try cond(frame) { return try a(frame) }
                return try b(frame)
            }
        case let .list(elements):
            var typed: [Typed] = []
            for element in elements {
                guard let t = check(element) else { return nil }
                typed.append(t)
            }
            // The first element sets the type; `.null` is only for an empty list, else
            // `[1, 2]` would unify with it into `[Int?]`.
            var elementType = typed.first?.type ?? .null
            for t in typed.dropFirst() {
                guard let (unified, _, _) = unify(elementType, t.type) else {
                    diagnose("type.mismatch", "a list's elements must have one type, found \(elementType) and \(t.type)", at: syntax)
                    return nil
                }
                elementType = unified
            }
            let evaluators = typed.map { t in promote(t.evaluator, from: t.type, to: elementType) }
            if evaluators.isEmpty { return constant(.list(.null), .list([])) }
            return Typed(type: .list(elementType)) { frame throws(EvaluationError) in
                var values: [Value] = []
                values.reserveCapacity(evaluators.count)
                for evaluator in evaluators { values.append(try evaluator(frame)) }
                return .list(values)
            }
        }
    }

    private func constant(_ type: ValueType, _ value: Value) -> Typed {
        Typed(type: type) { _ throws(EvaluationError) in value }
    }

    /// The common type of two branches, with conversions for each side.
    func unify(_ a: ValueType, _ b: ValueType)
        -> (ValueType, (@escaping Evaluator) -> Evaluator, (@escaping Evaluator) -> Evaluator)? {
        let same: (@escaping Evaluator) -> Evaluator = { $0 }
        if a == b { return (a, same, same) }
        if a == .null { return (b.isOptional ? b : .optional(b), same, same) }
        if b == .null { return (a.isOptional ? a : .optional(a), same, same) }
        if a.unwrapped == b.unwrapped { return (.optional(a.unwrapped), same, same) }
        if a.isNumeric, b.isNumeric {
            return (.decimal, { self.promote($0, from: a, to: .decimal) }, { self.promote($0, from: b, to: .decimal) })
        }
        if case let .list(x) = a, case let .list(y) = b, x == .null || y == .null {
            return (x == .null ? b : a, same, same)
        }
        return nil
    }

    func promote(_ evaluator: @escaping Evaluator, from: ValueType, to: ValueType) -> Evaluator {
        guard from.unwrapped == .int, to.unwrapped == .decimal else { return evaluator }
        return { frame throws(EvaluationError) in
            let value = try evaluator(frame)
            if case let .int(int) = value { return .decimal(ExactDecimal(int)) }
            return value
        }
    }

    // MARK: Names and members

    private func checkName(_ name: String, _ syntax: ExpressionSyntax) -> Typed? {
        guard let binding = resolve(name) else {
            diagnose("expr.unknown-name", "unknown name '\(name)'", at: syntax,
                  hint: Suggestion.hint(for: name, among: visibleNames))
            return nil
        }
        let position = syntax.position
        switch binding {
        case let .input(slot, type):
            return Typed(type: type, place: .input(slot)) { frame throws(EvaluationError) in frame.input[slot] }
        case let .rule(index, id, type):
            return Typed(type: type, place: .result(index)) { frame throws(EvaluationError) in
                let value = frame.results[index]
                frame.trace?.read(id, value)
                return value
            }
        case let .local(slot, type):
            return Typed(type: type, place: .local(slot)) { frame throws(EvaluationError) in frame.locals[slot] }
        case let .parameter(slot, type):
            return Typed(type: type) { frame throws(EvaluationError) in frame.parameters[slot] }
        case .asOf:
            return Typed(type: .date) { frame throws(EvaluationError) in
                frame.trace?.read("as_of", .date(frame.asOf))
                return .date(frame.asOf)
            }
        case .table(let table):
            diagnose("type.table-value", "table '\(table.name)' is not a value; look up a row with \(table.name)[key]",
                  at: syntax, hint: table.keys.first.map { "for example \(table.name)[\"\($0)\"]" })
            return nil
        case .rulesNamespace:
            diagnose("type.rules-namespace", "'rules' is not a value; name a rule, such as rules.\(ruleBindings.keys.sorted().first ?? "id")",
                  at: syntax)
            _ = position
            return nil
        }
    }

    private func checkMember(_ baseSyntax: ExpressionSyntax, _ name: String, _ syntax: ExpressionSyntax) -> Typed? {
        // `rules.x` and `table.KEY` are resolved by name, not by value.
        if case let .name(baseName) = baseSyntax.kind, let binding = resolve(baseName) {
            switch binding {
            case .rulesNamespace:
                guard let rule = ruleBindings[name] else {
                    diagnose("graph.unknown-reference", "unknown rule '\(name)'", at: syntax,
                          hint: Suggestion.hint(for: name, among: declaredRules))
                    return nil
                }
                return checkName(name, ExpressionSyntax(kind: .name(name), position: syntax.position, length: syntax.length))
                    .map { typed in _ = rule; return typed }
            case let .table(table):
                return lookupLiteral(table, key: name, at: syntax, defaultValue: nil)
            default: break
            }
        }
        guard let base = check(baseSyntax) else { return nil }
        let path = syntax.text
        let position = syntax.position
        switch base.type {
        case let .record(record):
            guard let slot = record.slot(of: name) else {
                diagnose("expr.unknown-field", "\(describe(baseSyntax)) has no field '\(name)'", at: syntax,
                      hint: Suggestion.hint(for: name, among: record.fields.map(\.name))
                        ?? "its fields are: \(record.fields.map(\.name).joined(separator: ", "))")
                return nil
            }
            let type = record.fields[slot].type
            let evaluator = base.evaluator
            let traced = !isContainer(type) && !isQuiet(baseSyntax)
            // `item.country`, `period.end`: the field read in place from the local or the
            // snapshot, without copying the record out first.
            if case let .name(baseName) = baseSyntax.kind {
                switch resolve(baseName) {
                case let .local(baseSlot, _)?:
                    return Typed(type: type, place: .localField(baseSlot, slot)) { frame throws(EvaluationError) in
                        guard let field = frame.locals.field(baseSlot, at: slot) else { throw .internalTypeError(path, at: position) }
                        if traced, let trace = frame.trace { trace.read(path, field) }
                        return field
                    }
                case let .input(baseSlot, _)?:
                    return Typed(type: type, place: .inputField(baseSlot, slot)) { frame throws(EvaluationError) in
                        guard let field = frame.input[baseSlot].field(at: slot) else { throw .internalTypeError(path, at: position) }
                        if traced, let trace = frame.trace { trace.read(path, field) }
                        return field
                    }
                default: break
                }
            }
            return Typed(type: type) { frame throws(EvaluationError) in
                guard let field = try evaluator(frame).field(at: slot) else { throw .internalTypeError(path, at: position) }
                if traced, let trace = frame.trace { trace.read(path, field) }
                return field
            }
        case .optional(let wrapped):
            diagnose("type.optional", "'\(baseSyntax.text)' may be absent (its type is \(base.type)), so '.\(name)' cannot be read from it",
                  at: syntax, hint: "check it first or give a default: (\(baseSyntax.text) ?? …).\(name)")
            _ = wrapped
            return nil
        case .period:
            let evaluator = base.evaluator
            switch name {
            case "start", "end":
                let isStart = name == "start"
                return Typed(type: .date) { frame throws(EvaluationError) in
                    guard case let .period(period) = try evaluator(frame) else { throw .internalTypeError(path, at: position) }
                    return .date(isStart ? period.start : period.end)
                }
            case "days":
                return Typed(type: .int) { frame throws(EvaluationError) in
                    guard case let .period(period) = try evaluator(frame) else { throw .internalTypeError(path, at: position) }
                    return .int(Int64(period.days))
                }
            default:
                diagnose("expr.unknown-field", "a Period has no field '\(name)'", at: syntax,
                      hint: Suggestion.hint(for: name, among: ["start", "end", "days"]) ?? "its fields are start, end and days")
                return nil
            }
        case .date:
            let evaluator = base.evaluator
            let parts: [String: @Sendable (CivilDate) -> Int] = ["year": { $0.year }, "month": { $0.month }, "day": { $0.day }]
            guard let part = parts[name] else {
                diagnose("expr.unknown-field", "a Date has no field '\(name)'", at: syntax,
                      hint: Suggestion.hint(for: name, among: parts.keys) ?? "its fields are year, month and day")
                return nil
            }
            return Typed(type: .int) { frame throws(EvaluationError) in
                guard case let .date(date) = try evaluator(frame) else { throw .internalTypeError(path, at: position) }
                return .int(Int64(part(date)))
            }
        case .money:
            let evaluator = base.evaluator
            switch name {
            case "amount":
                return Typed(type: .decimal) { frame throws(EvaluationError) in
                    guard case let .money(money) = try evaluator(frame) else { throw .internalTypeError(path, at: position) }
                    return .decimal(money.amount)
                }
            case "currency":
                return Typed(type: .string) { frame throws(EvaluationError) in
                    guard case let .money(money) = try evaluator(frame) else { throw .internalTypeError(path, at: position) }
                    return .string(money.currency.code)
                }
            default:
                diagnose("expr.unknown-field", "a Money value has no field '\(name)'", at: syntax, hint: "its fields are amount and currency")
                return nil
            }
        default:
            diagnose("expr.unknown-field", "\(describe(baseSyntax)) is \(base.type), which has no fields", at: syntax)
            return nil
        }
    }

    private func describe(_ syntax: ExpressionSyntax) -> String { "'\(syntax.text)'" }

    private func isContainer(_ type: ValueType) -> Bool {
        switch type.unwrapped {
        case .list, .record: true
        default: false
        }
    }

    // MARK: Lookups

    private func lookupLiteral(_ table: Table, key: String, at syntax: ExpressionSyntax, defaultValue: Typed?) -> Typed? {
        var type = table.valueType
        if let defaultValue {
            // The default must fit the table whether or not the row exists today, as it
            // must for a key computed at evaluation.
            guard let (unified, _, convertDefault) = unify(table.valueType, defaultValue.type) else {
                diagnose("type.mismatch", "the default after '??' must be \(table.valueType), but it is \(defaultValue.type)",
                      at: syntax)
                return nil
            }
            type = unified
            if table[key] == nil { return Typed(type: unified, evaluator: convertDefault(defaultValue.evaluator)) }
        }
        guard let value = table[key] else {
            diagnose("table.unknown-row", "table '\(table.name)' has no row '\(key)'", at: syntax,
                  hint: Suggestion.hint(for: key, among: table.keys) ?? "its rows are: \(table.keys.joined(separator: ", "))")
            return nil
        }
        let label = Table.label(table.name, key)
        let row: Evaluator = { frame throws(EvaluationError) in
            frame.trace?.read(label, value)
            return value
        }
        return Typed(type: type, evaluator: promote(row, from: table.valueType, to: type))
    }

    /// `table[key]` and `list[index]`. With a default (from `??`), a missing row yields the
    /// default instead of an error.
    func checkIndex(_ baseSyntax: ExpressionSyntax, _ keySyntax: ExpressionSyntax, _ syntax: ExpressionSyntax,
                    defaultValue: Typed?) -> Typed? {
        if case let .name(baseName) = baseSyntax.kind, case let .table(table)? = resolve(baseName) {
            if case let .string(literal) = keySyntax.kind {
                return lookupLiteral(table, key: literal, at: keySyntax, defaultValue: defaultValue)
            }
            guard let key = check(keySyntax) else { return nil }
            guard key.type == .string else {
                diagnose("type.mismatch", "table '\(table.name)' is keyed by String, but '\(keySyntax.text)' is \(key.type)",
                      at: keySyntax)
                return nil
            }
            var fallback: Evaluator?
            var type = table.valueType
            if let defaultValue {
                guard let (unified, convertRow, convertDefault) = unify(table.valueType, defaultValue.type) else {
                    diagnose("type.mismatch", "the default after '??' must be \(table.valueType), but it is \(defaultValue.type)",
                          at: syntax)
                    return nil
                }
                type = unified
                fallback = convertDefault(defaultValue.evaluator)
                _ = convertRow
            }
            let keyEvaluator = key.evaluator
            let fallbackEvaluator = fallback
            let name = table.name
            let keys = table.keys
            let position = keySyntax.position, length = keySyntax.length
            let toDecimal = type == .decimal && table.valueType == .int
            let keyPlace = key.place
            /// The row's value; nil when the table has no row for the key, which is returned
            /// in `missing` (a short key read in place is not copied out unless it is missing).
            @Sendable @inline(__always) func row(_ frame: Frame, missing: inout String) throws(EvaluationError) -> Value? {
                var found: Value?
                var traced: String?   // the key, when a trace records the read
                if let keyPlace, let words = keyPlace.inlineText(frame) {
                    found = table.row(words)
                    if found == nil, case let .string(text) = try Place.value(keyPlace, else: keyEvaluator, frame) { missing = text }
                } else {
                    guard case let .string(text) = try Place.value(keyPlace, else: keyEvaluator, frame) else {
                        throw .internalTypeError("table key", at: position)
                    }
                    found = table[text]
                    if found == nil { missing = text } else if frame.trace != nil { traced = text }
                }
                if toDecimal, case let .int(int)? = found { found = .decimal(ExactDecimal(int)) }
                if let traced, let found, let trace = frame.trace { trace.read(Table.label(name, traced), found) }
                return found
            }
            // With a default and without, two closures: neither copies an optional
            // fallback out on each lookup (a retain and a release).
            if let fallbackEvaluator {
                return Typed(type: type) { frame throws(EvaluationError) in
                    var missing = ""
                    if let value = try row(frame, missing: &missing) { return value }
                    return try fallbackEvaluator(frame)
                }
            }
            return Typed(type: type) { frame throws(EvaluationError) in
                var missing = ""
                if let value = try row(frame, missing: &missing) { return value }
                throw EvaluationError("table.unknown-row", "table '\(name)' has no row '\(missing)'", at: position, length: length,
                                      hint: Suggestion.hint(for: missing, among: keys) ?? "add a row, or give a default with '??'")
            }
        }
        guard let base = check(baseSyntax), let key = check(keySyntax) else { return nil }
        guard case let .list(element) = base.type else {
            diagnose("type.mismatch", "only lists and tables can be indexed, but '\(baseSyntax.text)' is \(base.type)", at: baseSyntax)
            return nil
        }
        guard key.type == .int else {
            diagnose("type.mismatch", "a list index must be Int, but '\(keySyntax.text)' is \(key.type)", at: keySyntax)
            return nil
        }
        let baseEvaluator = base.evaluator, keyEvaluator = key.evaluator
        let position = syntax.position, length = syntax.length
        return Typed(type: element) { frame throws(EvaluationError) in
            guard case let .list(values) = try baseEvaluator(frame), case let .int(index) = try keyEvaluator(frame) else {
                throw .internalTypeError("index", at: position)
            }
            guard index >= 0, index < values.count else {
                throw EvaluationError("eval.index", "index \(index) is outside the list of \(values.count) items",
                                      at: position, length: length)
            }
            return values[Int(index)]
        }
    }
}
