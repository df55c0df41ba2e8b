import ArgumentParser
import TariffBilling
import TariffCore

extension Tariff {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The revenue impact of a rule change: each account's invoice under the base rules and under the new ones.",
            discussion: """
            For each account: the old total, the new total, the difference and the rules whose lines changed; \
            then the sums over all accounts. Example: cp -r rules /tmp/old && edit rules/pricing.yaml && \
            tariff diff --base /tmp/old examples/*.yaml
            """
        )

        @Option(name: .long, help: "The directory of the rules before the change.")
        var base: String

        @OptionGroup var options: RuleOptions

        @Argument(help: "Account snapshots (YAML or JSON), each previewed as of its own as_of unless --as-of is given.")
        var accounts: [String]

        @Option(name: .long, help: "Evaluate every account as of this date (YYYY-MM-DD).")
        var asOf: String?

        @Option(name: .long, help: "table or json.")
        var format: Preview.Format = .table

        func validate() throws {
            if accounts.isEmpty { throw ValidationError("name at least one account snapshot, such as examples/acme.yaml") }
        }

        func run() throws {
            var newWorkspace = Workspace(options)
            let newEngine = try newWorkspace.engine()
            var baseOptions = options
            baseOptions.rules = base
            var baseWorkspace = Workspace(baseOptions)
            let baseEngine = try baseWorkspace.engine()
            let currency = newEngine.graph.settings.currency
            guard baseEngine.graph.settings.currency == currency else {
                newWorkspace.report([.error("diff.currency", "the base rules bill in \(baseEngine.graph.settings.currency.code), the new ones in \(currency.code)",
                                            at: nil, hint: "compare rule sets of one currency")])
                throw ExitStatus.badInput
            }
            var rows: [RevenueImpact.Account] = []
            for path in accounts {
                let (newRecord, document) = try newWorkspace.snapshot(path, engine: newEngine)
                let (baseRecord, _) = try baseWorkspace.snapshot(path, engine: baseEngine)
                let date = try newWorkspace.asOf(asOf, document: document)
                let old: Invoice, new: Invoice
                switch baseEngine.preview(baseRecord, asOf: date) {
                case let .success(preview): old = preview.invoice
                case let .failure(error): throw baseWorkspace.fail(error)
                }
                switch newEngine.preview(newRecord, asOf: date) {
                case let .success(preview): new = preview.invoice
                case let .failure(error): throw newWorkspace.fail(error)
                }
                rows.append(RevenueImpact.Account(file: path, old: old, new: new))
            }
            let impact = RevenueImpact(accounts: rows, currency: currency)
            switch format {
            case .table: print(impact.table(base: base, rules: options.rules), terminator: "")
            case .json: print(JSONWriter.render(impact.json(base: base, rules: options.rules), pretty: true))
            }
        }
    }
}

/// What a rule change does to invoices: per account and in sum, with the rules whose
/// lines changed and by how much.
struct RevenueImpact {
    struct Account {
        let file: String
        let old: Invoice
        let new: Invoice

        var delta: Money { (try? new.total.subtracting(old.total)) ?? Money.zero(new.currency) }

        /// Rules whose lines differ, with the sum of their lines before and after, in the
        /// order they bill.
        var changedRules: [(rule: String, old: Money, new: Money)] {
            var order: [String] = []
            for line in old.lines + new.lines where !order.contains(line.rule) { order.append(line.rule) }
            return order.compactMap { rule in
                let before = old.lines.filter { $0.rule == rule }, after = new.lines.filter { $0.rule == rule }
                guard before != after else { return nil }
                return (rule, Self.sum(before, new.currency), Self.sum(after, new.currency))
            } + creditChange
        }

        private var creditChange: [(rule: String, old: Money, new: Money)] {
            guard old.creditsApplied != new.creditsApplied,
                  let oldCredit = try? old.creditsApplied.negated(), let newCredit = try? new.creditsApplied.negated() else { return [] }
            return [("credits applied", oldCredit, newCredit)]
        }

        private static func sum(_ lines: [ChargeLine], _ currency: Currency) -> Money {
            lines.reduce(Money.zero(currency)) { (try? $0.adding($1.amount)) ?? $0 }
        }
    }

    let accounts: [Account]
    let currency: Currency

    var oldTotal: Money { accounts.reduce(Money.zero(currency)) { (try? $0.adding($1.old.total)) ?? $0 } }
    var newTotal: Money { accounts.reduce(Money.zero(currency)) { (try? $0.adding($1.new.total)) ?? $0 } }
    var delta: Money { (try? newTotal.subtracting(oldTotal)) ?? Money.zero(currency) }

    /// `+20.00`, `-2.00`, `0.00`.
    static func signed(_ money: Money) -> String {
        (money.isNegative || money.isZero ? "" : "+") + Amounts.grouped(money)
    }

    func table(base: String, rules: String) -> String {
        let code = currency.code
        var out = "Revenue impact of the rules in \(rules) against the base in \(base) (\(code))\n\n"
        let accountWidth = max(10, accounts.map(\.new.account.count).max() ?? 0)
        func row(_ account: String, _ period: String, _ old: String, _ new: String, _ delta: String, _ rules: String) -> String {
            "  " + account.padding(accountWidth) + "  " + period.padding(23) + "  " + old.leftPadding(12) + "  "
                + new.leftPadding(12) + "  " + delta.leftPadding(10) + "  " + rules
        }
        out += row("Account", "Period", "Old total", "New total", "Delta", "Changed by") + "\n"
        for account in accounts {
            let period = account.new.period
            let last = (try? period.end.adding(days: -1)) ?? period.end
            let changes = account.changedRules.map { change in
                "\(change.rule) \(Self.signed((try? change.new.subtracting(change.old)) ?? Money.zero(currency)))"
            }
            out += row(account.new.account, "\(period.start) to \(last)", Amounts.grouped(account.old.total),
                       Amounts.grouped(account.new.total), Self.signed(account.delta),
                       changes.isEmpty ? "no change" : changes.joined(separator: ", ")) + "\n"
        }
        out += "\n" + row("All \(accounts.count)", "", Amounts.grouped(oldTotal), Amounts.grouped(newTotal), Self.signed(delta), "")
            .replacingTrailingSpaces() + "\n"
        out += "\nRevenue impact: \(Self.signed(delta)) \(code) over \(accounts.count) account\(accounts.count == 1 ? "" : "s").\n"
        return out
    }

    func json(base: String, rules: String) -> JSONWriter.Item {
        .object([
            ("base", .string(base)), ("rules", .string(rules)), ("currency", .string(currency.code)),
            ("accounts", .array(accounts.map { account in
                .object([
                    ("account", .string(account.new.account)), ("file", .string(account.file)),
                    ("period", account.new.period.json),
                    ("old_total", .string(account.old.total.formatted)), ("new_total", .string(account.new.total.formatted)),
                    ("delta", .string(account.delta.formatted)),
                    ("changed", .array(account.changedRules.map { change in
                        .object([("rule", .string(change.rule)), ("old", .string(change.old.formatted)),
                                 ("new", .string(change.new.formatted)),
                                 ("delta", .string(((try? change.new.subtracting(change.old)) ?? Money.zero(currency)).formatted))])
                    })),
                ])
            })),
            ("old_total", .string(oldTotal.formatted)), ("new_total", .string(newTotal.formatted)),
            ("delta", .string(delta.formatted)),
        ])
    }
}

extension String {
    fileprivate func replacingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
