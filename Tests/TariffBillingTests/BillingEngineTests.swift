import TariffBilling
import TariffCore
import Testing

@Suite("BillingEngine")
struct BillingEngineTests {
    /// The rules compile with every billing kind the page needs.
    @Test func rulesCompile() throws {
        let engine = try BillingFixtures.engine()
        #expect(engine.quoteActions == ["add-licenses"])
        #expect(engine.graph.rules(inCategory: "invoice").map(\.id) == ["invoice"])
    }

    /// One compiled engine, many evaluations at once, one answer.
    @Test func evaluatesConcurrently() async throws {
        let engine = try BillingFixtures.engine()
        let snapshot = try BillingFixtures.example("acme.yaml", engine: engine)
        let asOf = try BillingFixtures.asOf()
        let totals = await withTaskGroup(of: String.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    (try? engine.preview(snapshot, asOf: asOf).get().invoice.total.formatted) ?? "failed"
                }
            }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(totals == Array(repeating: "1122.47", count: 16))
    }

    /// Same inputs, same invoice: the as-of date comes from the caller, never the clock.
    @Test func deterministic() throws {
        let engine = try BillingFixtures.engine()
        let snapshot = try BillingFixtures.example("acme.yaml", engine: engine)
        let first = try engine.preview(snapshot, asOf: BillingFixtures.asOf()).get().invoice
        let second = try engine.preview(snapshot, asOf: BillingFixtures.asOf()).get().invoice
        #expect(first == second)
    }
}
