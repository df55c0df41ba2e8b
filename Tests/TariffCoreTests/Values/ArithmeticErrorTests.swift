import Testing
import TariffCore

@Suite("ArithmeticError")
struct ArithmeticErrorTests {
    @Test(arguments: [
        (ArithmeticError.overflow("64.00 * 9223372036854775807"),
         "Overflow: 64.00 * 9223372036854775807 does not fit in a 64-bit significand."),
        (.divisionByZero("1 / 0"), "Division by zero: 1 / 0."),
        (.currencyMismatch(.eur, .usd), "Currency mismatch: cannot combine EUR with USD."),
        (.scaleTooLarge(19), "Scale 19 is outside the supported range 0...18."),
        (.invalidDate("February 2026 has 28 days"), "Invalid date: February 2026 has 28 days."),
        (.inexact("rescaling 1.25 to scale 1"),
         "Rounding needed: rescaling 1.25 to scale 1 would lose digits; round it with a rounding mode instead."),
    ])
    func descriptionIsASentence(error: ArithmeticError, expected: String) {
        #expect(error.description == expected)
    }
}
