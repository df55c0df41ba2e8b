import Synchronization
import TariffBilling
import TariffCore
import TariffYAML
import Testing

/// A part of an expression that a rule with `each` (or a macro) repeats, but that reads
/// nothing the loop binds (`price[plan]` in a prorated price), is computed once per
/// evaluation and reused for every item: the same invoices, once per evaluation, never
/// carried from one evaluation to the next, and still shown for every item in a trace.
@Suite("loop-invariant parts of expressions")
struct LoopInvariantTests {
    static let header = SeatRules.header

    static func invoice(charging charges: [String]) -> String {
        """
          - id: invoice
            kind: invoice
            account: id
            period: period(period.start, period.end)
            charges: [\(charges.joined(separator: ", "))]

        """
    }

    static let rules = header + """
          - id: seat_lines
            kind: recurring-charge
            each: seats
            price: round(price[plan] * (period.end - item.added) / days)
            quantity: item.size + counted(minimum[plan]) * 0
            label: "{plan} seat from {item.added}"
            merge: never
          - id: big_seats
            kind: recurring-charge
            price: price[plan]
            quantity: seats.filter(s, s.size >= counted(minimum[plan])).count()
            label: "{plan} big seats"

        """ + invoice(charging: ["seat_lines", "big_seats"])

    /// `counted(x)` is `x`, and counts its calls: how often the part around it runs.
    struct CountedFunction: ExpressionFunction {
        let counter: Counter
        let name = "counted"
        let summary = "counted(x): x, its calls counted"
        let signatures = [FunctionSignature([.int], returns: .int)]
        func call(_ arguments: [Value]) throws(EvaluationError) -> Value {
            counter.count.withLock { $0 += 1 }
            return arguments[0]
        }
    }

    final class Counter: Sendable {
        let count = Mutex(0)
        var calls: Int { count.withLock { $0 } }
    }

    static func engine(_ rules: String = rules, counter: Counter = Counter()) throws -> BillingEngine {
        try SeatRules.engine(rules, with: CountedFunction(counter: counter))
    }

    static let seats = SeatRules.seats

    static func snapshot(_ engine: BillingEngine, plan: String) throws -> Record {
        try SeatRules.snapshot(engine, plan: plan)
    }

    static let asOf = SeatRules.asOf

    /// The amounts, in cents, worked out here by hand: a seat added on day `d` of the
    /// 30-day period costs `price × (31 − d) / 30`, rounded half up to the cent.
    static func expectedCents(plan: String) -> [Int] {
        let price = plan == "PRO" ? 3000 : 1000
        let minimum = plan == "PRO" ? 5 : 2
        let lines = seats.map { seat -> Int in
            let day = Int(seat.added.suffix(2))!
            let unit = (2 * price * (31 - day) + 30) / 60   // half up
            return unit * seat.size
        }
        return lines + [price * seats.filter { $0.size >= minimum }.count]
    }

    static func cents(_ invoice: Invoice) -> [Int] {
        invoice.lines.map { Int($0.amount.amount.significand) }
    }

    @Test("each evaluation computes the invariant part for its own snapshot, once")
    func eachEvaluationHasItsOwn() throws {
        let counter = Counter()
        let engine = try Self.engine(counter: counter)
        for (round, plan) in ["BASIC", "PRO", "PRO", "BASIC", "PRO", "BASIC"].enumerated() {
            let before = counter.calls
            let invoice = try engine.preview(try Self.snapshot(engine, plan: plan), asOf: Self.asOf).get().invoice
            #expect(Self.cents(invoice) == Self.expectedCents(plan: plan), "round \(round), plan \(plan)")
            // Once for the four seat lines, once for the filter over four seats.
            #expect(counter.calls - before == 2, "round \(round)")
        }
    }

    @Test("with a trace, every item still shows its reads, and the invoice is the same")
    func traceShowsEveryItem() throws {
        let counter = Counter()
        let engine = try Self.engine(counter: counter)
        let snapshot = try Self.snapshot(engine, plan: "PRO")
        let plain = try engine.preview(snapshot, asOf: Self.asOf).get()
        let before = counter.calls
        let traced = try engine.preview(snapshot, asOf: Self.asOf, trace: true).get()
        #expect(traced.invoice == plain.invoice)
        #expect(counter.calls - before == 8, "once per seat line and once per seat filtered")
        let trace = try #require(traced.trace)
        for item in Self.seats.indices {
            let reads = trace.entries(rule: "seat_lines", item: item).compactMap { entry -> String? in
                if case let .read(path, _) = entry.event { path } else { nil }
            }
            #expect(reads.contains { $0.hasPrefix("price[") }, "item \(item): \(reads)")
        }
    }

    @Test("an invariant part that fails fails every evaluation, and does not spoil the next good one")
    func failureIsNotKept() throws {
        let engine = try Self.engine()
        for _ in 0..<2 {
            let result = engine.preview(try Self.snapshot(engine, plan: "GOLD"), asOf: Self.asOf)
            guard case let .failure(error) = result else {
                Issue.record("GOLD has no price, but the preview succeeded")
                continue
            }
            #expect(error.message == "table 'price' has no row 'GOLD'")
        }
        let invoice = try engine.preview(try Self.snapshot(engine, plan: "PRO"), asOf: Self.asOf).get().invoice
        #expect(Self.cents(invoice) == Self.expectedCents(plan: "PRO"))
    }

    @Test("more invariant parts than the frame keeps flags for are all computed right")
    func moreThanTheMemoLimit() throws {
        let count = Frame.memoLimit + 6
        var rules = Self.header
        for index in 1...count {
            rules += """
                  - id: extra_\(index)
                    kind: recurring-charge
                    each: seats
                    price: price[plan] * \(index)
                    label: "extra {item.added}"
                    merge: never

                """
        }
        rules += Self.invoice(charging: (1...count).map { "extra_\($0)" })
        let engine = try Self.engine(rules)
        for plan in ["BASIC", "PRO"] {
            let invoice = try engine.preview(try Self.snapshot(engine, plan: plan), asOf: Self.asOf).get().invoice
            let price = plan == "PRO" ? 3000 : 1000
            let expected = (1...count).flatMap { index in Array(repeating: price * index, count: Self.seats.count) }
            #expect(Self.cents(invoice) == expected, "plan \(plan)")
        }
    }
}
