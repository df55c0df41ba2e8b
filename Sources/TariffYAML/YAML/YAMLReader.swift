public import TariffCore

/// Reads a YAML document into a ``SourceNode`` tree with a 1-based line and column on
/// every node, reporting every problem it can find as a ``Diagnostic``.
///
/// ```swift
/// switch YAMLReader.read("country: NO\n", file: "account.yaml") {
/// case let .success(document): document.root["country"]?.scalar   // "NO", plain
/// case let .failure(error): print(DiagnosticRenderer().render(error.diagnostics))
/// }
/// ```
///
/// Scalars stay text with their style (plain, quoted, block): no YAML 1.1 resolver turns
/// `NO` into false or `12.10` into 12.1. Aliases are expanded, merge keys (`<<`)
/// flattened; only the first document of a stream is read, and a second is an error.
///
/// Diagnostics: `input.too-large`, `input.not-utf8`, `input.too-deep`,
/// `input.list-too-long`, `yaml.empty`, `yaml.tab-indentation`, `yaml.syntax`,
/// `yaml.duplicate-key`, `yaml.alias-limit`.
public enum YAMLReader {
    /// Reads YAML text.
    ///
    /// - Parameters:
    ///   - text: The document.
    ///   - file: The name positions and diagnostics carry.
    ///   - limits: Bounds on size, depth, alias expansion and list length.
    /// - Returns: The document, or every diagnostic found.
    /// - Complexity: O(*n*) in the text plus the nodes aliases create.
    public static func read(
        _ text: String, file: String, limits: ReadLimits = .default
    ) -> Result<SourceDocument, DiagnosticError> {
        if let tooLarge = InputText.checkSize(text.utf8.count, file: file, limits: limits) {
            return .failure(DiagnosticError([tooLarge]))
        }
        return parse(InputText.droppingByteOrderMark(text), file: file, limits: limits)
    }

    /// Reads YAML from bytes, which must be UTF-8; the first invalid byte is reported
    /// with its line and column (`input.not-utf8`).
    ///
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - file: The name positions and diagnostics carry.
    ///   - limits: Bounds on size, depth, alias expansion and list length.
    /// - Returns: The document, or every diagnostic found.
    public static func read(
        bytes: [UInt8], file: String, limits: ReadLimits = .default
    ) -> Result<SourceDocument, DiagnosticError> {
        if let tooLarge = InputText.checkSize(bytes.count, file: file, limits: limits) {
            return .failure(DiagnosticError([tooLarge]))
        }
        switch InputText.decode(bytes, file: file, breaks: .yaml) {
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
        let outcome = utf8.withUTF8 { bytes -> (SourceNode?, [Diagnostic]) in
            guard !bytes.isEmpty else { return (nil, [ReaderMessages.emptyDocument(file: file)]) }
            if let tooDeep = FlowDepthScanner.firstTooDeep(bytes, limit: limits.maxDepth, file: file) {
                return (nil, [ReaderMessages.tooDeep(limit: limits.maxDepth, at: tooDeep)])
            }
            let tabs = TabScanner.tabsInIndentation(bytes, file: file)
            let parser = LibYAMLParser(bytes: bytes, file: file)
            var composer = YAMLComposer(file: file, limits: limits)
            let root = composer.compose(from: parser, bytes: bytes)
            var diagnostics = composer.diagnostics
            if let syntaxError = composer.syntaxError {
                diagnostics += tabs.map(ReaderMessages.tabIndentation)
                // A tab in indentation is usually what libyaml trips over, a line or more
                // later; its own error then adds only noise.
                let causedByTab = tabs.first.map { (syntaxError.position?.line ?? .max) >= $0.line } ?? false
                if !causedByTab { diagnostics.append(syntaxError) }
            } else {
                // libyaml accepted these tabs inside multi-line scalars: they are content.
                let scalars = composer.multilineScalars
                diagnostics += tabs
                    .filter { tab in !scalars.contains { $0.start < tab && tab < $0.end } }
                    .map(ReaderMessages.tabIndentation)
            }
            return (root, diagnostics)
        }
        switch outcome {
        case let (root?, diagnostics) where !diagnostics.containsErrors:
            return .success(SourceDocument(file: file, text: text, root: root))
        case let (_, diagnostics) where diagnostics.containsErrors:
            return .failure(DiagnosticError(diagnostics.sortedByPosition()))
        case let (_, diagnostics):
            return .failure(DiagnosticError(diagnostics + [ReaderMessages.yamlInternal("no document")]))
        }
    }
}
