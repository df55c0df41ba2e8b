import ArgumentParser

@main
struct Tariff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tariff",
        abstract: "Compile pricing rules and preview invoices, quotes and policy decisions."
    )
}
