import ArgumentParser
import TariffBilling
import TariffCore

extension Tariff {
    struct Quote: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Quote an action before it is taken, such as add-licenses --count 7 --on 2026-04-10.",
            discussion: "Shows what the Add-a-License popup shows: the price per month, the first payment, the totals and the prepayable period with its prorated amount."
        )

        @Argument(help: "The action, as the rules' quotes name it.") var action: String
        @OptionGroup var request: RequestOptions
        @OptionGroup var snapshot: SnapshotOptions
        @OptionGroup var options: RuleOptions

        @Option(name: .long, help: "table or json.") var format: Preview.Format = .table

        func run() throws {
            var workspace = Workspace(options)
            let engine = try workspace.engine()
            let (record, document) = try workspace.snapshot(snapshot.account, engine: engine)
            let asOf = try workspace.asOf(snapshot.asOf, document: document)
            let requestRecord = try request.request(for: action, engine: engine, workspace: workspace)
            let quote: TariffBilling.Quote
            switch engine.quote(action, request: requestRecord, snapshot: record, asOf: asOf) {
            case let .success(result): quote = result
            case let .failure(error): throw workspace.fail(error)
            }
            switch format {
            case .json: print(JSONWriter.render(quote.json, pretty: true))
            case .table:
                print("Quote: \(quote.action)")
                let width = max(24, (quote.values.map(\.name.count).max() ?? 0) + 2)
                for value in quote.values {
                    let name = value.name.replacingOccurrences(of: "_", with: " ")
                    let text = value.type == "money" ? Amounts.grouped(value.text) : value.text
                    print("  " + name + String(repeating: " ", count: max(1, width - name.count)) + text)
                }
                if let prorated = quote.prorated {
                    let rows: [(String, String)] = [
                        ("prepayable period", prorated.interval.map { "\($0.start) to \($0.end) (exclusive), \($0.days) days" } ?? ""),
                        ("prorated fraction", "\(prorated.fraction ?? "") (basis \(prorated.basis ?? ""))"),
                        ("prorated unit price", Amounts.grouped(prorated.unitPrice)),
                        ("prorated amount", "\(prorated.quantity) × \(Amounts.grouped(prorated.unitPrice)) = \(Amounts.grouped(prorated.amount))"),
                    ]
                    for (name, text) in rows {
                        print("  " + name + String(repeating: " ", count: max(1, width - name.count)) + text)
                    }
                }
            }
        }
    }
}
