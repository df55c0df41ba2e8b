/// Why a text is not a civil date, as ``CivilDate/init(parsing:)`` reads them.
///
/// ```swift
/// do {
///     _ = try CivilDate(parsing: "2026-02-30")
/// } catch {
///     print(error)   // "'2026-02-30' is not a date: February 2026 has 28 days"
/// }
/// ```
public struct DateParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text that was rejected, as written.
    public var text: String
    /// Why, in a few words, without the text.
    public var reason: String

    public init(text: String, reason: String) {
        self.text = text
        self.reason = reason
    }

    public var description: String {
        "'\(text)' is not a date: \(reason)"
    }
}
