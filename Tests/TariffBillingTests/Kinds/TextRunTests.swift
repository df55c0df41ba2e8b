import Foundation
import TariffBilling
import TariffCore
import TariffYAML
import Testing

/// Labels and violation messages are runs of their evaluation's text arena (`Value.text`),
/// not a `String` each. They must behave as the strings they spell everywhere: in the
/// invoice's views, in equality and hashing, and in every expression that reads them,
/// including a later label that quotes an earlier one.
@Suite("text runs")
struct TextRunTests {
    static let rules = """
        tariff: 1
        currency: EUR
        rounding: { mode: half-up, scale: 2, per: line }
        input:
          id: string
          items: [ { name: string, country: string } ]
          period: { start: date, end: date }
        tables:
          unit: { type: money, rows: { one: 1.00 } }
        rules:
          - id: lines
            kind: recurring-charge
            each: items
            price: unit.one
            label: "Number {item.name} ({item.country})"
            merge: never
          - id: quoted
            kind: recurring-charge
            each: lines.filter(l, l.label != "Number skip (XX)")
            price: unit.one
            label: "again: {item.label}, {len(item.label)} characters"
            merge: never
          - id: long_labels
            kind: value
            value: lines.count(l, len(l.label) > 20)
          - id: labels
            kind: value
            value: lines.map(l, l.label)
          - id: foreign
            kind: violation
            each: lines
            when: item.label == "Number +4420 (GB)"
            code: FOREIGN
            message: "{item.label} is foreign"
            details:
              label: item.label
          - id: invoice
            kind: invoice
            account: id
            period: period(period.start, period.end)
            charges: [lines, quoted]
            violations: [foreign]

        """

    static func engine() throws -> BillingEngine {
        let document = try DocumentReader.read(bytes: Array(rules.utf8), file: "runs.yaml").get()
        return try BillingEngine.compile([document]).get()
    }

    static func snapshot(_ engine: BillingEngine, names: [(String, String)]) throws -> Record {
        let items = names.map { "{ name: \"\($0.0)\", country: \($0.1) }" }.joined(separator: ", ")
        let yaml = "id: acct\nitems: [\(items)]\nperiod: { start: 2026-11-01, end: 2026-12-01 }\n"
        return try engine.decoder.decode(try DocumentReader.read(bytes: Array(yaml.utf8), file: "s.yaml").get()).get()
    }

    static let asOf = try! CivilDate(year: 2026, month: 11, day: 1)
    static let names = [("+33612345678", "FR"), ("skip", "XX"), ("+4420", "GB"), ("a much longer name than sixteen bytes", "DE")]

    /// What the rules read from the labels is what they would read from strings.
    @Test func expressionsReadLabelsAsText() throws {
        let engine = try Self.engine()
        let snapshot = try Self.snapshot(engine, names: Self.names)
        for trace in [false, true] {
            let preview = try engine.preview(snapshot, asOf: Self.asOf, trace: trace).get()
            let labels = ["Number +33612345678 (FR)", "Number skip (XX)", "Number +4420 (GB)",
                          "Number a much longer name than sixteen bytes (DE)"]
            let quoted = labels.filter { $0 != "Number skip (XX)" }.map { "again: \($0), \($0.count) characters" }
            #expect(preview.invoice.lines.map(\.label) == labels + quoted, "trace \(trace)")
            #expect(preview.invoice.violations.map(\.message) == ["Number +4420 (GB) is foreign"])
            #expect(preview.invoice.violations.first?.details == [OutcomeValue(name: "label", value: .string("Number +4420 (GB)"))])

            let evaluation = try engine.graph.evaluate(snapshot, asOf: Self.asOf, options: .init(targets: ["labels", "long_labels"])).get()
            #expect(evaluation.value(of: "labels") == .list(labels.map(Value.string)))
            #expect(evaluation.value(of: "long_labels") == .int(Int64(labels.filter { $0.count > 20 }.count)))
            #expect(evaluation.value(of: "long_labels") == .int(2))
        }
    }

    /// A rendered label is held as a run, equals the same text as a `.string` both ways,
    /// hashes alike, and reads back as that text; a line made by hand with the `String`
    /// equals the rendered one, so invoices compare by what they say.
    @Test func aRunIsTheTextItSpells() throws {
        let engine = try Self.engine()
        let invoice = try engine.preview(try Self.snapshot(engine, names: Self.names), asOf: Self.asOf).get().invoice
        let line = try #require(invoice.lines.first)
        let field = line.record[1]
        guard case let .text(run) = field else {
            Issue.record("the label is held as \(field), not a run")
            return
        }
        let text = Value.string("Number +33612345678 (FR)")
        #expect(run.string == "Number +33612345678 (FR)")
        #expect(field == text)
        #expect(text == field)
        #expect(field != .string("Number +33612345678 (FR) "))
        #expect(field.hashValue == text.hashValue)
        #expect(Set([field, text]).count == 1)
        #expect(field.description == "Number +33612345678 (FR)")
        #expect(field.traceDescription == "'Number +33612345678 (FR)'")
        #expect(field.materialized == text)
        if case .string = field.materialized {} else { Issue.record("materialized is not a .string") }
        #expect(field.isText && text.isText && !Value.int(1).isText)

        let byHand = ChargeLine(rule: line.rule, label: line.label, quantity: line.quantity, unitPrice: line.unitPrice,
                                amount: line.amount, items: line.items)
        #expect(byHand == line)
        #expect(byHand.value.hashValue == line.value.hashValue)
    }

