import Testing
import TariffCore
import TariffYAML

/// Bool expressions compiled to predicates (`and`, `or`, `not`, comparisons, `in`) give
/// the truth their values give, wherever a Bool is asked for: as a value, as the condition
/// of `? :`, in `count`, `filter`, `any` and `all`, and as a rule's `when`; mixed with Bool
/// expressions that have no predicate (a macro, a conditional); and `and` and `or` still
/// stop at their first operand when it decides.
@Suite struct PredicateTests {
    static let cases: [(String, Bool)] = [
        ("account.plan == 'ADVANCED'", true),
        ("account.plan != account.country", true),
        ("account.seats < 3", false),
        ("account.seats >= 3", true),
        ("account.country in ['NO', 'SE']", true),
        ("account.plan in license_price", true),
        ("account.country in license_price", false),
        ("not (account.country in ['NO', 'SE'])", false),
        ("account.plan == 'ADVANCED' and account.seats > 2", true),
        ("account.plan == 'ADVANCED' and account.seats > 3", false),
        ("account.plan == 'SMART' or account.country == 'NO'", true),
        ("account.plan == 'SMART' or not (account.country == 'NO')", false),
        // With an operand that has no predicate: a macro, a conditional.
        ("not account.licenses.any(l, l.id == 'L9')", true),
        ("account.seats == 3 and (account.seats > 2 ? account.plan == 'SMART' : true)", false),
        ("account.licenses.all(l, l.id != 'L9') or account.seats > 9", true),
        // Decided by the first operand: the second would divide by zero.
        ("account.seats > 5 and account.credits / (account.seats - 3) > unit", false),
        ("account.seats == 3 or account.credits / (account.seats - 3) > unit", true),
    ]

    @Test(arguments: cases)
    func sameTruthWhereverABoolIsAsked(expression: String, holds: Bool) throws {
        let count: Int64 = holds ? 3 : 0
        for trace in [false, true] {
            // Double-quoted in the YAML: `? 1 : 0` would read as a mapping.
            func value(_ text: String) throws -> Value? {
                try LoweredOperatorTests.value(of: "\"\(text)\"", trace: trace)
            }
            #expect(try value(expression) == .bool(holds), "\(expression)")
            #expect(try value("(\(expression)) ? 1 : 0") == .int(holds ? 1 : 0), "\(expression)")
            #expect(try value("account.licenses.count(l, \(expression))") == .int(count), "\(expression)")
            #expect(try value("account.licenses.filter(l, \(expression)).map(l, l.id)")
                        == .list(holds ? [.string("L1"), .string("L2"), .string("L3")] : []), "\(expression)")
            #expect(try value("account.licenses.any(l, \(expression))") == .bool(holds), "\(expression)")
            #expect(try value("account.licenses.all(l, \(expression))") == .bool(holds), "\(expression)")
        }
    }

    /// A predicate that reads the bound item decides per item.
    @Test func perItemPredicatesInMacros() throws {
        #expect(try LoweredOperatorTests.value(of: "account.licenses.count(l, l.id != 'L2' and l.added > account.since)", trace: false) == .int(2))
        #expect(try LoweredOperatorTests.value(of: "account.licenses.filter(l, not (l.id in ['L1', 'L3'])).map(l, l.id)", trace: false)
                    == .list([.string("L2")]))
        #expect(try LoweredOperatorTests.value(of: "account.licenses.any(l, l.id == 'L3' and l.added == account.since)", trace: false) == .bool(false))
        #expect(try LoweredOperatorTests.value(of: "account.licenses.all(l, l.id == 'L1' or l.added > account.since)", trace: false) == .bool(true))
    }
}
