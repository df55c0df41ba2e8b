import Testing
@testable import TariffCore

@Suite("DecimalMath")
struct DecimalMathTests {
    @Test func powersOfTen() {
        #expect(DecimalMath.pow10(0) == 1)
        #expect(DecimalMath.pow10(18) == 1_000_000_000_000_000_000)
        #expect(DecimalMath.pow10Wide(36) == Int128(1_000_000_000_000_000_000) * 1_000_000_000_000_000_000)
        for exponent in 1...18 {
            #expect(DecimalMath.pow10(exponent) == DecimalMath.pow10(exponent - 1) * 10)
        }
    }

    /// `numerator / denominator` under each mode, in the order
    /// half-up, half-even, half-down, up, down, ceiling, floor.
    @Test(arguments: [
        (7, 2, [4, 4, 3, 4, 3, 4, 3]), (-7, 2, [-4, -4, -3, -4, -3, -3, -4]), (7, -2, [-4, -4, -3, -4, -3, -3, -4]),
        (-7, -2, [4, 4, 3, 4, 3, 4, 3]), (5, 2, [3, 2, 2, 3, 2, 3, 2]), (8, 3, [3, 3, 3, 3, 2, 3, 2]),
        (7, 3, [2, 2, 2, 3, 2, 3, 2]), (6, 3, [2, 2, 2, 2, 2, 2, 2]), (0, 5, [0, 0, 0, 0, 0, 0, 0]),
        (1, 1_000_000, [0, 0, 0, 1, 0, 1, 0]), (-1, 1_000_000, [0, 0, 0, -1, 0, 0, -1]),
    ] as [(Int64, Int64, [Int64])])
    func roundedDivision(numerator: Int64, denominator: Int64, expected: [Int64]) {
        let modes: [RoundingMode] = [.halfUp, .halfEven, .halfDown, .up, .down, .ceiling, .floor]
        for (mode, result) in zip(modes, expected) {
            #expect(DecimalMath.divide(numerator, by: denominator, rounding: mode) == result, "\(mode)")
            #expect(
                DecimalMath.divide(Int128(numerator), by: Int128(denominator), rounding: mode) == Int128(result),
                "\(mode) in Int128"
            )
        }
    }

    @Test func divisionNeverTraps() {
        #expect(DecimalMath.divide(Int64.min, by: -1, rounding: .halfUp) == nil)
        #expect(DecimalMath.divide(Int64(1), by: 0, rounding: .halfUp) == nil)
        #expect(DecimalMath.divide(Int128.min, by: -1, rounding: .down) == nil)
        #expect(DecimalMath.divide(Int64.min, by: 2, rounding: .halfUp) == Int64.min / 2)
        #expect(DecimalMath.divide(Int64.max, by: Int64.min, rounding: .halfUp) == -1)
        #expect(DecimalMath.divide(Int64.min, by: Int64.max, rounding: .down) == -1)
        #expect(DecimalMath.divide(Int64.min, by: Int64.max, rounding: .floor) == -2)
    }

    @Test(arguments: [(12, 18, 6), (0, 5, 5), (5, 0, 5), (0, 0, 0), (17, 31, 1), (UInt64.max, UInt64.max, UInt64.max)] as [(UInt64, UInt64, UInt64)])
    func greatestCommonDivisor(a: UInt64, b: UInt64, gcd: UInt64) {
        #expect(DecimalMath.gcd(a, b) == gcd)
    }
}
