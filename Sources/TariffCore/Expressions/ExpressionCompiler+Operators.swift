/// Unary and binary operators: their typing rules and lowered forms.
extension ExpressionCompiler {
    func checkUnary(_ op: ExpressionSyntax.UnaryOperator, _ operand: Typed, _ syntax: ExpressionSyntax) -> Typed? {
        let evaluator = operand.evaluator
        let position = syntax.position, length = syntax.length
        switch (op, operand.type) {
        case (.not, .bool):
            if let inner = operand.predicate?.test {
                return Typed { frame throws(EvaluationError) in !(try inner(frame)) }
            }
            return Typed { frame throws(EvaluationError) in
                guard case let .bool(value) = try evaluator(frame) else { throw .internalTypeError("not", at: position) }
                return !value
            }
        case (.negate, .int), (.negate, .decimal), (.negate, .money):
            return Typed(type: operand.type) { frame throws(EvaluationError) in
                let value = try evaluator(frame)
                do throws(ArithmeticError) {
                    switch value {
                    case let .int(value):
                        let (result, overflow) = Int64(0).subtractingReportingOverflow(value)
                        if overflow { throw .overflow("-\(value)") }
                        return .int(result)
                    case let .decimal(value): return .decimal(try value.negated())
                    case let .money(value): return .money(Money(try value.amount.negated(), value.currency))
                    default: return value
                    }
                } catch {
                    throw EvaluationError(error, at: position, length: length)
                }
            }
        default:
            diagnose("type.mismatch", "operator '\(op.rawValue)' cannot be applied to \(operand.type)", at: syntax,
                  hint: op == .not ? "'not' takes a Bool" : "'-' takes a number or Money")
            return nil
        }
    }

