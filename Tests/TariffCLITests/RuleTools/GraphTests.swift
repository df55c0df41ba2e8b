import Foundation
import Testing

/// `tariff graph`: the rule graph as Mermaid or DOT.
@Suite("tariff graph")
struct GraphTests {
    @Test("Mermaid: inputs, tables and rules with the arrows of what each reads")
    func mermaid() throws {
        let output = try RuleToolsCLI.tariff(["graph"])
        #expect(output.status == 0, "\(output.stderr)")
        for expected in [
            "flowchart LR", "table_license_price[(\"license_price\")]", "field_account_plan[/\"account.plan\"/]",
            "rule_licenses[\"licenses<br/>recurring-charge\"]", "table_license_price --> rule_licenses",
            "field_account_plan --> rule_licenses", "rule_cycle --> rule_licenses", "as_of --> rule_cycle",
            "rule_credits --> rule_invoice", "request_change_payment_method --> rule_change_payment_method",
        ] {
            #expect(output.stdout.contains(expected), "missing \(expected)")
        }
    }

    @Test("DOT: a digraph with the same arrows")
    func dot() throws {
        let output = try RuleToolsCLI.tariff(["graph", "--format", "dot"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix("digraph rules {"))
        #expect(output.stdout.contains("table_number_fee -> rule_numbers;"))
        #expect(output.stdout.hasSuffix("}\n"))
    }

    @Test("an unknown format exits 64, unreadable rules 2")
    func errors() throws {
        #expect(try RuleToolsCLI.tariff(["graph", "--format", "svg"]).status == 64)
        #expect(try RuleToolsCLI.tariff(["graph", "--rules", "no/such/rules"]).status == 2)
    }
}
