import ArgumentParser

@main
struct Tariff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tariff",
        abstract: "Compile pricing rules; preview invoices, quotes and policy decisions.",
        discussion: """
        Rules are read from ./rules (*.yaml) unless --rules says otherwise. Exit status: 0 done, \
        1 the rules have errors, 2 an input cannot be read or is invalid, 3 a decision was denied.
        """,
        subcommands: [Check.self, Preview.self, Quote.self, Decide.self, Consumption.self, Bill.self, Bench.self, RunTests.self, Graph.self, Diff.self, Schema.self]
    )
}
