import ArgumentParser
import TariffBilling
import TariffCore

extension Tariff {
    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decide whether an action is allowed: remove-license, add-number, change-billing-address, change-payment-method.",
            discussion: "Prints the decision with its policy, reason code and message. Exit status 0 when allowed, 3 when denied."
        )

        @Argument(help: "The action, as the rules' policies name it.") var action: String
        @OptionGroup var snapshot: SnapshotOptions
        @OptionGroup var request: RequestOptions
        @OptionGroup var options: RuleOptions

        @Option(name: .long, help: "table or json.") var format: Preview.Format = .table

        func run() throws {
            var workspace = Workspace(options)
            let engine = try workspace.engine()
            let (record, document) = try workspace.snapshot(snapshot.account, engine: engine)
            let asOf = try workspace.asOf(snapshot.asOf, document: document)
            let requestRecord = try request.request(for: action, engine: engine, workspace: workspace)
            let decision: Decision
            switch engine.decide(action, request: requestRecord, snapshot: record, asOf: asOf) {
            case let .success(result): decision = result
            case let .failure(error): throw workspace.fail(error)
            }
            switch format {
            case .json: print(JSONWriter.render(decision.json, pretty: true))
            case .table:
                print("\(decision.allowed ? "allowed" : "denied"): \(decision.action)")
                print("  policy:  \(decision.policy)")
                print("  code:    \(decision.code)")
                print("  message: \(decision.message)")
                for value in decision.outcome {
                    print("  \(value.name.replacingOccurrences(of: "_", with: " ")): \(value.text)")
                }
            }
            if !decision.allowed { throw ExitStatus.denied }
        }
    }
}
