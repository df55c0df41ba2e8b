import TariffBilling
import TariffCore

/// Turns a trace into the words a support agent can read to a customer: for each invoice
/// line, the rule that made it, the values it read, the proration and the rounding.
struct Explanation {
    let trace: Trace
    let graph: RuleGraph

    func lines(for line: ChargeLine) -> [String] {
        var out: [String] = []
        if let rule = graph.rule(line.rule) {
            let position = rule.declaration.idPosition
            out.append("rule '\(rule.id)' (\(rule.kind.name)) in \(position.file):\(position.line)")
            if let description = rule.declaration.fields["description"]?.value.scalar {
                out.append("why: " + description)
            }
        }
        let ruleReads = trace.entries(rule: line.rule).filter { $0.item == nil }.compactMap(read)
        if !ruleReads.isEmpty { out.append("read: " + ruleReads.joined(separator: "; ")) }
        if let first = line.items.first {
            let entries = trace.entries(rule: line.rule, item: first)
            let reads = entries.compactMap(read)
            if line.items.count > 1 {
                // Positions count in the rule's own `each` list (often a filter), not in the snapshot's list.
                let list = graph.rule(line.rule)?.declaration.fields["each"]?.value.scalar
                    .map { " of " + $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") } ?? ""
                out.append("\(line.items.count) items alike (items \(line.items.map { String($0 + 1) }.joined(separator: ", "))\(list)); the first:")
            }
            if !reads.isEmpty { out.append("read: " + reads.joined(separator: "; ")) }
            for entry in entries {
                switch entry.event {
                case let .step(label, detail): out.append("\(label): \(detail)")
                case let .rounding(label, from, to, mode, scale):
                    out.append("rounded \(label) \(from) to \(to) (\(mode.rawValue), \(scale) decimal places)")
                case .read: break
                }
            }
        }
        out.append("amount: \(line.quantity) × \(line.unitPrice.formatted) = \(line.amount.formatted)")
        return out
    }

    private func read(_ entry: Trace.Entry) -> String? {
        guard case let .read(path, value) = entry.event else { return nil }
        if case .list = value { return nil }
        if case .record = value { return nil }
        return "\(path) = \(value.traceDescription)"
    }
}
