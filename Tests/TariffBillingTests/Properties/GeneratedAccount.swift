import TariffCore

/// SplitMix64: a tiny, fast generator whose whole state is one seed, so a failing case is
/// reproduced from the seed the test prints.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A random account snapshot that the rules must accept: every field of `rules/input.yaml`,
/// dates that respect the invariants (a license is added before the end of the period
/// invoiced and removed, if at all, after it was added), amounts with two decimals.
struct GeneratedAccount: CustomStringConvertible {
    struct License {
        var id: String
        var added: CivilDate
        var billedUntil: CivilDate?
        var assignedTo: String?
        var removed: CivilDate?
    }

    struct Usage {
        var date: CivilDate
        var team: String
        var user: String
        var amount: String
    }

    var seed: UInt64
    var asOf: CivilDate
    var plan: String
    var credits: String
    var paymentMethod: String
    var licenses: [License]
    var numbers: [(e164: String, country: String)]
    var addresses: [(country: String, verified: Bool)]
    var consumption: [Usage]

    static let plans = ["ESSENTIAL": "29.00", "SMART": "44.00", "ADVANCED": "64.00"]
    static let countries = ["FR", "BE", "GB", "US", "DE"]

    /// The month the next invoice bills, as `rules/pricing.yaml`'s `cycle` computes it.
    var cycle: Period {
        // as_of is generated far from the calendar's ends, so these cannot fail.
        let start = ((try? asOf.adding(months: 1)) ?? asOf).startOfMonth
        return (try? Period(start: start, end: start.startOfNextMonth)) ?? Period.month(containing: asOf)
    }

    /// The plan's monthly price per license.
    var price: String { Self.plans[plan] ?? "0.00" }

    init(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        func day(_ base: CivilDate, _ range: ClosedRange<Int>) -> CivilDate {
            (try? base.adding(days: Int.random(in: range, using: &random))) ?? base
        }
        func amount(_ range: ClosedRange<Int>) -> String {
            let cents = Int.random(in: range, using: &random)
            let text = String(cents / 100) + "." + (cents % 100 < 10 ? "0" : "") + String(cents % 100)
            return text
        }
        self.seed = seed
        let epoch = CivilDate(daysSinceEpoch: 20_089)   // 2025-01-01
        asOf = day(epoch, 0...1_095)
        plan = Self.plans.keys.sorted()[Int.random(in: 0...2, using: &random)]
        credits = Bool.random(using: &random) ? "0.00" : amount(0...300_000)
        paymentMethod = Bool.random(using: &random) ? "card" : "iban"
        licenses = []
        numbers = []
        addresses = []
        consumption = []
        let cycle = self.cycle
        for index in 0..<Int.random(in: 0...14, using: &random) {
            // Added within 500 days before the cycle starts, up to its last day.
            let added = day(cycle.start, -500...(cycle.days - 1))
            var license = License(id: "L\(index + 1)", added: added)
            if Bool.random(using: &random), added < cycle.start {
                // Paid up to some month start after it was added, at most the cycle's start.
                let months = Int.random(in: 1...18, using: &random)
                let paid = ((try? added.adding(months: months)) ?? added).startOfMonth
                license.billedUntil = paid > cycle.start ? cycle.start : (paid > added ? paid : cycle.start)
            }
            if Int.random(in: 0...2, using: &random) == 0 { license.assignedTo = ["alice", "bob", "carol", "dan"].randomElement(using: &random) }
            if Int.random(in: 0...5, using: &random) == 0 { license.removed = day(added, 0...120) }
            licenses.append(license)
        }
        let country = "FR"
        for index in 0..<Int.random(in: 0...4, using: &random) {
            numbers.append(("+3310000000\(index)", Int.random(in: 0...2, using: &random) == 0
                ? Self.countries.randomElement(using: &random) ?? country : country))
        }
        addresses.append((country, true))
        for other in Self.countries where other != country && Bool.random(using: &random) {
            addresses.append((other, Bool.random(using: &random)))
        }
        for _ in 0..<Int.random(in: 0...5, using: &random) {
            consumption.append(Usage(date: day(cycle.start, -70...20), team: ["sales", "support"].randomElement(using: &random) ?? "sales",
                                     user: ["alice", "bob"].randomElement(using: &random) ?? "alice", amount: amount(0...5_000)))
        }
    }

    /// The snapshot as YAML, the way examples/ writes one.
    var yaml: String {
        func optional(_ name: String, _ value: String?) -> String { value.map { ", \(name): \($0)" } ?? "" }
        var text = "as_of: \(asOf)\naccount:\n  id: GEN-\(seed)\n  country: FR\n  plan: \(plan)\n  credits: \(credits)\n"
        text += "  payment_method: \(paymentMethod)\n  licenses:" + (licenses.isEmpty ? " []\n" : "\n")
        for license in licenses {
            text += "    - { id: \(license.id), added: \(license.added)" + optional("billed_until", license.billedUntil?.description)
                + optional("assigned_to", license.assignedTo) + optional("removed", license.removed?.description) + " }\n"
        }
        text += "  numbers:" + (numbers.isEmpty ? " []\n" : "\n")
        for number in numbers { text += "    - { e164: \"\(number.e164)\", country: \(number.country) }\n" }
        text += "  addresses:\n"
        for address in addresses { text += "    - { country: \(address.country), verified: \(address.verified) }\n" }
        text += "  documents: []\n  consumption:" + (consumption.isEmpty ? " []\n" : "\n")
        for usage in consumption {
            text += "    - { date: \(usage.date), team: \(usage.team), user: \(usage.user), description: call, amount: \(usage.amount) }\n"
        }
        return text
    }

    var description: String { "seed \(seed):\n\(yaml)" }
}
