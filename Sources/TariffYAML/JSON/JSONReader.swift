public import TariffCore

/// Reads a JSON document (RFC 8259, strictly) into a ``SourceNode`` tree with a 1-based
/// line and column on every node.
///
/// ```swift
/// let result = JSONReader.read(#"{"total": 1122.47}"#, file: "invoice.json")
/// // root["total"] is .scalar("1122.47", .plain): the number's exact text, never a Double
/// ```
///
/// Strings become quoted scalars; numbers, `true`, `false` and `null` plain scalars with
/// their literal text; objects mappings (duplicate keys are errors) and arrays lists.
///
/// Diagnostics: `input.too-large`, `input.not-utf8`, `input.too-deep`,
/// `input.list-too-long`, `json.syntax` (with what was expected and what was found),
/// `json.duplicate-key`.
public enum JSONReader {
    /// Reads JSON text.
    ///
    /// - Parameters:
    ///   - text: The document.
    ///   - file: The name positions and diagnostics carry.
    ///   - limits: Bounds on size, depth and list length.
    /// - Returns: The document, or its diagnostics.
    /// - Complexity: O(*n*).
    public static func read(
        _ text: String, file: String, limits: ReadLimits = .default
    ) -> Result<SourceDocument, DiagnosticError> {
        if let tooLarge = InputText.checkSize(text.utf8.count, file: file, limits: limits) {
            return .failure(DiagnosticError([tooLarge]))
        }
        return parse(InputText.droppingByteOrderMark(text), file: file, limits: limits)
    }

    /// Reads JSON from bytes, which must be UTF-8; the first invalid byte is reported
    /// with its line and column (`input.not-utf8`).
    ///
    /// - Parameters:
    ///   - bytes: The document's bytes, such as one line of a JSON Lines stream.
    ///   - file: The name positions and diagnostics carry.
    ///   - limits: Bounds on size, depth and list length.
    /// - Returns: The document, or its diagnostics.
    /// - Complexity: O(*n*).
    public static func read(
        bytes: [UInt8], file: String, limits: ReadLimits = .default
    ) -> Result<SourceDocument, DiagnosticError> {
        if let tooLarge = InputText.checkSize(bytes.count, file: file, limits: limits) {
            return .failure(DiagnosticError([tooLarge]))
        }
        switch InputText.decode(bytes, file: file, breaks: .json) {
        case let .success(text):
            return parse(InputText.droppingByteOrderMark(text), file: file, limits: limits)
        case let .failure(error):
            return .failure(error)
        }
    }

    private static func parse(
        _ text: String, file: String, limits: ReadLimits
    ) -> Result<SourceDocument, DiagnosticError> {
        var utf8 = text
        let (root, diagnostics) = utf8.withUTF8 { bytes in
            var parser = JSONParser(bytes: bytes, file: file, limits: limits)
            let root = parser.parse()
            return (root, parser.diagnostics)
        }
        guard let root, diagnostics.isEmpty else {
            return .failure(DiagnosticError(diagnostics.sortedByPosition()))
        }
        return .success(SourceDocument(file: file, text: text, root: root))
    }
}
