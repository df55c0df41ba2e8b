public import TariffCore

/// The stable JSON contract of DESIGN.md: amounts are decimal strings at the currency's
/// scale, dates ISO, keys in a fixed order.
extension Invoice {
    public var json: JSONWriter.Item {
        .object([
            ("account", .string(account)),
            ("currency", .string(currency.code)),
            ("period", period.json),
            ("lines", .array(lines.map(\.json))),
            ("subtotal", .string(subtotal.formatted)),
            ("credits", .string(creditsApplied.formatted)),
            ("credits_available", .string(credits.formatted)),
            ("credits_carried_over", .string(carryover.formatted)),
            ("total", .string(total.formatted)),
            ("rounding", .string(rounding)),
            ("violations", .array(violations.map { violation in
                var members: [(String, JSONWriter.Item)] = [
                    ("policy", .string(violation.rule)), ("code", .string(violation.code)),
                    ("message", .string(violation.message)),
                ]
                if !violation.details.isEmpty {
                    members.append(("details", .object(violation.details.map { ($0.name, $0.json) })))
                }
                return .object(members)
            })),
        ])
    }
}

extension ChargeLine {
    public var json: JSONWriter.Item {
        var members: [(String, JSONWriter.Item)] = [
            ("rule", .string(rule)), ("label", .string(label)), ("quantity", .raw(String(quantity))),
            ("unit_price", .string(unitPrice.formatted)), ("amount", .string(amount.formatted)),
        ]
        if let interval { members.append(("interval", interval.json)) }
        if let fraction { members.append(("fraction", .string(fraction))) }
        if let basis { members.append(("basis", .string(basis))) }
        if let date { members.append(("date", .string(date.description))) }
        if let team { members.append(("team", .string(team))) }
        if let user { members.append(("user", .string(user))) }
        if !billed { members.append(("billed", .bool(false))) }
        return .object(members)
    }
}

extension Period {
    public var json: JSONWriter.Item {
        .object([("start", .string(start.description)), ("end", .string(end.description))])
    }
}

extension Decision {
    public var json: JSONWriter.Item {
        var members: [(String, JSONWriter.Item)] = [
            ("action", .string(action)), ("allowed", .bool(allowed)), ("policy", .string(policy)),
            ("code", .string(code)), ("message", .string(message)),
        ]
        if !outcome.isEmpty {
            members.append(("outcome", .object(outcome.map { ($0.name, $0.json) })))
        }
        return .object(members)
    }
}

extension OutcomeValue {
    public var json: JSONWriter.Item {
        switch type {
        case "int", "bool": .raw(text)
        default: .string(text)
        }
    }
}

extension Quote {
    public var json: JSONWriter.Item {
        var members: [(String, JSONWriter.Item)] = [("action", .string(action)), ("quote", .string(rule))]
        members.append(contentsOf: values.map { ($0.name, $0.json) })
        if let prorated {
            members.append(("prepayable_period", prorated.interval.map(\.json) ?? .null))
            members.append(("prorated_fraction", prorated.fraction.map(JSONWriter.Item.string) ?? .null))
            members.append(("prorated_unit_price", .string(prorated.unitPrice.formatted)))
            members.append(("prorated_amount", .string(prorated.amount.formatted)))
        }
        return .object(members)
    }
}