    func checkBinary(_ op: ExpressionSyntax.BinaryOperator, _ lhsSyntax: ExpressionSyntax, _ rhsSyntax: ExpressionSyntax,
                     _ syntax: ExpressionSyntax) -> Typed? {
        if op == .coalesce { return checkCoalesce(lhsSyntax, rhsSyntax, syntax) }
        if op == .in, case let .name(name) = rhsSyntax.kind, case let .table(table)? = globals[name] {
            guard let key = check(lhsSyntax) else { return nil }
            guard key.type == .string else {
                diagnose("type.mismatch", "table '\(table.name)' is keyed by String, but '\(lhsSyntax.text)' is \(key.type)", at: lhsSyntax)
                return nil
            }
            let evaluator = key.evaluator
            return Typed { frame throws(EvaluationError) in
                guard case let .string(text) = try evaluator(frame) else { return false }
                return table[text] != nil
            }
        }
        let l = check(lhsSyntax), r = check(rhsSyntax)
        guard let l, let r else { return nil }
        let position = syntax.position, length = syntax.length
        let mismatch = {
            self.diagnose("type.mismatch", "operator '\(op.rawValue)' cannot combine \(l.type) and \(r.type)", at: syntax,
                       hint: self.operatorHint(op, l.type, r.type))
        }
        let le = l.evaluator, re = r.evaluator
        switch op {
        case .and, .or:
            guard l.type == .bool, r.type == .bool else {
                mismatch()
                return nil
            }
            let isAnd = op == .and
            if let lp = l.predicate?.test, let rp = r.predicate?.test {
                return Typed { frame throws(EvaluationError) in
                    let a = try lp(frame)
                    if a != isAnd { return a }
                    return try rp(frame)
                }
            }
            return Typed { frame throws(EvaluationError) in
                guard case let .bool(a) = try le(frame) else { throw .internalTypeError("and/or", at: position) }
                if a != isAnd { return a }
                guard case let .bool(b) = try re(frame) else { throw .internalTypeError("and/or", at: position) }
                return b
            }
        case .equal, .notEqual:
            guard comparable(l.type, r.type, ordered: false) else {
                mismatch()
                return nil
            }
            let negate = op == .notEqual
            if l.type == .string, r.type == .string, let lp = l.place, let rp = r.place {
                // `item.country == country`: both read where they live.
                return Typed { frame throws(EvaluationError) in
                    // Short codes (`FR`, `ADVANCED`) compare as they are held, not copied out.
                    if let equal = lp.textEquals(rp, frame) { return equal != negate }
                    guard case let .string(x) = try Place.value(lp, else: le, frame), case let .string(y) = try Place.value(rp, else: re, frame) else {
                        throw .internalTypeError("comparison", at: position)
                    }
                    return (x == y) != negate
                }
            }
            return Typed { frame throws(EvaluationError) in
                let a = try le(frame), b = try re(frame)
                // Text equality needs no ordering: one comparison instead of two.
                if case let .string(x) = a, case let .string(y) = b { return (x == y) != negate }
                let equal = try Self.compare(a, b, at: position) == 0
                return equal != negate
            }
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard comparable(l.type, r.type, ordered: true) else {
                mismatch()
                return nil
            }
            return Typed { frame throws(EvaluationError) in
                guard let order = try Self.compare(try le(frame), try re(frame), at: position) else {
                    throw .internalTypeError("comparison", at: position)
                }
                switch op {
                case .less: return order < 0
                case .lessOrEqual: return order <= 0
                case .greater: return order > 0
                default: return order >= 0
                }
            }
        case .in:
            guard case let .list(element) = r.type, element == .null || comparable(l.type, element, ordered: false) else {
                mismatch()
                return nil
            }
            let lp = l.place, rp = r.place
            return Typed { frame throws(EvaluationError) in
                // `n.country in verified_countries`: short codes found where they live.
                if let lp, let rp, let (found, count) = lp.textIn(rp, frame) {
                    try frame.step(count, at: position)
                    return found
                }
                let needle = try Place.value(lp, else: le, frame)
                guard case let .list(values) = try re(frame) else { throw .internalTypeError("in", at: position) }
                try frame.step(values.count, at: position)
                // Text equals only equal text (compare agrees), so skip the general comparison.
                if case let .string(text) = needle {
                    for case let .string(candidate) in values where candidate == text { return true }
                    return false
                }
                for value in values where try Self.compare(needle, value, at: position) == 0 { return true }
                return false
            }
        case .add, .subtract, .multiply, .divide, .remainder:
            guard let type = arithmeticType(op, l.type, r.type) else {
                mismatch()
                return nil
            }
            if let lowered = payloadArithmetic(op, l, r, at: position, length: length) { return lowered }
            let settings = self.settings
            return Typed(type: type) { frame throws(EvaluationError) in
                let a = try le(frame), b = try re(frame)
                do {
                    return try Self.arithmetic(op, a, b, settings: settings)
                } catch let error as ArithmeticError {
                    throw EvaluationError(error, at: position, length: length)
                } catch let error as EvaluationError {
                    throw error
                } catch {
                    throw EvaluationError("eval.internal", "\(error)", at: position)
                }
            }
        case .coalesce:
            return nil
        }
    }

    private func operatorHint(_ op: ExpressionSyntax.BinaryOperator, _ l: ValueType, _ r: ValueType) -> String? {
        if l.isOptional || r.isOptional { return "one side may be absent; give it a default with '??'" }
        switch (l, r) {
        case (.money, .date), (.date, .money): return "a Date is not an amount; did you mean to count days with days_between?"
        case (.money, .decimal), (.decimal, .money), (.money, .int), (.int, .money):
            return op == .add || op == .subtract ? "add Money to Money; multiply Money by a number" : nil
        case (.string, .int), (.int, .string), (.string, .decimal), (.decimal, .string):
            return "text and numbers do not mix; convert with string(x)"
        default: return nil
        }
    }

    func comparable(_ a: ValueType, _ b: ValueType, ordered: Bool) -> Bool {
        if !ordered {
            if a == .null || b == .null { return a.isOptional || b.isOptional }
            if a.isOptional || b.isOptional { return comparable(a.unwrapped, b.unwrapped, ordered: false) }
        } else if a.isOptional || b.isOptional {
            return false
        }
        switch (a, b) {
        case (.int, .int), (.int, .decimal), (.decimal, .int), (.decimal, .decimal): return true
        case (.money, .money), (.money, .int), (.money, .decimal), (.int, .money), (.decimal, .money): return true
        case (.date, .date), (.string, .string): return true
        case (.bool, .bool), (.period, .period): return !ordered
        default: return false
        }
    }

