import ArgumentParser
import TariffBilling
import TariffCore

extension Tariff {
    struct Preview: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Preview the next invoice of an account.",
            discussion: "Every amount is computed by the rules from the snapshot; --explain shows how."
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case table, json
        }

        @OptionGroup var options: RuleOptions
        @OptionGroup var snapshot: SnapshotOptions

        @Option(name: .long, help: "table (for people) or json (the stable contract).")
        var format: Format = .table

        @Flag(name: .long, help: "Under each line: the rule, table row, inputs, proration and rounding that produced it.")
        var explain = false

        func run() throws {
            var workspace = Workspace(options)
            let engine = try workspace.engine()
            let (record, document) = try workspace.snapshot(snapshot.account, engine: engine)
            let asOf = try workspace.asOf(snapshot.asOf, document: document)
            let preview: BillingEngine.Preview
            switch engine.preview(record, asOf: asOf, trace: explain) {
            case let .success(result): preview = result
            case let .failure(error): throw workspace.fail(error)
            }
            switch format {
            case .table:
                print(InvoiceTable(invoice: preview.invoice).render(explanation: explain
                    ? Explanation(trace: preview.trace ?? Trace(), graph: engine.graph) : nil), terminator: "")
            case .json:
                print(JSONWriter.render(preview.invoice.json, pretty: true))
            }
        }
    }
}
