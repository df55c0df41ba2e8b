extension SourceNode {
    /// The node at a path of mapping keys and 0-based list indexes, written the way
    /// snapshot paths are in diagnostics: `account.items[3].removed`.
    ///
    /// ```swift
    /// document.root.node(atPath: "account.items[3].removed")?.position   // acme.yaml:16:40
    /// ```
    ///
    /// - Parameter path: Keys separated by `.`, each optionally followed by `[index]`s.
    /// - Returns: The node, or nil when the path is malformed or leads nowhere.
    /// - Complexity: O(*n*) in the entries and elements passed on the way.
    public func node(atPath path: String) -> SourceNode? {
        var node = self
        for component in path.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = component[...]
            let key = rest.prefix { $0 != "[" }
            rest = rest.dropFirst(key.count)
            if !key.isEmpty {
                guard let value = node[String(key)] else { return nil }
                node = value
            }
            while rest.first == "[" {
                guard let close = rest.firstIndex(of: "]"), let index = Int(rest[rest.index(after: rest.startIndex)..<close]),
                      let elements = node.elements, elements.indices.contains(index) else { return nil }
                node = elements[index]
                rest = rest[rest.index(after: close)...]
            }
            guard rest.isEmpty, !(key.isEmpty && component.isEmpty) else { return nil }
        }
        return node
    }
}
