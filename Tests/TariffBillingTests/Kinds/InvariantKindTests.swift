import Foundation
import TariffBilling
import TariffCore
import TariffYAML
import Testing

@Suite("InvariantKind")
struct InvariantKindTests {
    static let license = "{ id: L1, added: 2026-03-05 }"

    /// rules/checks.yaml: a license removed before it was added fails every evaluation,
    /// naming the value's path in the snapshot.
    @Test func aLicenseRemovedBeforeItWasAddedFailsThePreview() throws {
        let engine = try BillingFixtures.engine()
        let snapshot = try BillingFixtures.snapshot(BillingFixtures.account(licenses: [
            "{ id: L1, added: 2026-03-05 }", "{ id: L2, added: 2026-03-05, removed: 2026-03-01 }",
        ]), engine: engine)
        let error = try #require(engine.preview(snapshot, asOf: BillingFixtures.asOf()).failureError)
        #expect(error.id == "invariant.LICENSE_REMOVED_BEFORE_ADDED")
        #expect(error.message == "license L2 is removed on 2026-03-01, before it was added on 2026-03-05")
        #expect(error.snapshotPath == "account.licenses[1].removed")
        #expect(error.position?.file.hasSuffix("rules/checks.yaml") == true)
        #expect(error.diagnostic.notes.map(\.message) == ["the snapshot value at 'account.licenses[1].removed'"])
    }