    /// A writer reads a rendered label's bytes where the line holds them
    /// (`Record.unsafeRenderedTextUTF8(at:)`): the same text, for as long as the line lives,
    /// after its evaluation is gone; nil for a `String` field and for anything else.
    @Test func aLabelIsReadWhereTheLineHoldsIt() throws {
        let engine = try Self.engine()
        let lines = try engine.preview(try Self.snapshot(engine, names: Self.names), asOf: Self.asOf).get().invoice.lines
        #expect(lines.count == 7)
        for line in lines {
            let utf8 = try #require(line.record.unsafeRenderedTextUTF8(at: 1))
            #expect(String(decoding: utf8, as: UTF8.self) == line.label)
        }
        let byHand = ChargeLine(rule: "r", label: "a label held as a String", quantity: 1, unitPrice: lines[0].unitPrice,
                                amount: lines[0].amount)
        #expect(byHand.record.unsafeRenderedTextUTF8(at: 1) == nil)
        #expect(lines[0].record.unsafeRenderedTextUTF8(at: 2) == nil)   // the quantity
    }

    /// The runs outlive their evaluation (the arena goes with the last of them), and
    /// evaluations at once on several threads each write their own arena.
    @Test func runsOutliveTheirEvaluationAcrossThreads() async throws {
        let engine = try Self.engine()
        let results = try await withThrowingTaskGroup(of: (Int, [String]).self) { group in
            for index in 0..<16 {
                group.addTask {
                    let names = (0..<40).map { ("+33\(index)-\($0)", $0 % 2 == 0 ? "FR" : "GB") }
                    let invoice = try engine.preview(try Self.snapshot(engine, names: names), asOf: Self.asOf).get().invoice
                    return (index, invoice.lines.map(\.label))
                }
            }
            var all: [Int: [String]] = [:]
            for try await (index, labels) in group { all[index] = labels }
            return all
        }
        for index in 0..<16 {
            let names = (0..<40).map { "Number +33\(index)-\($0) (\($0 % 2 == 0 ? "FR" : "GB"))" }
            let quoted = names.map { "again: \($0), \($0.count) characters" }
            #expect(results[index] == names + quoted)
        }
    }

    /// A template without holes is one constant `String`, shared, not a run.
    @Test func aConstantLabelIsAString() throws {
        let rules = Self.rules.replacingOccurrences(of: #"label: "Number {item.name} ({item.country})""#, with: "label: Number")
        #expect(rules != Self.rules)
        let document = try DocumentReader.read(bytes: Array(rules.utf8), file: "runs.yaml").get()
        let engine = try BillingEngine.compile([document]).get()
        let invoice = try engine.preview(try Self.snapshot(engine, names: Self.names), asOf: Self.asOf).get().invoice
        let first = try #require(invoice.lines.first)
        if case .string = first.record[1] {} else { Issue.record("a constant label is held as \(first.record[1])") }
        #expect(first.label == "Number")
    }
    /// A hole that fails part way through a label fails the evaluation with its error; the
    /// bytes written before it are no run's, and the next evaluation labels as usual.
    @Test func aHoleThatFailsFailsTheEvaluation() throws {
        let rules = Self.rules.replacingOccurrences(of: #"label: "Number {item.name} ({item.country})""#,
                                                    with: #"label: "Number {item.name} ({100 / (items.count() - 1)} %)""#)
        #expect(rules != Self.rules)
        let document = try DocumentReader.read(bytes: Array(rules.utf8), file: "runs.yaml").get()
        let engine = try BillingEngine.compile([document]).get()
        guard case let .failure(error) = engine.preview(try Self.snapshot(engine, names: [("alone", "FR")]), asOf: Self.asOf) else {
            Issue.record("a division by zero in a label gave an invoice")
            return
        }
        #expect(error.diagnostic.message.contains("zero"))
        let invoice = try engine.preview(try Self.snapshot(engine, names: [("a", "FR"), ("b", "GB")]), asOf: Self.asOf).get().invoice
        #expect(invoice.lines.map(\.label).prefix(2) == ["Number a (100.0000000000 %)", "Number b (100.0000000000 %)"])  // `/` keeps ten digits
    }
}
