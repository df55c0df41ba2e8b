/// Reads one scalar node as a value of an expected type. The type decides: `NO` is the
/// text "NO" where a string is expected, and an error where a boolean is.
enum ScalarDecoder {
    static func decode(_ node: SourceNode, as type: ValueType, currency: Currency) -> Result<Value, Diagnostic> {
        guard case let .scalar(text, style) = node.content else {
            return .failure(.error("snapshot.type", "expected \(describe(type)), found \(node.kindDescription)", at: node.position))
        }
        let length = max(1, text.count)
        func fail(_ message: String, hint: String? = nil) -> Result<Value, Diagnostic> {
            .failure(.error("snapshot.type", message, at: node.position, length: length, hint: hint))
        }
        switch type {
        case .string:
            return .success(.string(text))
        case .int:
            guard style == .plain || Int64(text) != nil, let value = Int64(text) else {
                return fail("expected a whole number, found '\(text)'",
                            hint: text.contains(".") ? "this field counts whole units" : nil)
            }
            return .success(.int(value))
        case .decimal:
            do { return .success(.decimal(try ExactDecimal(parsing: text))) } catch {
                return fail("expected a decimal number, found '\(text)': \(error.reason)", hint: numberHint(text))
            }
        case .money:
            var amountText = Substring(text)
            if let space = text.lastIndex(of: " ") {
                let code = String(text[text.index(after: space)...])
                amountText = text[..<space]
                guard code == currency.code else {
                    return fail("amount '\(text)' is in \(code), but these rules bill in \(currency.code)")
                }
            }
            do { return .success(.money(Money(try ExactDecimal(parsing: amountText), currency))) } catch {
                return fail("expected an amount such as 12.50, found '\(text)': \(error.reason)", hint: numberHint(text))
            }
        case .date:
            do { return .success(.date(try CivilDate(parsing: text))) } catch {
                return fail("expected a date such as 2026-04-01, found '\(text)'")
            }
        case .bool:
            switch (text, style) {
            case ("true", .plain): return .success(.bool(true))
            case ("false", .plain): return .success(.bool(false))
            default: return fail("expected true or false, found '\(text)'")
            }
        case .period:
            let parts = text.split(separator: "/")
            guard parts.count == 2, let start = try? CivilDate(parsing: parts[0]), let end = try? CivilDate(parsing: parts[1]),
                  let period = try? Period(start: start, end: end) else {
                return fail("expected a period such as 2026-04-01/2026-05-01, found '\(text)'")
            }
            return .success(.period(period))
        case let .optional(wrapped):
            if node.isNull { return .success(.null) }
            return decode(node, as: wrapped, currency: currency)
        default:
            return fail("expected \(describe(type)), found '\(text)'")
        }
    }

    static func numberHint(_ text: String) -> String? {
        if text.contains(",") { return "use '.' as the decimal separator and no thousands separator" }
        if text.lowercased().contains("e") { return "write the number in full, without an exponent" }
        return nil
    }

    static func describe(_ type: ValueType) -> String {
        switch type {
        case .record: "a mapping of fields"
        case .list: "a list"
        case let .optional(wrapped): describe(wrapped) + " or null"
        default: "a value of type \(type)"
        }
    }
}
