import Testing
import TariffCore

@Suite("ExactDecimal arithmetic")
struct ExactDecimalArithmeticTests {
    private func decimal(_ text: String) throws -> ExactDecimal {
        try ExactDecimal(parsing: text)
    }

    private static let max = ExactDecimal(Int64.max)
    private static let min = ExactDecimal(Int64.min)

    @Test(arguments: [
        ("1.5", "0.25", "1.75"), ("64.00", "-64", "0.00"), ("-0.5", "0.2", "-0.3"),
        ("0.1", "0.2", "0.3"), ("-1", "-2", "-3"), ("640.00", "15", "655.00"),
        ("9223372036854775806", "1", "9223372036854775807"),
        // The larger scale does not fit, but the exact sum does once trailing zeros go.
        ("9000000000000000000", "0.0", "9000000000000000000"),
        ("900000000000000000.0", "900000000000000000.0", "1800000000000000000"),
    ])
    func adding(left: String, right: String, sum: String) throws {
        #expect(try decimal(left).adding(decimal(right)).description == sum)
        #expect(try decimal(right).adding(decimal(left)) == decimal(sum))
    }

    @Test(arguments: [
        ("1.75", "0.25", "1.50"), ("0", "0.01", "-0.01"), ("-5", "-5.5", "0.5"), ("64", "64.00", "0.00"),
    ])
    func subtracting(left: String, right: String, difference: String) throws {
        #expect(try decimal(left).subtracting(decimal(right)).description == difference)
    }

    @Test(arguments: [
        ("1.5", "0.25", "0.375"), ("64.00", "10", "640.00"), ("-2", "0.5", "-1.0"), ("-1.5", "-1.5", "2.25"),
        ("0", "123.456", "0.000"),
        // Scale 19 is written as 18 digits because the product ends in zero.
        ("0.1000000000", "0.000000001", "0.000000000100000000"),
        // Too large at scale 4, exact at scale 0: the trailing zeros are dropped.
        ("3037000499.00", "3037000499.00", "9223372030926249001"),
    ])
    func multiplying(left: String, right: String, product: String) throws {
        #expect(try decimal(left).multiplying(decimal(right)).description == product)
    }

