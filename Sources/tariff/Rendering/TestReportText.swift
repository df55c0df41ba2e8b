import TariffBilling
import TariffCore

/// A run of rule tests as text: a line per passing case, and under each failing case
/// what was expected and what the rules gave, amount by amount.
///
/// ```
/// FAIL rules/tests/invoices.yaml:4: ACME's May invoice
///                                   expected      actual  difference
///   line 'ADVANCED licenses'
///     unit price                       66.00       64.00       -2.00
///     amount                          660.00      640.00      -20.00
///   total                            1142.47     1122.47      -20.00
/// ```
struct TestReportText {
    let diagnostics: DiagnosticRenderer

    func results(_ report: RuleTestReport) -> String {
        var out = ""
        for result in report.results {
            let place = "\(result.position.file):\(result.position.line)"
            switch result.status {
            case .passed:
                out += "ok   \(place): \(result.name)\n"
            case let .failed(mismatches):
                out += "FAIL \(place): \(result.name)\n"
                out += table(mismatches)
            case let .error(found):
                out += "FAIL \(place): \(result.name)\n"
                out += "  the case could not run:\n"
                for line in diagnostics.render(found).split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                    out += "    \(line)\n"
                }
            }
        }
        return out
    }

    /// Mismatches grouped by subject; short values in columns, long ones (labels,
    /// messages) on lines of their own, whole lines missing or unexpected on one line each.
    func table(_ mismatches: [Mismatch]) -> String {
        let short = 16
        func isWhole(_ mismatch: Mismatch) -> Bool { mismatch.field == "line" || mismatch.field == "violation" }
        func isShort(_ mismatch: Mismatch) -> Bool {
            !isWhole(mismatch) && mismatch.expected.count <= short && mismatch.actual.count <= short
        }
        let columns = mismatches.filter(isShort)
        let nameWidth = max(28, columns.map { ($0.subject == nil ? 2 : 4) + $0.field.count + 2 }.max() ?? 0)
        let valueWidth = max(10, columns.flatMap { [$0.expected.count, $0.actual.count] }.max() ?? 0)
        let differenceWidth = max(10, columns.compactMap { $0.difference?.count }.max() ?? 0)
        var out = ""
        if !columns.isEmpty {
            out += pad("", nameWidth) + pad("expected", valueWidth, right: true) + "  " + pad("actual", valueWidth, right: true)
                + "  " + pad("difference", differenceWidth, right: true) + "\n"
        }
        var subject: String?
        for mismatch in mismatches {
            let difference = mismatch.difference.map { " (\($0))" } ?? ""
            if isWhole(mismatch) {
                let what = mismatch.subject ?? mismatch.field
                if mismatch.expected.hasPrefix("no such") {
                    out += "  unexpected \(what): \(mismatch.actual)\(difference)\n"
                } else {
                    out += "  missing \(what): expected \(mismatch.expected)\(difference)\n"
                }
                subject = nil
                continue
            }
            if let next = mismatch.subject, next != subject {
                out += "  \(next)\n"
            }
            subject = mismatch.subject
            let indent = mismatch.subject == nil ? "  " : "    "
            let name = indent + mismatch.field
            if isShort(mismatch) {
                out += pad(name, nameWidth) + pad(mismatch.expected, valueWidth, right: true) + "  "
                    + pad(mismatch.actual, valueWidth, right: true) + "  "
                    + pad(mismatch.difference ?? "", differenceWidth, right: true) + "\n"
            } else {
                out += name + "\n"
                out += indent + "  expected: " + mismatch.expected + "\n"
                out += indent + "  actual:   " + mismatch.actual + difference + "\n"
            }
        }
        return out
    }

    func coverage(_ coverage: RuleCoverage, graph: RuleGraph) -> String {
        let totals = coverage.totals(in: graph)
        var out = "\nCoverage: " + totals.map { "\($0.exercised) of \($0.total) \(plural($0.kind.rawValue, $0.total))" }
            .joined(separator: ", ") + " exercised.\n"
        let missing = coverage.unexercised(in: graph)
        if missing.isEmpty {
            out += "Every rule, table row and policy outcome is exercised by a test.\n"
        } else {
            out += "Not exercised by any test:\n"
            for item in missing {
                let place = item.position.map { "\($0.file):\($0.line): " } ?? ""
                out += "  \(place)\(item.kind.rawValue) \(item.name): \(item.detail)\n"
            }
        }
        return out + "\n"
    }

    private func plural(_ noun: String, _ count: Int) -> String {
        count == 1 ? noun : noun + "s"
    }

    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        guard text.count < width else { return text }
        let padding = String(repeating: " ", count: width - text.count)
        return right ? padding + text : text + padding
    }
}
