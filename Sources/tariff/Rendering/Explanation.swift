import TariffBilling
import TariffCore

/// Turns a trace into sentences a support agent can read to a customer: for each invoice
/// line, what it is for, which items it covers, where the price comes from, the values
/// read, the period and share of a month charged, the rounding, and the sum.
///
/// ```
/// A license added mid-cycle is billed pro rata for its prepayable period: …
/// Covers license L04.
/// The price, 64.00 EUR, is row ADVANCED of table license_price (rules/pricing.yaml:14).
/// Values read: account plan is ADVANCED; license billed until is not set; license added is 2026-03-05.
/// Charged from 2026-03-05 to 2026-04-30 inclusive: 57 days.
/// Share of the monthly price: 27/31 + 30/30 = 58/31 of a month (actual-days: …).
/// Unit price: 64.00 × 58/31 = 119.741935… EUR, rounded half-up to the cent: 119.74 EUR.
/// 1 × 119.74 = 119.74 EUR.
/// Rule added_licenses (prorated-charge), rules/pricing.yaml:38.
/// ```
struct Explanation {
    let trace: Trace
    let graph: RuleGraph

    func lines(for line: ChargeLine) -> [String] {
        var out: [String] = []
        let rule = graph.rule(line.rule)
        let currency = line.amount.currency.code
        if let description = rule?.declaration.fields["description"]?.value.scalar {
            out.append(sentence(description))
        }
        let list: (singular: String, plural: String) = rule.map(listName) ?? ("item", "items")
        var entries = trace.entries(rule: line.rule).filter { $0.item == nil }
        if let first = line.items.first { entries += trace.entries(rule: line.rule, item: first) }

        let names = line.items.compactMap { itemName(rule: line.rule, item: $0) }
        if !names.isEmpty {
            out.append("Covers \(names.count == 1 ? list.singular : list.plural) " + Self.series(names) + ".")
        } else if line.items.count > 1 {
            out.append("Covers \(line.items.count) \(list.plural).")
        }

        var seen: Set<String> = []
        var values: [String] = []
        for entry in entries {
            guard case let .read(path, value) = entry.event, seen.insert(path).inserted else { continue }
            if let (table, key) = Self.tableRow(path), let declared = graph.tables[table] {
                let place = declared.position(ofRow: key).map { " (\($0.file):\($0.line))" } ?? ""
                out.append("The price, \(Self.words(value)), is row \(key) of table \(table)\(place).")
                continue
            }
            switch value {
            case .list, .record: continue
            default: break
            }
            // `item.billed_until` → "license billed until", `account.plan` → "account plan".
            let named = path.hasPrefix("item.") ? list.singular + String(path.dropFirst(4)) : path
            let shown = String(named.map { $0 == "." || $0 == "_" ? " " : $0 })
            values.append("\(shown) is \(Self.words(value))")
        }
        if !values.isEmpty { out.append("Values read: " + values.joined(separator: "; ") + ".") }

        for entry in entries {
            switch entry.event {
            case let .step(label, detail): out.append(step(label, detail))
            case let .rounding(label, fromText, toText, mode, scale):
                // A rule's `round(…)` records amounts with their currency; the kinds, bare.
                let from = Self.bare(fromText, currency), to = Self.bare(toText, currency)
                let named = Self.isWords(label) ? Self.capitalized(label) : label
                if let exact = Self.exactly(from, to) {
                    out.append("\(named): \(exact) \(currency), no rounding needed.")
                    continue
                }
                let places = scale == 2 ? "to the cent" : "to \(scale) decimal place\(scale == 1 ? "" : "s")"
                out.append("\(named): \(from) \(currency), rounded \(mode.rawValue) \(places): \(to) \(currency).")
            case .read: break
            }
        }
        if let interval = line.interval, !entries.contains(where: { if case .step("prepayable period", _) = $0.event { true } else { false } }) {
            out.append("Billed for \(Self.words(interval)).")
        }
        out.append("\(line.quantity) × \(line.unitPrice.formatted) = \(line.amount.formatted) \(currency).")
        if let rule {
            let position = rule.declaration.idPosition
            out.append("Rule \(rule.id) (\(rule.kind.name)), \(position.file):\(position.line).")
        }
        return out
    }

    // MARK: Items

    /// What the rule's `each` goes through, by the snapshot list it starts from:
    /// `account.licenses.filter(…)` → license, licenses.
    private func listName(_ rule: CompiledRule) -> (singular: String, plural: String) {
        guard let each = rule.declaration.fields["each"]?.value.scalar else { return ("item", "items") }
        var path = ""
        for character in each {
            guard character.isLetter || character.isNumber || character == "_" || character == "." else {
                if character == "(", let dot = path.lastIndex(of: ".") { path = String(path[..<dot]) }
                break
            }
            path.append(character)
        }
        let parts = path.split(separator: ".").map { String($0).replacingOccurrences(of: "_", with: " ") }
        guard let last = parts.last, !last.isEmpty else { return ("item", "items") }
        if last.hasSuffix("s") { return (String(last.dropLast()), last) }
        // A list named for what happened to the things of the one it sits in
        // (`licenses.added`): the added licenses.
        if parts.count >= 2, let parent = parts.dropLast().last, parent.hasSuffix("s") {
            return (last + " " + parent.dropLast(), last + " " + parent)
        }
        return (last + " record", last + " records")
    }

