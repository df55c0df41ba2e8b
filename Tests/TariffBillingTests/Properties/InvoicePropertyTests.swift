import Foundation
import TariffBilling
import TariffCore
import TariffYAML
import Testing

/// Invariants of the billing rules over generated accounts (issue 6). Each property runs
/// over `count` accounts from fixed seeds, so a failure names the seed and the account's
/// YAML and reproduces on every run.
@Suite("invoice properties")
struct InvoicePropertyTests {
    static let count: UInt64 = 150
    static let seeds = (1...count).map { $0 &* 0x5851_F42D_4C95_7F2D }

    static let engine: BillingEngine? = try? BillingFixtures.engine()

    struct Preview {
        var account: GeneratedAccount
        var invoice: Invoice
        var json: String
    }

    static func preview(_ account: GeneratedAccount, engine: BillingEngine) throws -> Preview {
        let snapshot = try BillingFixtures.snapshot(account.yaml, engine: engine)
        let invoice = try engine.preview(snapshot, asOf: account.asOf).get().invoice
        return Preview(account: account, invoice: invoice, json: JSONWriter.render(invoice.json, pretty: true))
    }

    static func money(_ text: String) throws -> Money { Money(try ExactDecimal(parsing: text), .eur) }

    static func previews() throws -> [Preview] {
        let engine = try #require(engine)
        return try seeds.map { try preview(GeneratedAccount(seed: $0), engine: engine) }
    }

    // MARK: Totals

    @Test func linesSumToTheSubtotal() throws {
        for preview in try Self.previews() {
            var sum = Money.zero(.eur)
            for line in preview.invoice.lines { sum = try sum.adding(line.amount) }
            #expect(try sum.compare(preview.invoice.subtotal) == 0, "\(preview.account)")
        }
    }

    @Test func totalIsSubtotalLessCreditsNeverBelowZero() throws {
        for preview in try Self.previews() {
            let invoice = preview.invoice
            let credits = try Self.money(preview.account.credits)
            let difference = try invoice.subtotal.subtracting(credits)
            let expected = difference.isNegative ? Money.zero(.eur) : difference
            #expect(try invoice.total.compare(expected) == 0, "\(preview.account)")
            #expect(try invoice.creditsApplied.adding(invoice.carryover).compare(credits) == 0, "\(preview.account)")
            #expect(!invoice.total.isNegative && !invoice.carryover.isNegative, "\(preview.account)")
        }
    }

    // MARK: Proration

    /// A prorated line costs at most the full monthly price for each calendar month its
    /// interval touches: within one month, at most the monthly price. (A prepayable period
    /// can span two months: the example's 119.74 is 64.00 × (27/31 + 30/30).)
    @Test func noProratedLineExceedsItsFullMonthlyPrice() throws {
        var prorated = 0
        for preview in try Self.previews() {
            let monthly = try Self.money(preview.account.price)
            for line in preview.invoice.lines where line.fraction != nil {
                let interval = try #require(line.interval)
                let months = interval.splitByMonth().count
                let ceiling = try monthly.multiplying(ExactDecimal(Int64(months)))
                #expect(try line.unitPrice.compare(ceiling) <= 0, "\(line.summary) over \(interval)\n\(preview.account)")
                #expect(!line.unitPrice.isNegative, "\(preview.account)")
                prorated += 1
            }
        }
        #expect(prorated > 100, "the generator makes prorated lines")
    }

    /// For every basis: the fraction of an interval is the sum of the fractions of its
    /// pieces cut at month boundaries (prorated one by one, and as the basis reports its
    /// parts), and a piece's share of its month is between 0 and 1 for the calendar-day
    /// bases. `inclusive-days` charges both ends, so its pieces are the closed intervals
    /// that tile the same days.
    @Test(arguments: ProrationBases.all.map(\.name))
    func fractionsOfAnIntervalSplitAcrossMonthsSumToTheWhole(basisName: String) throws {
        let basis = try #require(ProrationBases.all.first { $0.name == basisName })
        let inclusive = basisName == "inclusive-days"
        var random = SeededGenerator(seed: 42)
        for _ in 0..<500 {
            let start = CivilDate(daysSinceEpoch: Int.random(in: 19_000...21_000, using: &random))
            let end = try start.adding(days: Int.random(in: 0...800, using: &random))
            let interval = try Period(start: start, end: end)
            let whole = try basis.prorate(interval)
            var parts = Fraction.zero
            for part in whole.parts { parts = try parts.adding(part.fraction) }
            #expect(parts == whole.fraction, "\(basisName) \(interval): parts \(parts), whole \(whole.fraction)")
            // The days charged, half-open, cut at each month's first day.
            let tileEnd = inclusive ? try end.adding(days: 1) : end
            var sum = Fraction.zero
            var cursor = start
            while cursor < tileEnd {
                let next = min(try cursor.startOfNextMonth, tileEnd)
                let piece = try basis.prorate(Period(start: cursor, end: inclusive ? try next.adding(days: -1) : next)).fraction
                if basisName != "365" {
                    #expect(piece >= .zero && piece <= Fraction.one, "\(basisName) [\(cursor), \(next))")
                }
                sum = try sum.adding(piece)
                cursor = next
            }
            #expect(sum == whole.fraction, "\(basisName) \(interval): pieces \(sum), whole \(whole.fraction)")
        }
    }