    @Test func multiplyingNeedsTooManyFractionDigits() throws {
        #expect(throws: ArithmeticError.scaleTooLarge(19)) {
            try self.decimal("0.000000001").multiplying(self.decimal("0.0000000001"))
        }
    }

    @Test func overflowIsAnErrorNotATrap() throws {
        #expect(throws: ArithmeticError.overflow("9223372036854775807 + 1")) {
            try Self.max.adding(ExactDecimal(1))
        }
        #expect(throws: ArithmeticError.overflow("-9223372036854775808 - 1")) {
            try Self.min.subtracting(ExactDecimal(1))
        }
        #expect(throws: ArithmeticError.overflow("64.00 * 9223372036854775807")) {
            try self.decimal("64.00").multiplying(Self.max)
        }
        #expect(throws: ArithmeticError.overflow("-(-9223372036854775808)")) {
            try Self.min.negated()
        }
        #expect(throws: ArithmeticError.overflow("9223372036854775807 + 0.1")) {
            try Self.max.adding(self.decimal("0.1"))
        }
        #expect(throws: ArithmeticError.self) {
            try ExactDecimal(significand: Int64.max, scale: 0).adding(ExactDecimal(significand: 1, scale: 0))
        }
    }

    @Test func negated() throws {
        #expect(try decimal("64.00").negated().description == "-64.00")
        #expect(try decimal("-0.5").negated().description == "0.5")
        #expect(try ExactDecimal.zero.negated() == .zero)
    }

    @Test(arguments: [
        ("64", "30", 4, RoundingMode.halfEven, "2.1333"),
        ("1", "3", 2, .halfUp, "0.33"),
        ("2", "3", 2, .halfUp, "0.67"),
        ("-2", "3", 2, .halfUp, "-0.67"),
        ("-2", "3", 2, .down, "-0.66"),
        ("2", "-3", 2, .floor, "-0.67"),
        ("-2", "-3", 2, .floor, "0.66"),
        ("1", "8", 2, .halfEven, "0.12"),
        ("3", "8", 2, .halfEven, "0.38"),
        ("1122.47", "0.01", 0, .down, "112247"),
        ("1", "0.000000000000000001", 0, .down, "1000000000000000000"),
        ("0.000000000000000001", "1000", 18, .up, "0.000000000000000001"),
        ("0.000000000000000001", "1000", 18, .down, "0.000000000000000000"),
        ("9223372036854775807", "9223372036854775807", 18, .down, "1.000000000000000000"),
        ("-9223372036854775808", "-1", 0, .down, "-"),
    ])
    func dividing(left: String, right: String, scale: Int, mode: RoundingMode, quotient: String) throws {
        let dividend = try decimal(left)
        let divisor = try decimal(right)
        let result = Result { () throws(ArithmeticError) in
            try dividend.dividing(divisor, scale: scale, rounding: mode)
        }
        if quotient == "-" {
            #expect(throws: ArithmeticError.overflow("\(left) / \(right)")) { try result.get() }
        } else {
            #expect(try result.get().description == quotient)
        }
    }

    @Test func divisionErrors() throws {
        #expect(throws: ArithmeticError.divisionByZero("1 / 0.00")) {
            try ExactDecimal(1).dividing(self.decimal("0.00"), scale: 2, rounding: .halfUp)
        }
        #expect(throws: ArithmeticError.scaleTooLarge(19)) {
            try ExactDecimal(1).dividing(ExactDecimal(3), scale: 19, rounding: .halfUp)
        }
        #expect(throws: ArithmeticError.overflow("1 / 0.000000000000000001")) {
            try ExactDecimal(1).dividing(self.decimal("0.000000000000000001"), scale: 1, rounding: .halfUp)
        }
        #expect(throws: ArithmeticError.overflow("9223372036854775807 / 0.1")) {
            try Self.max.dividing(self.decimal("0.1"), scale: 0, rounding: .halfUp)
        }
    }

    @Test(arguments: [
        ("64.00", 22, 30, RoundingMode.halfUp, 2, "46.93"),
        ("64.00", 29, 30, .halfUp, 2, "61.87"),
        ("64", 58, 31, .halfUp, 2, "119.74"),
        ("64.00", 1, 1, .halfUp, 2, "64.00"),
        ("-64", 1, 3, .halfUp, 2, "-21.33"),
        ("-64", 2, 3, .halfUp, 2, "-42.67"),
        ("-64", 2, 3, .ceiling, 2, "-42.66"),
        ("0.05", 1, 2, .halfEven, 2, "0.02"),
        ("0.05", 1, 2, .halfUp, 2, "0.03"),
        ("12.3456", 1, 1, .halfUp, 2, "12.35"),
        ("9223372036854775807", 1, 1, .halfUp, 0, "9223372036854775807"),
        // Int128 path: 9223372036854775807 × 5 overflows Int64; 5/9 leaves 8/9.
        ("9223372036854775807", 5, 9, .halfUp, 0, "5124095576030431004"),
        ("9223372036854775807", 5, 9, .down, 0, "5124095576030431003"),
        ("-9223372036854775808", 1, 2, .halfUp, 0, "-4611686018427387904"),
    ] as [(String, Int64, Int64, RoundingMode, Int, String)])
    func multiplyingByAFraction(
        value: String, numerator: Int64, denominator: Int64, mode: RoundingMode, scale: Int, expected: String
    ) throws {
        let fraction = try Fraction(numerator, denominator)
        #expect(try decimal(value).multiplying(fraction, scale: scale, rounding: mode).description == expected)
    }

    @Test func multiplyingByAFractionOverflows() throws {
        #expect(throws: ArithmeticError.overflow("9223372036854775807 * 2")) {
            try Self.max.multiplying(Fraction(2, 1), scale: 0, rounding: .halfUp)
        }
        #expect(throws: ArithmeticError.overflow("9223372036854775807 * 1/2")) {
            try Self.max.multiplying(Fraction(1, 2), scale: 1, rounding: .halfUp)
        }
        #expect(throws: ArithmeticError.scaleTooLarge(19)) {
            try ExactDecimal(1).multiplying(Fraction.one, scale: 19, rounding: .halfUp)
        }
    }

    @Test(arguments: [
        ("64", 2, "64.00"), ("1.50", 1, "1.5"), ("64.00", 0, "64"), ("-0.5", 3, "-0.500"), ("0", 18, "0.000000000000000000"),
    ])
    func rescaledIsExact(value: String, scale: Int, expected: String) throws {
        #expect(try decimal(value).rescaled(to: scale).description == expected)
    }

    @Test func rescaledRefusesToLoseDigits() throws {
        #expect(throws: ArithmeticError.inexact("rescaling 1.25 to scale 1")) {
            try self.decimal("1.25").rescaled(to: 1)
        }
        #expect(throws: ArithmeticError.overflow("9223372036854775807 at scale 1")) {
            try Self.max.rescaled(to: 1)
        }
        #expect(throws: ArithmeticError.scaleTooLarge(-1)) { try ExactDecimal(1).rescaled(to: -1) }
        #expect(throws: ArithmeticError.scaleTooLarge(19)) { try ExactDecimal(1).rounded(scale: 19, mode: .up) }
        #expect(throws: ArithmeticError.overflow("9223372036854775807 at scale 2")) {
            try Self.max.rounded(scale: 2, mode: .halfUp)
        }
    }
}
