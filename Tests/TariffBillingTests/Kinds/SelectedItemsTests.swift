import Synchronization
import TariffBilling
import TariffCore
import TariffYAML
import Testing

/// A rule whose `each` is a `filter` (`each: seats.filter(s, s.size >= 2)`) goes through
/// the list's elements and tests each, billing the kept ones as it finds them: the kept
/// list is never made. The invoice is the one the kept list gives (items numbered in it,
/// the same with a trace), a failing condition fails the evaluation, and a body that
/// filters the same list again sees its own elements.
@Suite("each over a filter")
struct SelectedItemsTests {
    static let header = SeatRules.header

    static let rules = header + """
          - id: big_seats
            kind: recurring-charge
            each: seats.filter(s, noted("test", s.size) >= minimum[plan])
            price: price[plan]
            quantity: noted("bill", item.size)
            label: "{plan} seats from {item.added}"
            merge: never
          - id: larger_ones
            kind: recurring-charge
            each: seats.filter(s, s.size >= 2)
            price: price[plan]
            quantity: seats.filter(t, t.size > item.size).count() + 1
            label: "{item.size} seats, rank {seats.filter(t, t.size > item.size).count() + 1}"
            merge: never
          - id: small_seats
            kind: violation
            each: seats.filter(s, s.size < minimum[plan])
            when: item.size > 0
            code: SMALL
            message: "{item.size} seats from {item.added} is below the {plan} minimum"
          - id: invoice
            kind: invoice
            account: id
            period: period(period.start, period.end)
            charges: [big_seats, larger_ones]
            violations: [small_seats]

        """

    /// `noted(tag, x)` is `x`, and notes `tag` and `x` in the order of its calls: whether a
    /// condition and a body interleave.
    struct NotedFunction: ExpressionFunction {
        let notes: Notes
        let name = "noted"
        let summary = "noted(tag, x): x, its call noted"
        let signatures = [FunctionSignature([.string, .int], returns: .int)]
        func call(_ arguments: [Value]) throws(EvaluationError) -> Value {
            if case let .string(tag) = arguments[0], case let .int(number) = arguments[1] {
                notes.list.withLock { $0.append("\(tag) \(number)") }
            }
            return arguments[1]
        }
    }

    final class Notes: Sendable {
        let list = Mutex<[String]>([])
        func take() -> [String] { list.withLock { notes in defer { notes = [] }; return notes } }
    }

    static func engine(_ rules: String = rules, notes: Notes = Notes()) throws -> BillingEngine {
        try SeatRules.engine(rules, with: NotedFunction(notes: notes))
    }

    static let seats = SeatRules.seats

    static func snapshot(_ engine: BillingEngine, plan: String, seats: [(added: String, size: Int)] = seats) throws -> Record {
        try SeatRules.snapshot(engine, plan: plan, seats: seats)
    }

    static let asOf = SeatRules.asOf

    @Test("the kept items are billed, in order, each line numbering its item in the kept list")
    func keptItemsAreBilled() throws {
        let engine = try Self.engine()
        for plan in ["BASIC", "PRO"] {
            let invoice = try engine.preview(try Self.snapshot(engine, plan: plan), asOf: Self.asOf).get().invoice
            let minimum = plan == "PRO" ? 5 : 2
            let price = plan == "PRO" ? 3000 : 1000
            let big = Self.seats.filter { $0.size >= minimum }
            let bigLines = invoice.lines.filter { $0.rule == "big_seats" }
            #expect(bigLines.map(\.label) == big.map { "\(plan) seats from \($0.added)" }, "plan \(plan)")
            #expect(bigLines.map(\.quantity) == big.map { Int64($0.size) })
            #expect(bigLines.map { Int($0.amount.amount.significand) } == big.map { price * $0.size })
            #expect(bigLines.map(\.items) == big.indices.map { [$0] }, "items are numbered in the kept list")
            // Sizes 6, 2, 9 are kept; the rank counts the larger sizes in the whole list.
            let ranked = invoice.lines.filter { $0.rule == "larger_ones" }
            #expect(ranked.map(\.label) == ["6 seats, rank 2", "2 seats, rank 3", "9 seats, rank 1"])
            #expect(ranked.map(\.quantity) == [2, 3, 1])
            #expect(ranked.map(\.items) == [[0], [1], [2]])
            let small = Self.seats.filter { $0.size < minimum }
            #expect(invoice.violations.map(\.message) == small.map { "\($0.size) seats from \($0.added) is below the \(plan) minimum" })
        }
    }

