import ArgumentParser
import TariffBilling
import TariffCore

extension Tariff {
    struct Consumption: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List consumption outside the package, by date range, team and user (View detailed consumption)."
        )

        @OptionGroup var snapshot: SnapshotOptions
        @OptionGroup var options: RuleOptions

        @Option(name: .long, help: "First date listed (YYYY-MM-DD).") var from: String?
        @Option(name: .long, help: "Date after the last one listed (exclusive).") var to: String?
        @Option(name: .long, help: "Only this team.") var team: String?
        @Option(name: .long, help: "Only this user.") var user: String?
        @Option(name: .long, help: "table or json.") var format: Preview.Format = .table

        func run() throws {
            var workspace = Workspace(options)
            let engine = try workspace.engine()
            let (record, document) = try workspace.snapshot(snapshot.account, engine: engine)
            let asOf = try workspace.asOf(snapshot.asOf, document: document)
            func date(_ text: String?, _ flag: String) throws -> CivilDate? {
                guard let text else { return nil }
                guard let date = try? CivilDate(parsing: text) else {
                    workspace.report([.error("cli.date", "--\(flag) '\(text)' is not a date in the form YYYY-MM-DD", at: nil)])
                    throw ExitStatus.badInput
                }
                return date
            }
            let start = try date(from, "from"), end = try date(to, "to")
            // An empty range lists nothing, which would read as "no consumption": say so instead.
            if let start, let end, end <= start {
                workspace.report([.error("cli.date-range", "--to \(end) is not after --from \(start): no day is in the range", at: nil,
                                         hint: "--to is the day after the last one listed, such as --from 2026-04-01 --to 2026-05-01")])
                throw ExitStatus.badInput
            }
            let filter = BillingEngine.ConsumptionFilter(from: start, to: end, team: team, user: user)
            let lines: [ChargeLine]
            switch engine.consumption(record, asOf: asOf, filter: filter) {
            case let .success(result): lines = result
            case let .failure(error): throw workspace.fail(error)
            }
            var total = Money.zero(engine.graph.settings.currency)
            for line in lines { total = (try? total.adding(line.amount)) ?? total }
            switch format {
            case .json:
                print(JSONWriter.render(.object([
                    ("records", .array(lines.map(\.json))), ("total", .string(total.formatted)),
                ]), pretty: true))
            case .table:
                print("Consumption outside the package" + [from.map { " from \($0)" }, to.map { " to \($0) (exclusive)" },
                                                            team.map { ", team \($0)" }, user.map { ", user \($0)" }]
                    .compactMap { $0 }.joined())
                // Columns as wide as their widest entry, so long labels do not push amounts out of line.
                func who(_ line: ChargeLine) -> String { "\(line.team ?? "-")/\(line.user ?? "-")" }
                let whoWidth = max(20, lines.map { who($0).count }.max() ?? 0)
                let labelWidth = max(48, lines.map(\.label.count).max() ?? 0)
                for line in lines {
                    let date = line.date.map(\.description) ?? "          "
                    print("  \(date)  \(who(line).padding(whoWidth))  \(line.label.padding(labelWidth))  \(Amounts.grouped(line.amount).leftPadding(10))\(line.billed ? "" : "  (not on this invoice)")")
                }
                print("  \(lines.count) record\(lines.count == 1 ? "" : "s"), total \(Amounts.grouped(total)) \(total.currency.code)")
            }
        }
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    func leftPadding(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
