/// Integer and Money expressions compiled to give their payload (`Int64`, ``Money``) as
/// well as their `Value`: the arithmetic the billing rules use most calls its operands
/// through the payload, so a nested expression such as
/// `round(plan_price[plan] * (period.end - item.date) / days_in_period)` builds and takes
/// apart no `Value` between its operators (as ``PredicateBody`` does for Bools).

/// An Int expression as an `Int64`. In a struct, to be optional without its closure
/// being held in generic form (see ``PredicateBody``).
struct IntBody: Sendable {
    let get: @Sendable (Frame) throws(EvaluationError) -> Int64
}

/// A Money expression as a ``Money``.
struct MoneyBody: Sendable {
    let get: @Sendable (Frame) throws(EvaluationError) -> Money
}

/// How an operator reads one operand as its payload: through the operand's body when it
/// has one, else at its place or from its value. Generic code over these is specialized
/// for each pair, so each operator's closure reads its operands directly.
protocol PayloadOperand<Payload>: Sendable {
    associatedtype Payload
    func read(_ frame: Frame) throws(EvaluationError) -> Payload?
}

/// An Int operand read through its body. (Concrete, not generic over the payload: a
/// closure stored generically is called through reabstraction thunks.)
struct IntBodyOperand: PayloadOperand {
    let body: IntBody

    @inline(__always)
    func read(_ frame: Frame) throws(EvaluationError) -> Int64? { try body.get(frame) }
}

/// A Money operand read through its body.
struct MoneyBodyOperand: PayloadOperand {
    let body: MoneyBody

    @inline(__always)
    func read(_ frame: Frame) throws(EvaluationError) -> Money? { try body.get(frame) }
}

/// A payload one case of ``Value`` holds, taken from the value by an operand that has no body.
protocol ValuePayload {
    static func extract(_ value: borrowing Value) -> Self?
}

extension Int64: ValuePayload {
    @inline(__always)
    static func extract(_ value: borrowing Value) -> Int64? {
        switch value {
        case let .int(x): x
        default: nil
        }
    }
}

extension Money: ValuePayload {
    @inline(__always)
    static func extract(_ value: borrowing Value) -> Money? {
        switch value {
        case let .money(x): x
        default: nil
        }
    }
}

extension CivilDate: ValuePayload {
    @inline(__always)
    static func extract(_ value: borrowing Value) -> CivilDate? {
        switch value {
        case let .date(x): x
        default: nil
        }
    }
}

/// An operand without a body: read where it lives, or taken from its value. (Dates have no
/// body: the rules read them, they do not compute them.)
struct ValueOperand<Payload: ValuePayload>: PayloadOperand {
    let place: Place?
    let evaluator: Evaluator

    @inline(__always)
    func read(_ frame: Frame) throws(EvaluationError) -> Payload? {
        try Place.operand(place, else: evaluator, frame, as: Payload.extract)
    }
}

extension ExpressionCompiler.Typed {
    /// An Int expression from its body and its evaluator, which wraps the `Int64` (both
    /// closures made from the same code, so neither calls the other).
    static func int(_ compute: @escaping @Sendable (Frame) throws(EvaluationError) -> Int64,
                    value: @escaping Evaluator) -> Self {
        var typed = Self(type: .int, evaluator: value)
        typed.int = IntBody(get: compute)
        return typed
    }

    /// A Money expression from its body and its evaluator.
    static func money(_ compute: @escaping @Sendable (Frame) throws(EvaluationError) -> Money,
                      value: @escaping Evaluator) -> Self {
        var typed = Self(type: .money, evaluator: value)
        typed.money = MoneyBody(get: compute)
        return typed
    }

    /// This Int operand as its operator reads it.
    var intOperand: OperandReader<IntBodyOperand, ValueOperand<Int64>> {
        if let body = int { return .body(IntBodyOperand(body: body)) }
        return .value(ValueOperand(place: place, evaluator: evaluator))
    }

    /// This Money operand as its operator reads it.
    var moneyOperand: OperandReader<MoneyBodyOperand, ValueOperand<Money>> {
        if let body = money { return .body(MoneyBodyOperand(body: body)) }
        return .value(ValueOperand(place: place, evaluator: evaluator))
    }