    @Test("without a trace, each element is tested and, when kept, billed before the next is tested")
    func conditionAndBodyInterleave() throws {
        let notes = Notes()
        let engine = try Self.engine(notes: notes)
        let snapshot = try Self.snapshot(engine, plan: "PRO")
        _ = try engine.preview(snapshot, asOf: Self.asOf).get()
        #expect(notes.take() == ["test 1", "test 6", "bill 6", "test 2", "test 9", "bill 9"])
        // A trace goes through the kept list as a list (the explanation shows the rule's
        // reads before its items): every element tested first, then the kept ones billed.
        let traced = try engine.preview(snapshot, asOf: Self.asOf, trace: true).get()
        #expect(notes.take() == ["test 1", "test 6", "test 2", "test 9", "bill 6", "bill 9"])
        #expect(traced.invoice == (try engine.preview(snapshot, asOf: Self.asOf).get().invoice))
    }

    @Test("a trace shows each kept item under its number in the kept list")
    func traceNumbersKeptItems() throws {
        let engine = try Self.engine()
        let traced = try engine.preview(try Self.snapshot(engine, plan: "PRO"), asOf: Self.asOf, trace: true).get()
        let trace = try #require(traced.trace)
        for (number, seat) in Self.seats.filter({ $0.size >= 5 }).enumerated() {
            let items = trace.entries(rule: "big_seats", item: number).compactMap { entry -> Value? in
                if case let .read("item", value) = entry.event { value } else { nil }
            }
            guard case let .record(record)? = items.first else {
                Issue.record("item \(number) of big_seats was not read in the trace")
                continue
            }
            #expect(record["size"] == .int(Int64(seat.size)))
        }
    }

    @Test("no element kept, or no element at all: no line, no violation")
    func nothingKept() throws {
        let engine = try Self.engine()
        for seats in [[], [("2026-11-03", 1)]] as [[(added: String, size: Int)]] {
            let invoice = try engine.preview(try Self.snapshot(engine, plan: "PRO", seats: seats), asOf: Self.asOf).get().invoice
            #expect(invoice.lines.isEmpty)
            #expect(invoice.violations.count == seats.count)
        }
    }

    @Test("a condition that fails for one element fails the evaluation, and the next evaluation bills as usual")
    func failingCondition() throws {
        let rules = Self.header + """
              - id: shares
                kind: recurring-charge
                each: seats.filter(s, 12 / (s.size - 2) > 1)
                price: price[plan]
                label: "seat {item.size}"
                merge: never
              - id: invoice
                kind: invoice
                account: id
                period: period(period.start, period.end)
                charges: [shares]

            """
        let engine = try Self.engine(rules)
        let result = engine.preview(try Self.snapshot(engine, plan: "PRO"), asOf: Self.asOf)
        guard case let .failure(error) = result else {
            Issue.record("a seat of size 2 divides by zero, but the preview succeeded")
            return
        }
        #expect(error.id == "eval.arithmetic")
        let seats = [("2026-11-02", 1), ("2026-11-03", 4), ("2026-11-04", 7)]
        let invoice = try engine.preview(try Self.snapshot(engine, plan: "PRO", seats: seats), asOf: Self.asOf).get().invoice
        // 12 / (1 − 2) = −12, 12 / 2 = 6, 12 / 5 = 2.4: the last two kept.
        #expect(invoice.lines.map(\.label) == ["seat 4", "seat 7"])
        #expect(invoice.lines.map(\.items) == [[0], [1]])
    }
}
