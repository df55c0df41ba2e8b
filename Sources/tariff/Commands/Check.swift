import ArgumentParser
import TariffBilling
import TariffCore

extension Tariff {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compile the rules and report every problem at once.",
            discussion: "Prints 'ok: N rules, M tables' or the diagnostics. Exit status 1 on errors, 2 when the rules cannot be read."
        )

        @OptionGroup var options: RuleOptions

        func run() throws {
            var workspace = Workspace(options)
            let engine = try workspace.engine()
            print("ok: \(engine.graph.rules.count) rules, \(engine.graph.tables.count) tables")
        }
    }
}
