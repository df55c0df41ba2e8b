import TariffBilling
import TariffCore

/// The peers' invoice workload (`../shared/peers/README.md`, "The workload") written out by
/// hand in Swift, for `tariff bench --hand-written`: what the same invoice costs with no
/// rules engine at all. It is what the interpreter is measured against, not a way to bill
/// (the rules are `Benchmarks/peer-rules`), and it answers one question: how far is a
/// per-account target from what this machine does when nothing is interpreted?
///
/// Written with care, not heroics: the snapshot in structs of `String`s and arrays, prices in
/// integer cents (EUR's scale, from the rules' tables) found by name, half-up rounding in
/// integers, lines as structs and every label in one byte buffer sized once. The bench checks
/// it bills every account exactly as Tariff does before it times it.
struct HandWrittenPeerInvoice {
    /// One account of the peers' snapshot shape, read once from Tariff's decoded snapshot.
    struct Account {
        var id: String
        var country: String
        var plan: String
        var end: CivilDate
        var daysInPeriod: Int64
        var base: Int64
        var added: [CivilDate]
        var numbers: [Number]
        var verified: [String]
        var creditsCents: Int64

        struct Number {
            var e164: String
            var country: String
        }

        /// The account in `record` (decoded with `Benchmarks/peer-rules`' input schema), or
        /// nil when it is not of that shape or its credits are not whole cents.
        init?(_ record: Record) {
            guard case let .string(id)? = record["id"], case let .string(country)? = record["country"],
                  case let .string(plan)? = record["plan"],
                  case let .record(period)? = record["period"], case let .date(start)? = period["start"],
                  case let .date(end)? = period["end"],
                  case let .record(licenses)? = record["licenses"], case let .int(base)? = licenses["base"],
                  case let .list(added)? = licenses["added"], case let .list(numbers)? = record["numbers"],
                  case let .list(verified)? = record["verified_address_countries"],
                  case let .money(credits)? = record["credits"], let cents = Self.cents(credits.amount)
            else { return nil }
            self.id = id
            self.country = country
            self.plan = plan
            self.end = end
            self.daysInPeriod = Int64(start.days(until: end))
            self.base = base
            self.added = []
            for case let .record(item) in added {
                guard case let .date(date)? = item["date"] else { return nil }
                self.added.append(date)
            }
            self.numbers = []
            for case let .record(item) in numbers {
                guard case let .string(e164)? = item["e164"], case let .string(country)? = item["country"] else { return nil }
                self.numbers.append(Number(e164: e164, country: country))
            }
            self.verified = verified.compactMap { if case let .string(code) = $0 { code } else { nil } }
            self.creditsCents = cents
            guard self.added.count == added.count, self.numbers.count == numbers.count, self.verified.count == verified.count,
                  daysInPeriod > 0 else { return nil }
        }

        static func cents(_ amount: ExactDecimal) -> Int64? {
            guard amount.scale <= 2 else { return nil }
            var cents = amount.significand
            for _ in amount.scale..<2 {
                let (scaled, overflow) = cents.multipliedReportingOverflow(by: 10)
                guard !overflow else { return nil }
                cents = scaled
            }
            return cents
        }
    }

    /// The rules' two tables, in cents: a few rows each, so searched in order (comparing
    /// short strings is cheaper than hashing them).
    struct Prices {
        var plans: [(plan: String, cents: Int64)]
        var numberFees: [(country: String, cents: Int64)]
        var defaultFee: Int64

        /// `Benchmarks/peer-rules/pricing.yaml`'s tables.
        static let peers = Prices(plans: [("ESSENTIALS", 1995), ("STANDARD", 3990), ("ADVANCED", 6400), ("ULTIMATE", 8950)],
                                  numberFees: [("FR", 500), ("US", 300), ("GB", 400)], defaultFee: 600)

        func plan(_ name: String) -> Int64? { plans.first { $0.plan == name }?.cents }
        func numberFee(_ country: String) -> Int64 { numberFees.first { $0.country == country }?.cents ?? defaultFee }
    }

    struct Line {
        /// The label's bytes in ``labels``.
        var label: Range<Int>
        var quantity: Int64
        var unitCents: Int64
        var amountCents: Int64
    }

    struct Violation {
        var e164: String
        var country: String
    }

    var account: String
    var labels: [UInt8] = []
    var lines: [Line] = []
    var violations: [Violation] = []
    var subtotalCents: Int64 = 0
    var creditsAppliedCents: Int64 = 0
    var totalCents: Int64 = 0

