/// Calls: list macros (`filter`, `map`, `any`, `all`, `count`, `sum`), `round`, `min`,
/// `max`, and plugin functions.
extension ExpressionCompiler {
    static let macros: Set<String> = ["filter", "map", "any", "all", "count", "sum"]

    /// What other expression languages call the list macros (CEL's `size` and `exists`,
    /// SQL's `where`, JavaScript's `length`, `some` and `every`): too far from the names
    /// here for "did you mean", so named outright.
    static let macroSynonyms: [String: String] = [
        "size": "count", "length": "count", "where": "filter", "select": "map",
        "exists": "any", "some": "any", "every": "all", "total": "sum",
    ]

    func checkCall(_ name: String, _ receiver: ExpressionSyntax?, _ arguments: [ExpressionSyntax],
                   _ syntax: ExpressionSyntax) -> Typed? {
        if Self.macros.contains(name) {
            if let receiver { return checkMacro(name, receiver, arguments, syntax) }
            if (name == "count" || name == "sum"), arguments.count == 1 {
                return checkMacro(name, arguments[0], [], syntax)
            }
            if let first = arguments.first {
                return checkMacro(name, first, Array(arguments.dropFirst()), syntax)
            }
        }
        let all = (receiver.map { [$0] } ?? []) + arguments
        switch name {
        case "round": return checkRound(all, syntax)
        case "min", "max": return checkExtremum(name == "min", all, syntax)
        default: break
        }
        guard let function = functions[name] else {
            let synonym = Self.macroSynonyms[name].map { macro in
                macro == "count" || macro == "sum"
                    ? "did you mean '\(macro)'? A list's \(macro == "count" ? "length" : "total") is list.\(macro)()"
                    : "did you mean '\(macro)'? Written list.\(macro)(x, \(macro == "map" ? "expression" : "condition"))"
            }
            diagnose("expr.unknown-function", "unknown function '\(name)'", at: syntax,
                  hint: Suggestion.hint(for: name, among: Array(functions.keys) + Array(Self.macros) + ["round", "min", "max"]) ?? synonym)
            return nil
        }
        var typed: [Typed] = []
        for argument in all {
            guard let t = check(argument) else { return nil }
            typed.append(t)
        }
        let arities = Set(function.signatures.map(\.parameters.count))
        guard arities.contains(typed.count) else {
            let expected = arities.sorted().map(String.init).joined(separator: " or ")
            diagnose("expr.arity", "function '\(name)' takes \(expected) argument\(arities == [1] ? "" : "s"), but \(typed.count) \(typed.count == 1 ? "was" : "were") given",
                  at: syntax, hint: function.summary)
            return nil
        }
        guard let signature = function.signatures.first(where: { signature in
            signature.parameters.count == typed.count
                && zip(typed, signature.parameters).allSatisfy { $0.type.conforms(to: $1) }
        }) else {
            let given = "(" + typed.map(\.type.description).joined(separator: ", ") + ")"
            diagnose("type.mismatch", "function '\(name)' cannot take \(given)", at: syntax,
                  hint: "it takes " + function.signatures.map(\.description).joined(separator: " or "))
            return nil
        }
        // An argument that only reads a value, and needs no widening, is read at its place.
        let arguments = zip(typed, signature.parameters).map { argument, parameter in
            let evaluator = promote(argument.evaluator, from: argument.type, to: parameter)
            return Argument(evaluate: evaluator, place: argument.type.unwrapped == parameter.unwrapped ? argument.place : nil)
        }
        let position = syntax.position, length = syntax.length
        return Typed(type: signature.result) { frame throws(EvaluationError) in
            var values: [Value] = []
            values.reserveCapacity(arguments.count)
            try arguments.withUnsafeBufferPointer { arguments throws(EvaluationError) in
                for index in arguments.indices {
                    values.append(try Place.value(arguments[index].place, else: arguments[index].evaluate, frame))
                }
            }
            do throws(EvaluationError) {
                return try function.call(values)
            } catch {
                var located = error
                if located.position == nil {
                    located.position = position
                    located.length = length
                }
                throw located
            }
        }
    }

    // MARK: Macros

