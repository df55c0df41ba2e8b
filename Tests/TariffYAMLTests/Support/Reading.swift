import TariffCore
import TariffYAML

/// A diagnostic reduced to what most assertions need: its id, line and column
/// (0 and 0 when it has no position).
struct Spot: Hashable, CustomStringConvertible {
    var id: String
    var line: Int
    var column: Int

    init(_ id: String, _ line: Int, _ column: Int) {
        self.id = id
        self.line = line
        self.column = column
    }

    var description: String { "\(id)@\(line):\(column)" }
}

extension Diagnostic {
    var spot: Spot { Spot(id, position?.line ?? 0, position?.column ?? 0) }
}

extension Result where Success == SourceDocument, Failure == DiagnosticError {
    var diagnostics: [Diagnostic] {
        if case let .failure(error) = self { return error.diagnostics }
        return []
    }

    var spots: [Spot] { diagnostics.map(\.spot) }

    var root: SourceNode? {
        if case let .success(document) = self { return document.root }
        return nil
    }
}

extension SourceNode {
    /// The node at a path of mapping keys and list indexes: `node["rules", 0, "id"]`.
    subscript(path: any PathStep...) -> SourceNode? {
        var node: SourceNode? = self
        for step in path {
            if let key = step as? String {
                node = node?[key]
            } else if let index = step as? Int, let elements = node?.elements, elements.indices.contains(index) {
                node = elements[index]
            } else {
                return nil
            }
        }
        return node
    }

    var style: ScalarStyle? {
        if case let .scalar(_, style) = content { return style }
        return nil
    }

    /// `line:column`, for compact position assertions.
    var at: String { "\(position.line):\(position.column)" }
}

protocol PathStep {}
extension String: PathStep {}
extension Int: PathStep {}

func readYAML(_ text: String, limits: ReadLimits = .default) -> Result<SourceDocument, DiagnosticError> {
    YAMLReader.read(text, file: "test.yaml", limits: limits)
}

func readJSON(_ text: String, limits: ReadLimits = .default) -> Result<SourceDocument, DiagnosticError> {
    JSONReader.read(text, file: "test.json", limits: limits)
}
