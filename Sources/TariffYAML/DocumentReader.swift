public import TariffCore

/// Reads a rule file or a snapshot, choosing JSON or YAML.
///
/// A `.json` file is JSON and a `.yaml` or `.yml` file YAML; any other file is JSON when
/// its first non-blank character is `{` or `[`, YAML otherwise.
///
/// ```swift
/// let result = DocumentReader.read(contentsOf: "examples/acme/snapshot.json")
/// ```
public enum DocumentReader {
    /// Reads the file at `path`; the path is also the name diagnostics carry.
    ///
    /// - Parameters:
    ///   - path: The file to read.
    ///   - limits: Bounds on size (checked before the file is read in full), depth,
    ///     alias expansion and list length.
    /// - Returns: The document, or its diagnostics; `io.unreadable` when the file cannot
    ///   be read, with the system's reason.
    public static func read(
        contentsOf path: String, limits: ReadLimits = .default
    ) -> Result<SourceDocument, DiagnosticError> {
        switch FileBytes.read(path: path, limit: limits.maxBytes) {
        case let .success(bytes):
            return read(bytes: bytes, file: path, limits: limits)
        case let .failure(.tooLarge(size)):
            return .failure(DiagnosticError([
                ReaderMessages.inputTooLarge(file: path, size: size, limit: limits.maxBytes),
            ]))
        case let .failure(.unreadable(reason)):
            return .failure(DiagnosticError([ReaderMessages.unreadable(path: path, reason: reason)]))
        }
    }

    /// Reads bytes as JSON or YAML, choosing by `file`'s extension, then by content.
    ///
    /// - Parameters:
    ///   - bytes: The document's bytes, UTF-8.
    ///   - file: The name positions and diagnostics carry.
    ///   - limits: Bounds on size, depth, alias expansion and list length.
    /// - Returns: The document, or its diagnostics.
    public static func read(
        bytes: [UInt8], file: String, limits: ReadLimits = .default
    ) -> Result<SourceDocument, DiagnosticError> {
        isJSON(bytes: bytes, file: file)
            ? JSONReader.read(bytes: bytes, file: file, limits: limits)
            : YAMLReader.read(bytes: bytes, file: file, limits: limits)
    }

    /// Whether `file` names JSON, or its content looks like it.
    static func isJSON(bytes: [UInt8], file: String) -> Bool {
        let name = file.lowercased()
        if name.hasSuffix(".json") { return true }
        if name.hasSuffix(".yaml") || name.hasSuffix(".yml") { return false }
        var index = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                index += 1
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                return true
            default:
                return false
            }
        }
        return false
    }
}
