import Testing
import TariffCore

@Suite("Fraction")
struct FractionTests {
    @Test(arguments: [
        (22, 30, 11, 15, "11/15"), (2, -4, -1, 2, "-1/2"), (-2, -4, 1, 2, "1/2"), (0, 5, 0, 1, "0"),
        (0, -5, 0, 1, "0"), (5, 5, 1, 1, "1"), (30, 30, 1, 1, "1"), (-6, 3, -2, 1, "-2"),
        (Int64.min, Int64.min, 1, 1, "1"), (Int64.max, 1, Int64.max, 1, "9223372036854775807"),
        (Int64.min, 2, -4_611_686_018_427_387_904, 1, "-4611686018427387904"),
    ] as [(Int64, Int64, Int64, Int64, String)])
    func isAlwaysReduced(numerator: Int64, denominator: Int64, reducedNumerator: Int64, reducedDenominator: Int64, text: String) throws {
        let fraction = try Fraction(numerator, denominator)
        #expect(fraction.numerator == reducedNumerator)
        #expect(fraction.denominator == reducedDenominator)
        #expect(fraction.description == text)
    }

    @Test func construction() throws {
        #expect(throws: ArithmeticError.divisionByZero("1/0")) { try Fraction(1, 0) }
        // -1/2^63 has no positive 64-bit denominator.
        #expect(throws: ArithmeticError.overflow("1/-9223372036854775808")) { try Fraction(1, Int64.min) }
        #expect(throws: ArithmeticError.overflow("-9223372036854775808/-1")) { try Fraction(Int64.min, -1) }
        #expect(Fraction.zero.isZero)
        #expect(try Fraction.one == Fraction(7, 7))
        #expect(try Fraction(22, 30) == Fraction(11, 15))
        #expect(try Fraction(22, 30).hashValue == Fraction(44, 60).hashValue)
    }

    @Test(arguments: [
        ((27, 31), (1, 1), "58/31"), ((1, 3), (1, 6), "1/2"), ((1, 2), (-1, 2), "0"), ((-1, 3), (-1, 3), "-2/3"),
        ((29, 30), (22, 30), "17/10"), ((5, 1), (7, 1), "12"),
    ] as [((Int64, Int64), (Int64, Int64), String)])
    func adding(left: (Int64, Int64), right: (Int64, Int64), sum: String) throws {
        let a = try Fraction(left.0, left.1)
        let b = try Fraction(right.0, right.1)
        #expect(try a.adding(b).description == sum)
        #expect(try b.adding(a).description == sum)
        #expect(try a.adding(b).subtracting(b) == a)
    }

    @Test(arguments: [
        ((2, 3), (3, 4), "1/2"), ((-1, 2), (1, 2), "-1/4"), ((0, 1), (5, 7), "0"), ((30, 31), (31, 30), "1"),
    ] as [((Int64, Int64), (Int64, Int64), String)])
    func multiplying(left: (Int64, Int64), right: (Int64, Int64), product: String) throws {
        #expect(try Fraction(left.0, left.1).multiplying(Fraction(right.0, right.1)).description == product)
    }

    @Test func overflowIsAnError() throws {
        #expect(throws: ArithmeticError.overflow("9223372036854775807 + 1")) {
            try Fraction(Int64.max).adding(.one)
        }
        let a = try Fraction(1, Int64.max)
        let b = try Fraction(1, Int64.max - 1)
        #expect(throws: ArithmeticError.self) { try a.adding(b) }
        #expect(throws: ArithmeticError.self) { try a.multiplying(b) }
        // Large intermediates that reduce back into range are fine.
        #expect(try Fraction(Int64.max, 2).multiplying(Fraction(2, Int64.max)) == .one)
    }

    @Test(arguments: [
        ((1, 3), (1, 2)), ((-1, 2), (-1, 3)), ((27, 31), (1, 1)), ((Int64.max - 1, Int64.max), (1, 1)),
    ] as [((Int64, Int64), (Int64, Int64))])
    func ordering(smaller: (Int64, Int64), larger: (Int64, Int64)) throws {
        #expect(try Fraction(smaller.0, smaller.1) < Fraction(larger.0, larger.1))
    }

    @Test(arguments: [
        (2, 3, 4, RoundingMode.halfUp, "0.6667"), (1, 8, 2, .halfEven, "0.12"), (3, 8, 2, .halfEven, "0.38"),
        (-2, 3, 2, .down, "-0.66"), (58, 31, 4, .halfEven, "1.8710"), (1, 1, 0, .halfUp, "1"),
        (1, 3, 18, .halfUp, "0.333333333333333333"),
    ] as [(Int64, Int64, Int, RoundingMode, String)])
    func decimal(numerator: Int64, denominator: Int64, scale: Int, mode: RoundingMode, expected: String) throws {
        #expect(try Fraction(numerator, denominator).decimal(scale: scale, rounding: mode).description == expected)
    }

    @Test func decimalErrors() throws {
        #expect(throws: ArithmeticError.scaleTooLarge(19)) { try Fraction.one.decimal(scale: 19, rounding: .up) }
        #expect(throws: ArithmeticError.self) { try Fraction(Int64.max).decimal(scale: 1, rounding: .up) }
    }
}