    var dateOperand: ValueOperand<CivilDate> { ValueOperand(place: place, evaluator: evaluator) }
}

/// How an operand is read, chosen when the expression compiles: through its body, or at
/// its place or from its value.
enum OperandReader<Body, Plain> {
    case body(Body)
    case value(Plain)
}

/// An operator lowered for the readers of its two operands, each a concrete type, so that
/// its closure reads them directly (``ExpressionCompiler/pair(_:_:_:)`` picks them).
protocol PairLowering {
    associatedtype Left
    associatedtype Right
    func lower<X: PayloadOperand<Left>, Y: PayloadOperand<Right>>(_ x: X, _ y: Y) -> ExpressionCompiler.Typed
}

extension ExpressionCompiler {
    /// The operators the billing rules use most, lowered for their operand types: each
    /// reads its two operands as the types the checker proved (through their bodies, at
    /// their places, or from their values) and calls the same arithmetic as
    /// ``arithmetic(_:_:_:settings:)`` (so results and errors are the same), without going
    /// through its switch over every pair of values. Nil for any other pair.
    func payloadArithmetic(_ op: ExpressionSyntax.BinaryOperator, _ l: Typed, _ r: Typed,
                           at position: SourcePosition, length: Int) -> Typed? {
        let site = Site(text: op.rawValue, position: position, length: length)
        switch (op, l.type, r.type) {
        case (.add, .int, .int), (.subtract, .int, .int), (.multiply, .int, .int):
            return Self.pair(l.intOperand, r.intOperand, IntegerArithmetic(op: op, site: site))
        case (.subtract, .date, .date):
            return DaysBetween(site: site).lower(l.dateOperand, r.dateOperand)
        case (.multiply, .money, .int), (.divide, .money, .int):
            return Self.pair(l.moneyOperand, r.intOperand, MoneyScaling(
                dividing: op == .divide, scale: settings.divisionScale, rounding: settings.rounding, site: site))
        case (.add, .money, .money), (.subtract, .money, .money):
            return Self.pair(l.moneyOperand, r.moneyOperand, MoneySum(adding: op == .add, site: site))
        default:
            return nil
        }
    }

    /// `lowering` applied to the pair of operand readers chosen: one specialization per
    /// combination of body and value.
    private static func pair<A: PayloadOperand, B: PayloadOperand, C: PayloadOperand, D: PayloadOperand, L: PairLowering>(
        _ x: OperandReader<A, B>, _ y: OperandReader<C, D>, _ lowering: L
    ) -> Typed where A.Payload == L.Left, B.Payload == L.Left, C.Payload == L.Right, D.Payload == L.Right {
        switch (x, y) {
        case let (.body(x), .body(y)): lowering.lower(x, y)
        case let (.body(x), .value(y)): lowering.lower(x, y)
        case let (.value(x), .body(y)): lowering.lower(x, y)
        case let (.value(x), .value(y)): lowering.lower(x, y)
        }
    }

    /// Where an operator is, for its errors.
    struct Site: Sendable {
        let text: String
        let position: SourcePosition
        let length: Int

        func typeError() -> EvaluationError { .internalTypeError(text, at: position) }
        func error(_ error: ArithmeticError) -> EvaluationError { EvaluationError(error, at: position, length: length) }
    }

    /// `+`, `-` and `*` on Ints, overflow checked.
    struct IntegerArithmetic: PairLowering {
        typealias Left = Int64
        typealias Right = Int64
        let op: ExpressionSyntax.BinaryOperator
        let site: Site

        func lower<X: PayloadOperand<Int64>, Y: PayloadOperand<Int64>>(_ x: X, _ y: Y) -> Typed {
            let op = op, site = site
            @Sendable @inline(__always) func compute(_ frame: Frame) throws(EvaluationError) -> Int64 {
                guard let a = try x.read(frame), let b = try y.read(frame) else { throw site.typeError() }
                let (result, overflow) = switch op {
                case .add: a.addingReportingOverflow(b)
                case .subtract: a.subtractingReportingOverflow(b)
                default: a.multipliedReportingOverflow(by: b)
                }
                if overflow { throw site.error(.overflow("\(a) \(site.text) \(b)")) }
                return result
            }
            return .int({ frame throws(EvaluationError) in try compute(frame) },
                        value: { frame throws(EvaluationError) in .int(try compute(frame)) })
        }
    }