    private func checkMacro(_ name: String, _ receiverSyntax: ExpressionSyntax, _ arguments: [ExpressionSyntax],
                            _ syntax: ExpressionSyntax) -> Typed? {
        guard let receiver = check(receiverSyntax) else { return nil }
        guard case let .list(element) = receiver.type else {
            diagnose("type.mismatch", "'\(name)' works on a list, but '\(receiverSyntax.text)' is \(receiver.type)", at: receiverSyntax,
                  hint: receiver.type.isOptional ? "give a default with '?? []'" : nil)
            return nil
        }
        let list = receiver.evaluator
        let position = syntax.position, length = syntax.length
        let settings = self.settings
        if arguments.isEmpty, name == "count" {
            return Typed(type: .int) { frame throws(EvaluationError) in
                guard case let .list(values) = try list(frame) else { throw .internalTypeError("count", at: position) }
                return .int(Int64(values.count))
            }
        }
        if arguments.isEmpty, name == "sum" {
            guard let type = summable(element, receiverSyntax) else { return nil }
            return Typed(type: type) { frame throws(EvaluationError) in
                guard case let .list(values) = try list(frame) else { throw .internalTypeError("sum", at: position) }
                return try Self.sum(values, type: type, settings: settings, at: position, length: length)
            }
        }
        guard arguments.count == 2, case let .name(variable) = arguments[0].kind else {
            diagnose("expr.macro-form", "'\(name)' is written list.\(name)(x, expression), with a variable name first",
                  at: syntax, hint: name == "count" || name == "sum" ? "or list.\(name)() for the whole list" : nil)
            return nil
        }
        let slot = bindQuietly(variable, type: element)
        defer { unbind() }
        guard let body = check(arguments[1]) else { return nil }
        let bodyEvaluator = body.evaluator
        let holds = body.test
        switch name {
        case "filter", "any", "all", "count":
            guard body.type == .bool else {
                diagnose("type.mismatch", "the condition of '\(name)' must be Bool, but '\(arguments[1].text)' is \(body.type)",
                      at: arguments[1])
                return nil
            }
        default: break
        }
        switch name {
        case "filter":
            var filter = Typed(type: receiver.type) { frame throws(EvaluationError) in
                guard case let .list(values) = try list(frame) else { throw .internalTypeError("filter", at: position) }
                try frame.step(values.count, at: position)
                var kept: [Value] = []
                kept.reserveCapacity(values.count)
                // Each element is lent to the variable's slot, not copied into it (a retain
                // and a release per element saved); only the kept ones are copied.
                try frame.locals.lend(slot, each: values) { index throws(EvaluationError) in
                    if try holds(frame) { kept.append(values[index]) }
                    return true
                }
                return .list(kept)
            }
            filter.selection = ListSelection(source: list, variable: slot, holds: holds, position: position)
            return filter
        case "map":
            return Typed(type: .list(body.type)) { frame throws(EvaluationError) in
                guard case let .list(values) = try list(frame) else { throw .internalTypeError("map", at: position) }
                try frame.step(values.count, at: position)
                var mapped: [Value] = []
                mapped.reserveCapacity(values.count)
                try frame.locals.lend(slot, each: values) { _ throws(EvaluationError) in
                    mapped.append(try bodyEvaluator(frame))
                    return true
                }
                return .list(mapped)
            }
        case "any", "all":
            let isAny = name == "any"
            return Typed(type: .bool) { frame throws(EvaluationError) in
                guard case let .list(values) = try list(frame) else { throw .internalTypeError(name, at: position) }
                try frame.step(values.count, at: position)
                var decided = false
                try frame.locals.lend(slot, each: values) { _ throws(EvaluationError) in
                    if try holds(frame) == isAny { decided = true }
                    return !decided
                }
                return .bool(decided ? isAny : !isAny)
            }
        case "count":
            return Typed(type: .int) { frame throws(EvaluationError) in
                guard case let .list(values) = try list(frame) else { throw .internalTypeError("count", at: position) }
                try frame.step(values.count, at: position)
                var count: Int64 = 0
                try frame.locals.lend(slot, each: values) { _ throws(EvaluationError) in
                    if try holds(frame) { count += 1 }
                    return true
                }
                return .int(count)
            }
        default: // sum
            guard let type = summable(body.type, arguments[1]) else { return nil }
            return Typed(type: type) { frame throws(EvaluationError) in
                guard case let .list(values) = try list(frame) else { throw .internalTypeError("sum", at: position) }
                try frame.step(values.count, at: position)
                var terms: [Value] = []
                terms.reserveCapacity(values.count)
                try frame.locals.lend(slot, each: values) { _ throws(EvaluationError) in
                    terms.append(try bodyEvaluator(frame))
                    return true
                }
                return try Self.sum(terms, type: type, settings: settings, at: position, length: length)
            }
        }
    }

    private func summable(_ type: ValueType, _ syntax: ExpressionSyntax) -> ValueType? {
        switch type {
        case .int, .decimal, .money: return type
        case .null: return .int
        default:
            diagnose("type.mismatch", "only numbers and Money can be summed, but '\(syntax.text)' gives \(type)", at: syntax)
            return nil
        }
    }

    static func sum(_ values: [Value], type: ValueType, settings: ExpressionSettings,
                    at position: SourcePosition, length: Int) throws(EvaluationError) -> Value {
        do throws(ArithmeticError) {
            switch type {
            case .int:
                var total: Int64 = 0
                for case let .int(value) in values {
                    let (r, o) = total.addingReportingOverflow(value)
                    if o { throw .overflow("sum") }
                    total = r
                }
                return .int(total)
            case .money:
                var total = Money.zero(settings.currency)
                for case let .money(value) in values { total = try total.adding(value) }
                return .money(total)
            default:
                var total = ExactDecimal.zero
                for value in values {
                    if case let .decimal(d) = value { total = try total.adding(d) }
                    if case let .int(i) = value { total = try total.adding(ExactDecimal(i)) }
                }
                return .decimal(total)
            }
        } catch {
            throw EvaluationError(error, at: position, length: length)
        }
    }

