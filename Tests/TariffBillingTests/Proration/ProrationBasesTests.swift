import Testing
import TariffBilling
import TariffCore

@Suite("ProrationBases")
struct ProrationBasesTests {
    @Test func allBasesHaveDistinctNamesAndSummaries() {
        let names = ProrationBases.all.map(\.name)
        #expect(names == ["actual-days", "inclusive-days", "fixed-30", "365", "seconds"])
        #expect(ProrationBases.all.allSatisfy { !$0.summary.isEmpty })
    }

    /// A whole calendar month is exactly 1 under every half-open basis, in any month.
    @Test(arguments: ["2024-02-01", "2026-02-01", "2026-03-01", "2026-04-01", "2100-02-01"])
    func aWholeMonthIsExactlyOne(start: String) throws {
        let first = try CivilDate(parsing: start)
        let month = Period.month(containing: first)
        for basis in ProrationBases.all where basis.name != "inclusive-days" {
            #expect(try basis.prorate(month).fraction == .one, "\(basis.name)")
        }
        let inclusive = try Period(start: first, end: first.endOfMonth)
        #expect(try InclusiveDaysBasis().prorate(inclusive).fraction == .one)
    }

    @Test func registersInAPluginRegistry() {
        var registry = PluginRegistry()
        for basis in ProrationBases.all { registry.register(basis) }
        #expect(registry.prorationBases.keys.sorted() == ["365", "actual-days", "fixed-30", "inclusive-days", "seconds"])
    }
}