    private func arithmeticType(_ op: ExpressionSyntax.BinaryOperator, _ a: ValueType, _ b: ValueType) -> ValueType? {
        switch (op, a, b) {
        case (.add, .int, .int), (.subtract, .int, .int), (.multiply, .int, .int), (.remainder, .int, .int): return .int
        case (.divide, .int, .int): return .decimal
        case (.add, _, _) where a.isNumeric && b.isNumeric: return .decimal
        case (.subtract, _, _) where a.isNumeric && b.isNumeric: return .decimal
        case (.multiply, _, _) where a.isNumeric && b.isNumeric: return .decimal
        case (.divide, _, _) where a.isNumeric && b.isNumeric: return .decimal
        case (.add, .money, .money), (.subtract, .money, .money): return .money
        case (.multiply, .money, _) where b.isNumeric: return .money
        case (.multiply, _, .money) where a.isNumeric: return .money
        case (.divide, .money, _) where b.isNumeric: return .money
        case (.divide, .money, .money): return .decimal
        case (.add, .string, .string): return .string
        case (.add, .date, .int), (.subtract, .date, .int): return .date
        case (.subtract, .date, .date): return .int
        default: return nil
        }
    }

    static func decimal(_ value: Value) -> ExactDecimal? {
        switch value {
        case let .int(int): ExactDecimal(int)
        case let .decimal(decimal): decimal
        case let .money(money): money.amount
        default: nil
        }
    }

    /// Arithmetic on values the type checker has already matched.
    static func arithmetic(_ op: ExpressionSyntax.BinaryOperator, _ a: Value, _ b: Value,
                           settings: ExpressionSettings) throws -> Value {
        switch (a, b) {
        case let (.int(x), .int(y)):
            switch op {
            case .add:
                let (r, o) = x.addingReportingOverflow(y)
                if o { throw ArithmeticError.overflow("\(x) + \(y)") }
                return .int(r)
            case .subtract:
                let (r, o) = x.subtractingReportingOverflow(y)
                if o { throw ArithmeticError.overflow("\(x) - \(y)") }
                return .int(r)
            case .multiply:
                let (r, o) = x.multipliedReportingOverflow(by: y)
                if o { throw ArithmeticError.overflow("\(x) * \(y)") }
                return .int(r)
            case .remainder:
                if y == 0 { throw ArithmeticError.divisionByZero("\(x) % 0") }
                let (r, o) = x.remainderReportingOverflow(dividingBy: y)
                if o { throw ArithmeticError.overflow("\(x) % \(y)") }
                return .int(r)
            case .divide:
                if y == 0 { throw ArithmeticError.divisionByZero("\(x) / 0") }
                return .decimal(try ExactDecimal(x).dividing(ExactDecimal(y), scale: settings.divisionScale, rounding: settings.rounding))
            default: break
            }
        case let (.money(x), .money(y)):
            switch op {
            case .add: return .money(try x.adding(y))
            case .subtract: return .money(try x.subtracting(y))
            case .divide:
                if x.currency != y.currency { throw ArithmeticError.currencyMismatch(x.currency, y.currency) }
                if y.amount.isZero { throw ArithmeticError.divisionByZero("\(x) / \(y)") }
                return .decimal(try x.amount.dividing(y.amount, scale: settings.divisionScale, rounding: settings.rounding))
            default: break
            }
        case let (.money(x), _):
            guard let y = decimal(b) else { break }
            switch op {
            case .multiply: return .money(try x.multiplying(y))
            case .divide:
                if y.isZero { throw ArithmeticError.divisionByZero("\(x) / 0") }
                return .money(Money(try x.amount.dividing(y, scale: settings.divisionScale, rounding: settings.rounding), x.currency))
            default: break
            }
        case let (_, .money(y)):
            guard let x = decimal(a), op == .multiply else { break }
            return .money(try y.multiplying(x))
        case let (.string(x), .string(y)) where op == .add:
            return .string(x + y)
        case let (.date(x), .int(y)):
            return .date(try x.adding(days: Int(op == .add ? y : -y)))
        case let (.date(x), .date(y)) where op == .subtract:
            return .int(Int64(y.days(until: x)))
        default:
            guard let x = decimal(a), let y = decimal(b) else { break }
            switch op {
            case .add: return .decimal(try x.adding(y))
            case .subtract: return .decimal(try x.subtracting(y))
            case .multiply: return .decimal(try x.multiplying(y))
            case .divide:
                if y.isZero { throw ArithmeticError.divisionByZero("\(x) / 0") }
                return .decimal(try x.dividing(y, scale: settings.divisionScale, rounding: settings.rounding))
            default: break
            }
        }
        throw EvaluationError("eval.internal", "internal error: operator '\(op.rawValue)' on \(a) and \(b)")
    }

