import Testing
import TariffCore

@Suite("RoundingMode")
struct RoundingModeTests {
    @Test(arguments: [
        (RoundingMode.halfUp, "half-up"), (.halfEven, "half-even"), (.halfDown, "half-down"),
        (.up, "up"), (.down, "down"), (.ceiling, "ceiling"), (.floor, "floor"),
    ])
    func rawValuesAreRuleFileNames(mode: RoundingMode, name: String) {
        #expect(mode.rawValue == name)
        #expect(RoundingMode(rawValue: name) == mode)
    }

    @Test func unknownNameIsRejected() {
        #expect(RoundingMode(rawValue: "half_up") == nil)
        #expect(RoundingMode(rawValue: "HALF-UP") == nil)
        #expect(RoundingMode.allCases.count == 7)
    }

    /// Each row: value, target scale, then the result under
    /// half-up, half-even, half-down, up, down, ceiling, floor.
    static let table: [(String, Int, [String])] = [
        ("2.5", 0, ["3", "2", "2", "3", "2", "3", "2"]),
        ("-2.5", 0, ["-3", "-2", "-2", "-3", "-2", "-2", "-3"]),
        ("3.5", 0, ["4", "4", "3", "4", "3", "4", "3"]),
        ("-3.5", 0, ["-4", "-4", "-3", "-4", "-3", "-3", "-4"]),
        ("2.45", 1, ["2.5", "2.4", "2.4", "2.5", "2.4", "2.5", "2.4"]),
        ("-2.45", 1, ["-2.5", "-2.4", "-2.4", "-2.5", "-2.4", "-2.4", "-2.5"]),
        ("2.55", 1, ["2.6", "2.6", "2.5", "2.6", "2.5", "2.6", "2.5"]),
        ("-2.55", 1, ["-2.6", "-2.6", "-2.5", "-2.6", "-2.5", "-2.5", "-2.6"]),
        ("0.005", 2, ["0.01", "0.00", "0.00", "0.01", "0.00", "0.01", "0.00"]),
        ("-0.005", 2, ["-0.01", "0.00", "0.00", "-0.01", "0.00", "0.00", "-0.01"]),
        ("0.015", 2, ["0.02", "0.02", "0.01", "0.02", "0.01", "0.02", "0.01"]),
        ("2.4", 0, ["2", "2", "2", "3", "2", "3", "2"]),
        ("-2.6", 0, ["-3", "-3", "-3", "-3", "-2", "-2", "-3"]),
        ("2.451", 1, ["2.5", "2.5", "2.5", "2.5", "2.4", "2.5", "2.4"]),
        ("-2.449", 1, ["-2.4", "-2.4", "-2.4", "-2.5", "-2.4", "-2.4", "-2.5"]),
        ("7.000", 0, ["7", "7", "7", "7", "7", "7", "7"]),
        ("-0.4", 0, ["0", "0", "0", "-1", "0", "0", "-1"]),
        ("0.000000000000000005", 17, [
            "0.00000000000000001", "0.00000000000000000", "0.00000000000000000",
            "0.00000000000000001", "0.00000000000000000", "0.00000000000000001", "0.00000000000000000",
        ]),
    ]

    static let order: [RoundingMode] = [.halfUp, .halfEven, .halfDown, .up, .down, .ceiling, .floor]

    @Test(arguments: table)
    func everyModeAtTheBoundary(value: String, scale: Int, expected: [String]) throws {
        let decimal = try ExactDecimal(parsing: value)
        for (mode, result) in zip(Self.order, expected) {
            let rounded = try decimal.rounded(scale: scale, mode: mode)
            #expect(rounded.description == result, "\(value) to scale \(scale), \(mode.rawValue)")
            #expect(rounded.scale == scale)
        }
    }

    /// The same table through division, where the tie comes from a remainder.
    @Test(arguments: table)
    func everyModeThroughDivision(value: String, scale: Int, expected: [String]) throws {
        let decimal = try ExactDecimal(parsing: value)
        let doubled = try decimal.multiplying(ExactDecimal(2))
        for (mode, result) in zip(Self.order, expected) {
            let quotient = try doubled.dividing(ExactDecimal(2), scale: scale, rounding: mode)
            #expect(quotient.description == result, "\(doubled) / 2 to scale \(scale), \(mode.rawValue)")
        }
    }
}
