import Foundation
import Testing

/// `tariff diff`: the revenue impact of a rule change, with a copy of rules/ where
/// ADVANCED costs 66.00 instead of 64.00.
@Suite("tariff diff")
struct DiffTests {
    static func advancedAt66() throws -> URL {
        let directory = try RuleToolsCLI.temporaryDirectory("rules-66")
        try RuleToolsCLI.copyRules(to: directory) { name, text in
            name == "pricing.yaml" ? text.replacingOccurrences(of: "ADVANCED: 64.00", with: "ADVANCED: 66.00") : text
        }
        return directory
    }

    @Test("per account: old and new totals, delta, the rules that changed; then the sum")
    func table() throws {
        let rules = try Self.advancedAt66()
        defer { try? FileManager.default.removeItem(at: rules) }
        let output = try RuleToolsCLI.tariff(["diff", "--base", "rules", "--rules", rules.path, "examples/acme.yaml"])
        #expect(output.status == 0, "\(output.stderr)")
        let row = output.stdout.split(separator: "\n").first { $0.contains("ACME-001") }.map(String.init) ?? ""
        #expect(row.split(separator: " ").joined(separator: " ")
            == "ACME-001 2026-05-01 to 2026-05-31 1,122.47 1,157.08 +34.61 licenses +20.00, added_licenses +14.61")
        #expect(output.stdout.hasSuffix("Revenue impact: +34.61 EUR over 1 account.\n"), "\(output.stdout)")
    }

    @Test("JSON: amounts as strings, per account and in sum")
    func json() throws {
        let rules = try Self.advancedAt66()
        defer { try? FileManager.default.removeItem(at: rules) }
        let output = try RuleToolsCLI.tariff(["diff", "--base", "rules", "--rules", rules.path, "--format", "json",
                                              "examples/acme.yaml", "examples/acme.yaml"])
        #expect(output.status == 0, "\(output.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(object["old_total"] as? String == "2244.94")
        #expect(object["new_total"] as? String == "2314.16")
        #expect(object["delta"] as? String == "69.22")
        let accounts = try #require(object["accounts"] as? [[String: Any]])
        #expect(accounts.count == 2)
        let changed = try #require(accounts.first?["changed"] as? [[String: Any]])
        #expect(changed.map { $0["rule"] as? String } == ["licenses", "added_licenses"])
        #expect(changed.map { $0["delta"] as? String } == ["20.00", "14.61"])
    }

    @Test("the same rules change nothing")
    func noChange() throws {
        let output = try RuleToolsCLI.tariff(["diff", "--base", "rules", "examples/acme.yaml"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("no change"))
        #expect(output.stdout.hasSuffix("Revenue impact: 0.00 EUR over 1 account.\n"))
    }

    @Test("exit statuses: no --base 64, an unreadable account 2, unreadable base rules 2")
    func errors() throws {
        #expect(try RuleToolsCLI.tariff(["diff", "examples/acme.yaml"]).status == 64)
        #expect(try RuleToolsCLI.tariff(["diff", "--base", "rules", "no/such/account.yaml"]).status == 2)
        #expect(try RuleToolsCLI.tariff(["diff", "--base", "no/such/rules", "examples/acme.yaml"]).status == 2)
    }
}
