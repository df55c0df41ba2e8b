import ArgumentParser
import TariffBilling
import TariffCore

extension Tariff {
    struct Preview: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Preview the next invoice of an account.",
            discussion: """
            Every amount is computed by the rules from the snapshot; --explain shows how, in sentences a \
            support agent can read out. --format html writes one self-contained page (no network) with each \
            line's explanation: tariff preview examples/acme.yaml --format html --output invoice.html
            """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case table, json
        }

        /// An invoice can also be a page; decisions and quotes stay table or JSON.
        enum InvoiceFormat: String, ExpressibleByArgument, CaseIterable {
            case table, json, html
        }

        @OptionGroup var options: RuleOptions
        @OptionGroup var snapshot: SnapshotOptions

        @Option(name: .long, help: "table (for people), json (the stable contract) or html (a self-contained page, each line explained).")
        var format: InvoiceFormat = .table

        @Option(name: .long, help: "Write to this file (replaced whole, never half-written) instead of standard output.")
        var output: String?

        @Flag(name: .long, help: "Under each line: the rule, table row, inputs, proration and rounding that produced it.")
        var explain = false

        func run() throws {
            var workspace = Workspace(options)
            let engine = try workspace.engine()
            let (record, document) = try workspace.snapshot(snapshot.account, engine: engine)
            let asOf = try workspace.asOf(snapshot.asOf, document: document)
            let preview: BillingEngine.Preview
            switch engine.preview(record, asOf: asOf, trace: explain || format == .html) {
            case let .success(result): preview = result
            case let .failure(error): throw workspace.fail(error)
            }
            let explanation = Explanation(trace: preview.trace ?? Trace(), graph: engine.graph)
            let text: String
            switch format {
            case .table:
                text = InvoiceTable(invoice: preview.invoice).render(explanation: explain ? explanation : nil)
            case .json:
                text = JSONWriter.render(preview.invoice.json, pretty: true) + "\n"
            case .html:
                text = InvoiceHTML(invoice: preview.invoice, explanation: explanation, asOf: asOf, rules: options.rules).render()
            }
            guard let output else {
                print(text, terminator: "")
                return
            }
            do throws(OutputSink.SinkError) {
                let sink = try OutputSink(path: output)
                do throws(OutputSink.SinkError) {
                    try sink.write(Array(text.utf8))
                    try sink.commit()
                } catch {
                    sink.abandon()
                    throw error
                }
            } catch {
                workspace.report([.error("io.unwritable", error.reason, at: nil)])
                throw ExitStatus.badInput
            }
        }
    }
}