    /// `date - date`: the days between them.
    struct DaysBetween {
        let site: Site

        func lower(_ x: ValueOperand<CivilDate>, _ y: ValueOperand<CivilDate>) -> Typed {
            let site = site
            @Sendable @inline(__always) func compute(_ frame: Frame) throws(EvaluationError) -> Int64 {
                guard let a = try x.read(frame), let b = try y.read(frame) else { throw site.typeError() }
                return Int64(b.days(until: a))
            }
            return .int({ frame throws(EvaluationError) in try compute(frame) },
                        value: { frame throws(EvaluationError) in .int(try compute(frame)) })
        }
    }

    /// `money * int` and `money / int` (at the division scale, rounded as the settings say).
    struct MoneyScaling: PairLowering {
        typealias Left = Money
        typealias Right = Int64
        let dividing: Bool
        let scale: Int
        let rounding: RoundingMode
        let site: Site

        func lower<X: PayloadOperand<Money>, Y: PayloadOperand<Int64>>(_ x: X, _ y: Y) -> Typed {
            let dividing = dividing, scale = scale, rounding = rounding, site = site
            @Sendable @inline(__always) func compute(_ frame: Frame) throws(EvaluationError) -> Money {
                guard let a = try x.read(frame), let b = try y.read(frame) else { throw site.typeError() }
                do throws(ArithmeticError) {
                    guard dividing else { return try a.multiplying(ExactDecimal(b)) }
                    if b == 0 { throw .divisionByZero("\(a) / 0") }
                    return Money(try a.amount.dividing(ExactDecimal(b), scale: scale, rounding: rounding), a.currency)
                } catch {
                    throw site.error(error)
                }
            }
            return .money({ frame throws(EvaluationError) in try compute(frame) },
                          value: { frame throws(EvaluationError) in .money(try compute(frame)) })
        }
    }

    /// `money + money` and `money - money`.
    struct MoneySum: PairLowering {
        typealias Left = Money
        typealias Right = Money
        let adding: Bool
        let site: Site

        func lower<X: PayloadOperand<Money>, Y: PayloadOperand<Money>>(_ x: X, _ y: Y) -> Typed {
            let adding = adding, site = site
            @Sendable @inline(__always) func compute(_ frame: Frame) throws(EvaluationError) -> Money {
                guard let a = try x.read(frame), let b = try y.read(frame) else { throw site.typeError() }
                do throws(ArithmeticError) {
                    return try adding ? a.adding(b) : a.subtracting(b)
                } catch {
                    throw site.error(error)
                }
            }
            return .money({ frame throws(EvaluationError) in try compute(frame) },
                          value: { frame throws(EvaluationError) in .money(try compute(frame)) })
        }
    }

    /// `round(money)`: to `scale` digits, with the rounding recorded in a trace.
    struct MoneyRounding {
        let label: String
        let scale: Int
        let mode: RoundingMode
        let site: Site

        func lower<X: PayloadOperand<Money>>(_ x: X) -> Typed {
            let label = label, scale = scale, mode = mode, site = site
            @Sendable @inline(__always) func compute(_ frame: Frame) throws(EvaluationError) -> Money {
                guard let input = try x.read(frame) else { throw site.typeError() }
                do throws(ArithmeticError) {
                    let result = try input.rounded(scale: scale, mode: mode)
                    if let trace = frame.trace {
                        trace.rounding(label, from: Value.money(input).description, to: Value.money(result).description,
                                       mode: mode, scale: scale)
                    }
                    return result
                } catch {
                    throw site.error(error)
                }
            }
            return .money({ frame throws(EvaluationError) in try compute(frame) },
                          value: { frame throws(EvaluationError) in .money(try compute(frame)) })
        }
    }
}
