/// Why a text is not a decimal literal, as ``ExactDecimal/init(parsing:)`` reads them.
///
/// ```swift
/// do {
///     _ = try ExactDecimal(parsing: "1,5")
/// } catch {
///     print(error)   // "'1,5' is not a decimal: unexpected ','; the decimal separator is '.'"
/// }
/// ```
public struct DecimalParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text that was rejected, as written.
    public var text: String
    /// Why, in a few words, without the text.
    public var reason: String

    public init(text: String, reason: String) {
        self.text = text
        self.reason = reason
    }

    public var description: String {
        "'\(text)' is not a decimal: \(reason)"
    }
}
