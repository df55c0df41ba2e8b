/// A document tree with a position on every node: what readers of YAML and JSON produce
/// and what the rule loader and snapshot decoder consume.
///
/// Scalars stay text: the core decides what `NO`, `12.10` or `2026-04-01` mean from the
/// type it expects, so no YAML 1.1 resolver turns a country code into a boolean.
public struct SourceNode: Sendable {
    public enum ScalarStyle: Sendable, Hashable {
        /// Unquoted: may be a number, a boolean or null, depending on what is expected.
        case plain
        /// Quoted in single or double quotes: always a string.
        case quoted
        /// A literal (`|`) or folded (`>`) block: always a string.
        case block
    }

    public enum Content: Sendable {
        case scalar(String, ScalarStyle)
        case mapping([SourceEntry])
        case list([SourceNode])
    }

    public var content: Content
    public var position: SourcePosition

    public init(_ content: Content, at position: SourcePosition) {
        self.content = content
        self.position = position
    }

    /// The scalar text, or nil for a mapping or list.
    public var scalar: String? {
        if case let .scalar(text, _) = content { return text }
        return nil
    }

    /// Whether this is an unquoted `null`, `~` or empty scalar.
    public var isNull: Bool {
        if case let .scalar(text, .plain) = content {
            return text.isEmpty || text == "null" || text == "~" || text == "Null" || text == "NULL"
        }
        return false
    }

    /// The mapping's entries, or nil.
    public var entries: [SourceEntry]? {
        if case let .mapping(entries) = content { return entries }
        return nil
    }

    /// The list's elements, or nil.
    public var elements: [SourceNode]? {
        if case let .list(elements) = content { return elements }
        return nil
    }

    /// The value of the first entry whose key is `key`.
    public subscript(key: String) -> SourceNode? {
        entries?.first { $0.key.scalar == key }?.value
    }

    /// What this node is, in words, for messages: "a mapping", "a list", "'NO'".
    public var kindDescription: String {
        switch content {
        case let .scalar(text, _): "'\(text)'"
        case .mapping: "a mapping"
        case .list: "a list"
        }
    }
}

/// One `key: value` pair of a mapping, both with positions.
public struct SourceEntry: Sendable {
    public var key: SourceNode
    public var value: SourceNode

    public init(key: SourceNode, value: SourceNode) {
        self.key = key
        self.value = value
    }

    /// The key's text (keys are scalars in the documents we read).
    public var name: String { key.scalar ?? "" }
}

/// A file's text and the tree read from it; the text is kept for quoting in diagnostics.
public struct SourceDocument: Sendable {
    public var file: String
    public var text: String
    public var root: SourceNode

    public init(file: String, text: String, root: SourceNode) {
        self.file = file
        self.text = text
        self.root = root
    }
}
