import Testing
import TariffCore
import TariffYAML

/// A macro's variable (`l` in `licenses.filter(l, …)`) and a rule's `item` hold each
/// element lent, not copied: the snapshot's values must come out of any number of loops,
/// finished or stopped by an error, whole and unchanged, and values the loop keeps (a
/// filtered list, a mapped record) must be copies of their own.
@Suite struct LentLoopVariableTests {
    static let rules = CompilerHarness.settings + """

        input:
          account: { plan: string, licenses: [ { id: string, added: date, assigned_to: string? } ] }
        rules:
          - id: kept
            kind: value
            value: account.licenses.filter(l, l.id != 'L2')
          - id: same
            kind: value
            value: account.licenses.map(l, l)
          - id: nested
            kind: value
            value: account.licenses.count(l, account.licenses.any(m, m.id == l.id and m.added == l.added))
          - id: first_assigned
            kind: value
            value: account.licenses.any(l, l.assigned_to != null)
          - id: days
            kind: value
            value: account.licenses.sum(l, as_of - l.added)
        """

    static let snapshot = """
        account:
          plan: ADVANCED
          licenses:
            - { id: L1, added: 2026-01-10, assigned_to: alice }
            - { id: L2, added: 2026-04-10 }
            - { id: L3, added: 2026-04-12, assigned_to: null }
        """

    static func license(_ type: RecordType, _ id: String, _ added: String, _ assigned: Value) -> Value {
        .record(Record(type: type, fields: [.string(id), .date(CompilerHarness.date(added)), assigned]))
    }

    @Test func loopsLeaveTheSnapshotWholeAndKeepCopiesOfTheirOwn() throws {
        let graph = try CompilerHarness.graph(Self.rules)
        let record = try CompilerHarness.snapshot(Self.snapshot, for: graph)
        guard case let .record(account)? = record["account"], case let .list(licenses)? = account["licenses"],
              case let .record(first) = licenses[0] else {
            Issue.record("the snapshot has no licenses")
            return
        }
        let type = first.type
        var kept: [Value] = []
        for _ in 0..<500 {
            let evaluation = try graph.evaluate(record, asOf: CompilerHarness.asOf).get()
            kept.append(try #require(evaluation.value(of: "kept")))
            #expect(evaluation.value(of: "same") == .list(licenses))
            #expect(evaluation.value(of: "nested") == .int(3))
            #expect(evaluation.value(of: "first_assigned") == .bool(true))
            #expect(evaluation.value(of: "days") == .int(95 + 5 + 3))
        }
        let expected = Value.list([Self.license(type, "L1", "2026-01-10", .string("alice")),
                                   Self.license(type, "L3", "2026-04-12", .null)])
        #expect(kept.allSatisfy { $0 == expected })
        #expect(record["account"] == .record(account))
        #expect(licenses.count == 3)
    }

    /// An error in the middle of a loop ends the evaluation; the element lent at that
    /// moment stays the snapshot's, and the next evaluation of the same snapshot succeeds.
    @Test func anErrorInTheMiddleOfALoopLeavesTheSnapshotWhole() throws {
        let rules = CompilerHarness.replacing("value: account.licenses.sum(l, as_of - l.added)",
                                              with: "value: account.licenses.sum(l, 100 / (l.added - date('2026-04-10')))",
                                              in: Self.rules)
        let graph = try CompilerHarness.graph(rules)
        let record = try CompilerHarness.snapshot(Self.snapshot, for: graph)
        let before = record
        for _ in 0..<500 {
            switch graph.evaluate(record, asOf: CompilerHarness.asOf) {
            case .success: Issue.record("expected a division by zero")
            case let .failure(error): #expect(error.message == "Division by zero: 100 / 0.")
            }
        }
        #expect(record == before)
        let fine = try CompilerHarness.graph(Self.rules).evaluate(record, asOf: CompilerHarness.asOf).get()
        #expect(fine.value(of: "nested") == .int(3))
    }
}