    // MARK: Built-ins that need the declared settings

    /// `round(x)` with the declared mode and scale; `round(x, scale)`; `round(x, scale, "mode")`.
    private func checkRound(_ arguments: [ExpressionSyntax], _ syntax: ExpressionSyntax) -> Typed? {
        guard (1...3).contains(arguments.count) else {
            diagnose("expr.arity", "function 'round' takes 1 to 3 arguments, but \(arguments.count) were given", at: syntax,
                  hint: "round(x), round(x, scale) or round(x, scale, \"half-even\")")
            return nil
        }
        guard let value = check(arguments[0]) else { return nil }
        guard value.type == .decimal || value.type == .money || value.type == .int else {
            diagnose("type.mismatch", "'round' takes a number or Money, but '\(arguments[0].text)' is \(value.type)", at: arguments[0])
            return nil
        }
        var chosenScale = settings.scale
        var chosenMode = settings.rounding
        if arguments.count >= 2 {
            guard case let .number(text) = arguments[1].kind, let literal = Int(text), (0...ExactDecimal.maxScale).contains(literal) else {
                diagnose("expr.round-scale", "the scale of 'round' must be a whole number from 0 to \(ExactDecimal.maxScale)", at: arguments[1])
                return nil
            }
            chosenScale = literal
        }
        if arguments.count == 3 {
            guard case let .string(text) = arguments[2].kind, let literal = RoundingMode(rawValue: text) else {
                let given: String
                if case let .string(text) = arguments[2].kind { given = text } else { given = arguments[2].text }
                diagnose("expr.round-mode", "unknown rounding mode '\(given)'", at: arguments[2],
                      hint: Suggestion.hint(for: given, among: RoundingMode.allCases.map(\.rawValue))
                        ?? "modes: " + RoundingMode.allCases.map(\.rawValue).joined(separator: ", "))
                return nil
            }
            chosenMode = literal
        }
        let evaluator = value.evaluator
        let position = syntax.position, length = syntax.length
        let label = arguments[0].text
        let scale = chosenScale, mode = chosenMode
        if value.type == .money {
            let rounding = MoneyRounding(label: label, scale: scale, mode: mode, site: Site(text: "round", position: position, length: length))
            return switch value.moneyOperand {
            case let .body(operand): rounding.lower(operand)
            case let .value(operand): rounding.lower(operand)
            }
        }
        let type: ValueType = value.type == .int ? .int : value.type
        return Typed(type: type) { frame throws(EvaluationError) in
            let input = try evaluator(frame)
            do throws(ArithmeticError) {
                let result: Value
                switch input {
                case let .decimal(d): result = .decimal(try d.rounded(scale: scale, mode: mode))
                case let .money(m): result = .money(try m.rounded(scale: scale, mode: mode))
                default: result = input
                }
                frame.trace?.rounding(label, from: input.description, to: result.description, mode: mode, scale: scale)
                return result
            } catch {
                throw EvaluationError(error, at: position, length: length)
            }
        }
    }

    private func checkExtremum(_ isMin: Bool, _ arguments: [ExpressionSyntax], _ syntax: ExpressionSyntax) -> Typed? {
        let name = isMin ? "min" : "max"
        guard arguments.count >= 2 else {
            diagnose("expr.arity", "function '\(name)' takes at least 2 arguments, but \(arguments.count) \(arguments.count == 1 ? "was" : "were") given",
                  at: syntax, hint: arguments.count == 1 ? "for the \(isMin ? "smallest" : "largest") of a list, write \(name)(a, b, …) with its items" : nil)
            return nil
        }
        var typed: [Typed] = []
        for argument in arguments {
            guard let t = check(argument) else { return nil }
            typed.append(t)
        }
        var type = typed[0].type
        for t in typed.dropFirst() {
            guard let (unified, _, _) = unifyOrdered(type, t.type) else {
                diagnose("type.mismatch", "'\(name)' needs arguments of one ordered type, found \(type) and \(t.type)", at: syntax)
                return nil
            }
            type = unified
        }
        let evaluators = typed.map { promote($0.evaluator, from: $0.type, to: type) }
        let position = syntax.position
        return Typed(type: type) { frame throws(EvaluationError) in
            var best = try evaluators[0](frame)
            for evaluator in evaluators.dropFirst() {
                let candidate = try evaluator(frame)
                guard let order = try Self.compare(candidate, best, at: position) else { continue }
                if isMin ? order < 0 : order > 0 { best = candidate }
            }
            return best
        }
    }

    private func unifyOrdered(_ a: ValueType, _ b: ValueType) -> (ValueType, Void, Void)? {
        if a == b, comparable(a, b, ordered: true) { return (a, (), ()) }
        if a.isNumeric, b.isNumeric { return (.decimal, (), ()) }
        return nil
    }
}

/// A function call's argument, as lowered: read at its place when it has one.
private struct Argument {
    let evaluate: Evaluator
    let place: Place?
}