    // MARK: Removal

    /// Removing an unassigned license held when the cycle starts lowers the next invoice by
    /// exactly its price: marked removed from the cycle's first day, or gone from the
    /// snapshot when it was paid up to then. The remove-license decision quotes that price.
    @Test func removingAnUnassignedLicenseLowersTheNextInvoiceByExactlyItsPrice() throws {
        let engine = try #require(Self.engine)
        var checked = 0
        for seed in Self.seeds {
            let account = GeneratedAccount(seed: seed)
            let cycle = account.cycle
            guard let index = account.licenses.firstIndex(where: {
                $0.assignedTo == nil && $0.removed == nil && $0.added <= cycle.start
            }) else { continue }
            let before = try Self.preview(account, engine: engine).invoice
            let price = try Self.money(account.price)

            var marked = account
            marked.licenses[index].removed = cycle.start
            let afterMarking = try Self.preview(marked, engine: engine).invoice
            #expect(try before.subtotal.subtracting(afterMarking.subtotal).compare(price) == 0, "\(account)")
            if try Self.money(account.credits).isZero {
                #expect(try before.total.subtracting(afterMarking.total).compare(price) == 0, "\(account)")
            }

            if account.licenses[index].billedUntil == cycle.start || account.licenses[index].added == cycle.start {
                var without = account
                without.licenses.remove(at: index)
                let afterRemoval = try Self.preview(without, engine: engine).invoice
                #expect(try before.subtotal.subtracting(afterRemoval.subtotal).compare(price) == 0, "\(account)")
            }

            let snapshot = try BillingFixtures.snapshot(account.yaml, engine: engine)
            let request = try BillingFixtures.request("remove-license", "license: \(account.licenses[index].id)", engine: engine)
            let decision = try engine.decide("remove-license", request: request, snapshot: snapshot, asOf: account.asOf).get()
            #expect(decision.allowed, "\(decision.message)\n\(account)")
            #expect(decision.outcome.first { $0.name == "deduction" }?.text == account.price, "\(account)")
            checked += 1
        }
        #expect(checked > 50, "the generator makes removable licenses")
    }

    // MARK: Determinism

    /// The same input gives byte-identical JSON: read again, evaluated again, and from
    /// eight tasks at once on one engine.
    @Test func sameInputGivesByteIdenticalOutput() async throws {
        let engine = try #require(Self.engine)
        for seed in Self.seeds.prefix(40) {
            let account = GeneratedAccount(seed: seed)
            let first = try Self.preview(account, engine: engine).json
            let again = try Self.preview(GeneratedAccount(seed: seed), engine: engine).json
            #expect(first == again, "\(account)")
            let concurrent = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<8 { group.addTask { try Self.preview(account, engine: engine).json } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(concurrent.allSatisfy { $0 == first }, "\(account)")
        }
    }

    /// Every order of the rule files compiles to the same results: invoices, decisions
    /// and quotes.
    @Test func orderOfRuleFilesDoesNotChangeAnyResult() throws {
        let documents = try BillingFixtures.ruleDocuments()
        let engines = try Self.permutations(of: documents).map { try BillingEngine.compile($0).get() }
        #expect(engines.count == (1...documents.count).reduce(1, *))
        for seed in Self.seeds.prefix(25) {
            let account = GeneratedAccount(seed: seed)
            var results: Set<String> = []
            for engine in engines {
                let snapshot = try BillingFixtures.snapshot(account.yaml, engine: engine)
                var text = JSONWriter.render(try engine.preview(snapshot, asOf: account.asOf).get().invoice.json)
                let removal = try BillingFixtures.request("remove-license", "", engine: engine)
                text += JSONWriter.render(try engine.decide("remove-license", request: removal, snapshot: snapshot, asOf: account.asOf).get().json)
                let purchase = try BillingFixtures.request("add-licenses", "count: 3\non: \(account.asOf)", engine: engine)
                text += JSONWriter.render(try engine.quote("add-licenses", request: purchase, snapshot: snapshot, asOf: account.asOf).get().json)
                results.insert(text)
            }
            #expect(results.count == 1, "\(account)")
        }
    }

    static func permutations<T>(of items: [T]) -> [[T]] {
        guard let first = items.first else { return [[]] }
        return permutations(of: Array(items.dropFirst())).flatMap { rest in
            (0...rest.count).map { index in
                var permutation = rest
                permutation.insert(first, at: index)
                return permutation
            }
        }
    }
}
