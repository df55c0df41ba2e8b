import ArgumentParser
import TariffBilling
import TariffCore

extension Tariff {
    struct Schema: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the JSON Schema of rule files, snapshots or rule tests, for editors.",
            discussion: """
            The repository keeps them in rules/schema/; files point to them with a first line such as \
            '# yaml-language-server: $schema=schema/rules.schema.json', so an editor with YAML support \
            validates and completes as the analyst types. After adding a kind or an input field: \
            tariff schema rules > rules/schema/rules.schema.json (and snapshot, tests).
            """
        )

        enum Subject: String, ExpressibleByArgument, CaseIterable {
            case rules, snapshot, tests
        }

        @Argument(help: "rules (rule files, from the plugin registry), snapshot (from the rules' input) or tests.")
        var subject: Subject

        @OptionGroup var options: RuleOptions

        func run() throws {
            let schema: JSONWriter.Item
            switch subject {
            case .rules:
                schema = EditorSchemas.rules(BillingPlugins.registry)
            case .snapshot:
                var workspace = Workspace(options)
                schema = EditorSchemas.snapshot(try workspace.engine().graph)
            case .tests:
                var workspace = Workspace(options)
                schema = EditorSchemas.tests(try workspace.engine())
            }
            print(JSONWriter.render(schema, pretty: true))
        }
    }
}
