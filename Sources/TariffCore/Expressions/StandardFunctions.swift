/// The core's own expression functions: dates, numbers and text. Each is an ordinary
/// ``ExpressionFunction`` plugin, registered by ``PluginRegistry/standard``.
public enum StandardFunctions {
    public static let all: [any ExpressionFunction] = [
        ClosureFunction("days_between", "days_between(from, to): days from one date to another, negative if reversed",
                     [.date, .date], .int) { args throws(EvaluationError) in
            guard case let .date(a) = args[0], case let .date(b) = args[1] else { throw .internalTypeError("days_between", at: nil) }
            return .int(Int64(a.days(until: b)))
        },
        ClosureFunction("days_in_month", "days_in_month(date): 28 to 31", [.date], .int) { args throws(EvaluationError) in
            guard case let .date(a) = args[0] else { throw .internalTypeError("days_in_month", at: nil) }
            return .int(Int64(a.daysInMonth))
        },
        ClosureFunction("start_of_month", "start_of_month(date): the first day of its month", [.date], .date) { args throws(EvaluationError) in
            guard case let .date(a) = args[0] else { throw .internalTypeError("start_of_month", at: nil) }
            return .date(a.startOfMonth)
        },
        ClosureFunction("end_of_month", "end_of_month(date): the last day of its month", [.date], .date) { args throws(EvaluationError) in
            guard case let .date(a) = args[0] else { throw .internalTypeError("end_of_month", at: nil) }
            return .date(a.endOfMonth)
        },
        ClosureFunction("add_months", "add_months(date, n): n months later, clamped to the month's end (Jan 31 + 1 = Feb 28)",
                     [.date, .int], .date) { args throws(EvaluationError) in
            guard case let .date(a) = args[0], case let .int(n) = args[1] else { throw .internalTypeError("add_months", at: nil) }
            do throws(ArithmeticError) { return .date(try a.adding(months: Int(n))) } catch { throw EvaluationError(error, at: nil) }
        },
        ClosureFunction("add_days", "add_days(date, n): n days later", [.date, .int], .date) { args throws(EvaluationError) in
            guard case let .date(a) = args[0], case let .int(n) = args[1] else { throw .internalTypeError("add_days", at: nil) }
            do throws(ArithmeticError) { return .date(try a.adding(days: Int(n))) } catch { throw EvaluationError(error, at: nil) }
        },
        ClosureFunction("period", "period(start, end): the half-open period [start, end)", [.date, .date], .period) { args throws(EvaluationError) in
            guard case let .date(a) = args[0], case let .date(b) = args[1] else { throw .internalTypeError("period", at: nil) }
            do { return .period(try Period(start: a, end: b)) } catch {
                throw EvaluationError("eval.period", "a period cannot end (\(b)) before it starts (\(a))")
            }
        },
        ClosureFunction("month_of", "month_of(date): the calendar month containing it, as a period", [.date], .period) { args throws(EvaluationError) in
            guard case let .date(a) = args[0] else { throw .internalTypeError("month_of", at: nil) }
            return .period(Period.month(containing: a))
        },
        ClosureFunction("date", "date(\"2026-04-01\"): a date from ISO text", [.string], .date) { args throws(EvaluationError) in
            guard case let .string(text) = args[0] else { throw .internalTypeError("date", at: nil) }
            do { return .date(try CivilDate(parsing: text)) } catch {
                throw EvaluationError("eval.date", "'\(text)' is not a date in the form YYYY-MM-DD")
            }
        },
        ClosureFunction("abs", "abs(x): the magnitude of a number or Money", [.int], .int) { args throws(EvaluationError) in
            guard case let .int(a) = args[0] else { throw .internalTypeError("abs", at: nil) }
            guard a != .min else { throw EvaluationError(.overflow("abs(\(a))"), at: nil) }
            return .int(Swift.abs(a))
        },
        ClosureFunction("string", "string(x): x as text", [.int], .string) { args throws(EvaluationError) in
            .string(CompiledTemplate.display(args[0]))
        },
        ClosureFunction("len", "len(text): the number of characters", [.string], .int) { args throws(EvaluationError) in
            guard case let .string(text) = args[0] else { throw .internalTypeError("len", at: nil) }
            return .int(Int64(text.count))
        },
    ].map { $0.widened() }
}

/// A function defined by a closure, for the standard library.
struct ClosureFunction: ExpressionFunction {
    let name: String
    let summary: String
    var signatures: [FunctionSignature]
    let body: @Sendable ([Value]) throws(EvaluationError) -> Value

    init(_ name: String, _ summary: String, _ parameters: [ValueType], _ result: ValueType,
         _ body: @escaping @Sendable ([Value]) throws(EvaluationError) -> Value) {
        self.name = name
        self.summary = summary
        self.signatures = [FunctionSignature(parameters, returns: result)]
        self.body = body
    }

    func call(_ arguments: [Value]) throws(EvaluationError) -> Value { try body(arguments) }

    /// `string` and `abs` accept more than one type.
    func widened() -> ClosureFunction {
        var copy = self
        switch name {
        case "string":
            copy.signatures = [ValueType.int, .decimal, .money, .string, .date, .bool, .period]
                .map { FunctionSignature([$0], returns: .string) }
        case "abs":
            let inner = body
            copy.signatures = [FunctionSignature([.int], returns: .int), FunctionSignature([.decimal], returns: .decimal),
                               FunctionSignature([.money], returns: .money)]
            return ClosureFunction(name: name, summary: summary, signatures: copy.signatures) { args throws(EvaluationError) in
                switch args[0] {
                case let .decimal(d) where d.isNegative:
                    do throws(ArithmeticError) { return .decimal(try d.negated()) } catch { throw EvaluationError(error, at: nil) }
                case let .money(m) where m.amount.isNegative:
                    do throws(ArithmeticError) { return .money(Money(try m.amount.negated(), m.currency)) } catch { throw EvaluationError(error, at: nil) }
                case .decimal, .money: return args[0]
                default: return try inner(args)
                }
            }
        default: break
        }
        return copy
    }

    private init(name: String, summary: String, signatures: [FunctionSignature],
                 body: @escaping @Sendable ([Value]) throws(EvaluationError) -> Value) {
        self.name = name
        self.summary = summary
        self.signatures = signatures
        self.body = body
    }
}