    /// Orders two values of comparable types: negative, zero or positive; nil when they
    /// are not ordered (booleans, periods). Null equals only null.
    static func compare(_ a: Value, _ b: Value, at position: SourcePosition) throws(EvaluationError) -> Int? {
        switch (a, b) {
        case (.null, .null): return 0
        case (.null, _), (_, .null): return 1
        case let (.int(x), .int(y)): return x < y ? -1 : (x == y ? 0 : 1)
        case let (.money(x), .money(y)):
            do { return try x.compare(y) } catch { throw EvaluationError(error, at: position) }
        case let (.date(x), .date(y)): return x < y ? -1 : (x == y ? 0 : 1)
        case let (.string(x), .string(y)): return x < y ? -1 : (x == y ? 0 : 1)
        case let (.bool(x), .bool(y)): return x == y ? 0 : 1
        case let (.period(x), .period(y)): return x == y ? 0 : 1
        default:
            guard let x = decimal(a), let y = decimal(b) else { return a == b ? 0 : 1 }
            return x < y ? -1 : (x == y ? 0 : 1)
        }
    }

    private func checkCoalesce(_ lhsSyntax: ExpressionSyntax, _ rhsSyntax: ExpressionSyntax, _ syntax: ExpressionSyntax) -> Typed? {
        guard let fallback = check(rhsSyntax) else { return nil }
        // `table[key] ?? default`: a missing row takes the default.
        if case let .index(base, key) = lhsSyntax.kind, case let .name(name) = base.kind, case .table? = globals[name] {
            return checkIndex(base, key, lhsSyntax, defaultValue: fallback)
        }
        if case let .member(base, key) = lhsSyntax.kind, case let .name(name) = base.kind, case let .table(table)? = globals[name] {
            return checkIndex(base, ExpressionSyntax(kind: .string(key), position: lhsSyntax.position, length: lhsSyntax.length),
                              lhsSyntax, defaultValue: fallback).map { typed in _ = table; return typed }
        }
        guard let value = check(lhsSyntax) else { return nil }
        guard value.type.isOptional else {
            diagnose("type.never-absent", "'\(lhsSyntax.text)' is never absent (it is \(value.type)), so '??' has no effect",
                  at: syntax, hint: "remove '?? \(rhsSyntax.text)'")
            return nil
        }
        let wrapped = value.type.unwrapped
        guard let (type, convertValue, convertFallback) = unify(wrapped == .null ? fallback.type : wrapped, fallback.type) else {
            diagnose("type.mismatch", "the default after '??' must be \(wrapped), but '\(rhsSyntax.text)' is \(fallback.type)",
                  at: rhsSyntax)
            return nil
        }
        let valueEvaluator = convertValue(value.evaluator), fallbackEvaluator = convertFallback(fallback.evaluator)
        return Typed(type: type) { frame throws(EvaluationError) in
            let result = try valueEvaluator(frame)
            if case .null = result { return try fallbackEvaluator(frame) }
            return result
        }
    }
}