    @Test func aLicenseAddedAfterThePeriodFailsDecisionsAndQuotesToo() throws {
        let engine = try BillingFixtures.engine()
        let snapshot = try BillingFixtures.snapshot(BillingFixtures.account(licenses: ["{ id: L1, added: 2026-06-01 }"]),
                                                    engine: engine)
        let asOf = try BillingFixtures.asOf()
        let preview = try #require(engine.preview(snapshot, asOf: asOf).failureError)
        #expect(preview.message == "license L1 is added on 2026-06-01, after the period invoiced (2026-05-01 to 2026-06-01, exclusive)")
        #expect(preview.snapshotPath == "account.licenses[0].added")
        let removal = try BillingFixtures.request("remove-license", "", engine: engine)
        #expect(engine.decide("remove-license", request: removal, snapshot: snapshot, asOf: asOf).failureError?.id
            == "invariant.LICENSE_ADDED_AFTER_PERIOD")
        let purchase = try BillingFixtures.request("add-licenses", "count: 1\non: 2026-04-10", engine: engine)
        #expect(engine.quote("add-licenses", request: purchase, snapshot: snapshot, asOf: asOf).failureError?.id
            == "invariant.LICENSE_ADDED_AFTER_PERIOD")
    }

    /// The last day of the period is still inside it; a removal on the day of adding is fine.
    @Test func boundaryDatesPass() throws {
        let engine = try BillingFixtures.engine()
        let snapshot = try BillingFixtures.snapshot(BillingFixtures.account(licenses: [
            "{ id: L1, added: 2026-05-31 }", "{ id: L2, added: 2026-03-05, removed: 2026-03-05 }",
        ]), engine: engine)
        #expect(throws: Never.self) { try engine.preview(snapshot, asOf: BillingFixtures.asOf()).get() }
    }

    /// A license removed is billed up to its removal, and not for the cycle after.
    @Test func aRemovedLicenseIsBilledUpToItsRemoval() throws {
        let engine = try BillingFixtures.engine()
        let held = try BillingFixtures.invoice(BillingFixtures.snapshot(BillingFixtures.account(licenses: [
            "{ id: L1, added: 2026-04-09 }",
        ]), engine: engine), engine: engine)
        #expect(held.lines.map(\.summary) == ["1 × 64.00 = 64.00", "1 × 46.93 = 46.93"])
        let removed = try BillingFixtures.invoice(BillingFixtures.snapshot(BillingFixtures.account(licenses: [
            "{ id: L1, added: 2026-04-09, removed: 2026-04-20 }",
        ]), engine: engine), engine: engine)
        #expect(removed.lines.map(\.summary) == ["1 × 23.47 = 23.47"], "11 of April's 30 days")
        let removedAtCycleStart = try BillingFixtures.invoice(BillingFixtures.snapshot(BillingFixtures.account(licenses: [
            "{ id: L1, added: 2026-04-09, removed: 2026-05-01 }",
        ]), engine: engine), engine: engine)
        #expect(removedAtCycleStart.lines.map(\.summary) == ["1 × 46.93 = 46.93"])
    }

    // MARK: The kind itself

    static let rules = """
        tariff: 1
        currency: EUR
        rounding: { mode: half-up, scale: 2 }
        input:
          account:
            seats:
              - id: string
                count: int
        rules:
          - id: positive_seats
            kind: invariant
            each: account.seats
            require: item.count > 0
            at: count
            code: SEATS_NOT_POSITIVE
            message: "seat {item.id} has {item.count} seats"
          - id: filtered
            kind: invariant
            each: account.seats.filter(s, s.id != "skip")
            require: item.count < 100
            code: TOO_MANY
            message: "seat {item.id} has too many"
          - id: whole
            kind: invariant
            require: account.seats.count() < 10
            code: TOO_MANY_SEATS
            message: "too many seat lines"
        """

    static func evaluate(_ seats: String) throws -> EvaluationError? {
        let document = try YAMLReader.read(rules, file: "r.yaml").get()
        let graph = try RuleCompiler(registry: BillingPlugins.registry).compile([document]).get()
        let snapshot = try SnapshotDecoder(graph: graph).decode(try YAMLReader.read("account: { seats: \(seats) }", file: "s.yaml").get()).get()
        return graph.evaluate(snapshot, asOf: try BillingFixtures.asOf()).failureError
    }

    @Test func pathsNameTheItemAndTheFieldWhenEachIsASnapshotPath() throws {
        let error = try #require(try Self.evaluate("[{ id: a, count: 2 }, { id: b, count: 0 }]"))
        #expect(error.id == "invariant.SEATS_NOT_POSITIVE")
        #expect(error.message == "seat b has 0 seats")
        #expect(error.snapshotPath == "account.seats[1].count")
        #expect(error.position == SourcePosition(file: "r.yaml", line: 13, column: 14))
    }

    @Test func aFilteredListHasNoSnapshotPath() throws {
        let error = try #require(try Self.evaluate("[{ id: skip, count: 500 }, { id: b, count: 200 }]"))
        #expect(error.id == "invariant.TOO_MANY")
        #expect(error.snapshotPath == nil, "list positions of a filtered list are not snapshot positions")
    }

    @Test func withoutEachTheRuleChecksTheAccountOnce() throws {
        let seats = "[" + (0..<12).map { "{ id: s\($0), count: 1 }" }.joined(separator: ", ") + "]"
        let error = try #require(try Self.evaluate(seats))
        #expect(error.id == "invariant.TOO_MANY_SEATS")
        #expect(error.snapshotPath == nil)
        #expect(try Self.evaluate("[{ id: a, count: 1 }]") == nil)
    }

    @Test func atMustNameAFieldOfTheItems() throws {
        let text = Self.rules.replacingOccurrences(of: "at: count", with: "at: cuont")
        let document = try YAMLReader.read(text, file: "r.yaml").get()
        let error = try #require(RuleCompiler(registry: BillingPlugins.registry).compile([document]).failureError)
        #expect(error.diagnostics.map(\.message) == ["'at' names 'cuont', which is not a field of the items of 'each'"])
        #expect(error.diagnostics.first?.hint == "did you mean 'count'?")
        #expect(error.diagnostics.first?.position == SourcePosition(file: "r.yaml", line: 14, column: 9))
    }
}

extension Result {
    var failureError: Failure? {
        if case let .failure(error) = self { return error }
        return nil
    }
}