    /// The invoice of `account`, or nil for a plan not in `prices`.
    init?(_ account: Account, prices: Prices) {
        guard let price = prices.plan(account.plan) else { return nil }
        self.account = account.id
        // Every label written into one buffer sized for all of them at once: the longest
        // each line's label can be (20 digits per number).
        let plan = account.plan.utf8.count
        var capacity = plan + 8 + account.added.count * (plan + 15 + 10 + 11 + 20 + 1 + 20 + 6)
        for number in account.numbers { capacity += 13 + number.e164.utf8.count + 2 + number.country.utf8.count + 1 }
        // Built here and stored once: appending to a copy of the stored (empty, reserved)
        // array made each one again on its first append.
        var lines: [Line] = []
        lines.reserveCapacity(1 + account.added.count + account.numbers.count)
        var violations: [Violation] = []
        violations.reserveCapacity(account.numbers.count)
        labels = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            var out = LabelWriter(base: buffer.baseAddress!)
            out.write(account.plan)
            out.write(" license")
            lines.append(Line(label: 0..<out.count, quantity: account.base, unitCents: price, amountCents: price * account.base))

            let days = account.daysInPeriod
            for date in account.added {
                let remaining = Int64(date.days(until: account.end))
                let unit = Self.halfUp(price * remaining, days)
                let start = out.count
                out.write(account.plan)
                out.write(" license added ")
                out.write(date)
                out.write(" (prorated ")
                out.write(remaining)
                out.write(UInt8(ascii: "/"))
                out.write(days)
                out.write(" days)")
                lines.append(Line(label: start..<out.count, quantity: 1, unitCents: unit, amountCents: unit))
            }

            for number in account.numbers {
                if number.country != account.country, !account.verified.contains(number.country) {
                    violations.append(Violation(e164: number.e164, country: number.country))
                    continue
                }
                let fee = prices.numberFee(number.country)
                let start = out.count
                out.write("Phone number ")
                out.write(number.e164)
                out.write(" (")
                out.write(number.country)
                out.write(UInt8(ascii: ")"))
                lines.append(Line(label: start..<out.count, quantity: 1, unitCents: fee, amountCents: fee))
            }
            precondition(out.count <= capacity, "the labels' capacity is an upper bound")
            count = out.count
        }
        self.lines = lines
        self.violations = violations
        for line in lines { subtotalCents += line.amountCents }
        creditsAppliedCents = min(account.creditsCents, subtotalCents)
        totalCents = subtotalCents - creditsAppliedCents
    }

    /// `numerator / denominator` rounded half away from zero (Python's ROUND_HALF_UP);
    /// `denominator` is positive.
    static func halfUp(_ numerator: Int64, _ denominator: Int64) -> Int64 {
        let magnitude = (2 * numerator.magnitude + UInt64(denominator)) / (2 * UInt64(denominator))
        return numerator < 0 ? -Int64(magnitude) : Int64(magnitude)
    }

    /// Writes bytes at a pointer into memory sized beforehand.
    struct LabelWriter {
        let base: UnsafeMutablePointer<UInt8>
        var count = 0

        mutating func write(_ byte: UInt8) {
            base[count] = byte
            count += 1
        }

        /// The UTF-8 of `text`, copied in one go.
        mutating func write(_ text: String) {
            let copied: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
                (base + count).update(from: bytes.baseAddress!, count: bytes.count)
                count += bytes.count
            }
            if copied == nil {
                for byte in text.utf8 { write(byte) }
            }
        }

        mutating func write(_ text: StaticString) {
            (base + count).update(from: text.utf8Start, count: text.utf8CodeUnitCount)
            count += text.utf8CodeUnitCount
        }

        /// The decimal digits of `number`, right to left into their place.
        mutating func write(_ number: Int64) {
            if number < 0 { write(UInt8(ascii: "-")) }
            var digits = 1
            var probe = number.magnitude
            while probe >= 10 {
                probe /= 10
                digits += 1
            }
            var rest = number.magnitude
            for offset in stride(from: digits - 1, through: 0, by: -1) {
                base[count + offset] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            count += digits
        }

        /// `YYYY-MM-DD` (years 0 through 9999, as the peers' dates are).
        mutating func write(_ date: CivilDate) {
            let zero = UInt8(ascii: "0"), dash = UInt8(ascii: "-")
            let year = date.year, month = date.month, day = date.day
            let at = base + count
            at[0] = zero + UInt8(year / 1000 % 10)
            at[1] = zero + UInt8(year / 100 % 10)
            at[2] = zero + UInt8(year / 10 % 10)
            at[3] = zero + UInt8(year % 10)
            at[4] = dash
            at[5] = zero + UInt8(month / 10)
            at[6] = zero + UInt8(month % 10)
            at[7] = dash
            at[8] = zero + UInt8(day / 10)
            at[9] = zero + UInt8(day % 10)
            count += 10
        }
    }

    /// What differs between this invoice and Tariff's for the same account, as one line each
    /// (empty when they agree on every line, violation and total).
    func differences(from invoice: Invoice) -> [String] {
        var found: [String] = []
        func cents(_ money: Money) -> Int64? { Account.cents(money.amount) }
        if invoice.account != account { found.append("account \(invoice.account) against \(account)") }
        let theirs = invoice.lines
        if theirs.count != lines.count { found.append("\(theirs.count) lines against \(lines.count)") }
        for (index, (line, mine)) in zip(theirs, lines).enumerated() {
            let label = String(decoding: labels[mine.label], as: UTF8.self)
            if line.label != label || line.quantity != mine.quantity || cents(line.unitPrice) != mine.unitCents
                || cents(line.amount) != mine.amountCents {
                found.append("line \(index + 1): '\(line.label)' \(line.quantity) × \(line.unitPrice) = \(line.amount) "
                             + "against '\(label)' \(mine.quantity) × \(mine.unitCents)¢ = \(mine.amountCents)¢")
            }
        }
        var violations: [Violation] = []
        invoice.forEachViolation { violation in
            var e164 = "", country = ""
            violation.forEachDetail(values: { name, value in
                if name == "e164" { e164 = value.description }
                if name == "country" { country = value.description }
            })
            violations.append(Violation(e164: e164, country: country))
        }
        if violations.map({ [$0.e164, $0.country] }) != self.violations.map({ [$0.e164, $0.country] }) {
            found.append("violations \(violations.map(\.e164)) against \(self.violations.map(\.e164))")
        }
        if cents(invoice.subtotal) != subtotalCents || cents(invoice.creditsApplied) != creditsAppliedCents
            || cents(invoice.total) != totalCents {
            found.append("totals \(invoice.subtotal) / \(invoice.creditsApplied) / \(invoice.total) against "
                         + "\(subtotalCents)¢ / \(creditsAppliedCents)¢ / \(totalCents)¢")
        }
        return found
    }
}
