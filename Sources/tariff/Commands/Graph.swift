import ArgumentParser
import TariffBilling
import TariffCore

extension Tariff {
    struct Graph: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw the rules: the snapshot fields and tables each reads, and which rule reads which.",
            discussion: """
            Mermaid (the default) renders in GitHub READMEs and issues inside a ```mermaid block; DOT renders \
            with Graphviz: tariff graph --format dot | dot -Tsvg > rules.svg
            """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case mermaid, dot
        }

        @OptionGroup var options: RuleOptions

        @Option(name: .long, help: "mermaid or dot.")
        var format: Format = .mermaid

        func run() throws {
            var workspace = Workspace(options)
            let engine = try workspace.engine()
            let diagram = RuleDiagram(graph: engine.graph)
            let title = "Tariff rules (\(options.rules.hasSuffix("/") ? options.rules : options.rules + "/"))"
            switch format {
            case .mermaid: print(diagram.mermaid(title: title), terminator: "")
            case .dot: print(diagram.dot(title: title), terminator: "")
            }
        }
    }
}