    /// An item's `id` (or `name`, `e164`, `description`), else its first text field, from the trace.
    private func itemName(rule: String, item: Int) -> String? {
        for entry in trace.entries(rule: rule, item: item) {
            guard case let .read("item", value) = entry.event else { continue }
            switch value {
            case let .record(record):
                for name in ["id", "name", "e164", "description"] {
                    if let text = record[name]?.string { return text }
                }
                for field in record.fields { if let text = field.string { return text } }
                return nil
            case let .string(text): return text
            default: return value.description
            }
        }
        return nil
    }

    // MARK: Steps

    private func step(_ label: String, _ detail: String) -> String {
        switch label {
        case "prepayable period":
            // `[2026-03-05, 2026-05-01), 57 days`
            if let (period, rest) = Self.period(in: detail) {
                return "Charged from \(Self.words(period))\(rest.isEmpty ? "" : ":" + rest)."
            }
        case "fraction":
            var text = detail
            var basis = ""
            if let open = text.firstRange(of: " (basis ") {
                basis = String(text[open.upperBound...].dropLast())
                text = String(text[..<open.lowerBound])
            }
            let how = Self.basisWords[basis].map { "\(basis): \($0)" } ?? (basis.isEmpty ? "" : "basis \(basis)")
            return "Share of the monthly price: \(text)\(how.isEmpty ? "" : " (\(how))")."
        case "total":
            return "Total: " + detail + "."
        default: break
        }
        return "\(Self.capitalized(label)): \(detail)."
    }

    /// How each proration basis counts, in words.
    static let basisWords = [
        "actual-days": "the days charged in each calendar month over the days of that month",
        "inclusive-days": "the days charged, both ends included, over the days of the period",
        "fixed-30": "every month counted as 30 days",
        "365": "the days charged over 365",
        "seconds": "the seconds charged over the seconds of the month",
    ]

    // MARK: Words

    /// A value as a person reads it: text without quotes, a period with its last day,
    /// nothing as "not set".
    static func words(_ value: Value) -> String {
        switch value {
        case .null: "not set"
        case let .string(text): text
        case let .money(money): money.description
        case let .period(period): words(period)
        default: value.description
        }
    }

    /// `2026-05-01 to 2026-05-31 inclusive`.
    static func words(_ period: Period) -> String {
        guard let last = try? period.end.adding(days: -1), period.start < period.end else { return period.description }
        return last == period.start ? "\(period.start) (one day)" : "\(period.start) to \(last) inclusive"
    }

    /// A period written `[start, end)` at the start of a text, and what follows it.
    private static func period(in text: String) -> (Period, String)? {
        guard text.hasPrefix("["), let close = text.firstIndex(of: ")") else { return nil }
        let inside = text[text.index(after: text.startIndex)..<close].split(separator: ",").map { $0.trimmingCharacters(in: " ") }
        guard inside.count == 2, let start = try? CivilDate(parsing: inside[0]), let end = try? CivilDate(parsing: inside[1]),
              let period = try? Period(start: start, end: end) else { return nil }
        var rest = String(text[text.index(after: close)...])
        if rest.hasPrefix(",") { rest.removeFirst() }
        return (period, rest.isEmpty ? "" : rest)
    }

    /// `64.00 × 1 = 64.00` when a rounding's exact value (`64.00 × 1 = 64.000000…`) already
    /// equals the rounded one; nil when rounding changed it.
    static func exactly(_ from: String, _ to: String) -> String? {
        guard from.hasSuffix("…"), let equals = from.firstRange(of: " = ") ?? from.firstRange(of: "= ") else { return nil }
        let digits = from[equals.upperBound...].dropLast()
        guard let exact = try? ExactDecimal(parsing: digits), let rounded = try? ExactDecimal(parsing: to), exact == rounded else {
            return nil
        }
        return from[..<equals.upperBound] + to
    }

    /// `license_price["ADVANCED"]` → (license_price, ADVANCED).
    static func tableRow(_ path: String) -> (String, String)? {
        guard path.hasSuffix("\"]"), let open = path.firstRange(of: "[\"") else { return nil }
        let table = String(path[..<open.lowerBound])
        let key = String(path[open.upperBound..<path.index(path.endIndex, offsetBy: -2)])
        return (table, key)
    }

    /// `a`, `a and b`, `a, b and c`.
    static func series(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }

    /// An amount without its currency code (`55.17 EUR` → `55.17`).
    static func bare(_ amount: String, _ currency: String) -> String {
        amount.hasSuffix(" " + currency) ? String(amount.dropLast(currency.count + 1)) : amount
    }

    /// Whether a rounding's label is words (`unit price`), which start a sentence
    /// capitalized, rather than an expression (`plan_price[plan] * 2`), shown as written.
    static func isWords(_ label: String) -> Bool {
        label.allSatisfy { $0.isLetter || $0 == " " }
    }

    private static func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    private func sentence(_ text: String) -> String {
        let flat = text.split(whereSeparator: { $0 == "\n" }).joined(separator: " ")
        return flat.hasSuffix(".") ? flat : flat + "."
    }
}

extension StringProtocol {
    /// The text without leading and trailing `characters`.
    fileprivate func trimmingCharacters(in characters: Character) -> String {
        var text = Substring(self)
        while text.first == characters { text.removeFirst() }
        while text.last == characters { text.removeLast() }
        return String(text)
    }
}
