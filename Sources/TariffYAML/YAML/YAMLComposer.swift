import TariffCore

/// Builds a ``SourceNode`` tree from libyaml's events, with an explicit stack instead of
/// recursion, so nesting costs heap, not stack, and every limit is checked as the tree grows.
///
/// Besides the tree it finds every duplicate key (libyaml does not look; Yams stops at the
/// first), expands aliases while counting the nodes they create, and flattens merge keys.
///
/// - Complexity: O(*n*) in events plus nodes created by aliases.
struct YAMLComposer {
    let file: String
    let limits: ReadLimits

    /// Problems found while composing: duplicates, aliases, merges, limits, extra documents.
    private(set) var diagnostics: [Diagnostic] = []
    /// The problem that stopped libyaml itself, if one did.
    private(set) var syntaxError: Diagnostic?
    /// Where scalars that span lines start and end: tabs between are content, not indentation.
    private(set) var multilineScalars: [(start: SourcePosition, end: SourcePosition)] = []

    private var anchors: [String: Anchored] = [:]
    private var expandedNodes = 0
    private var stack: [Frame] = []

    init(file: String, limits: ReadLimits) {
        self.file = file
        self.limits = limits
    }

    /// An anchored subtree and the number of nodes in it.
    private struct Anchored {
        var node: SourceNode
        var count: Int
    }

    /// A mapping or list under construction.
    private struct Frame {
        var isMapping: Bool
        var position: SourcePosition
        var anchor: String?
        /// Nodes in this subtree so far, itself included.
        var count = 1
        var elements: [SourceNode] = []
        var entries: [SourceEntry] = []
        /// A key read, waiting for its value.
        var key: SourceNode?
        /// Where each scalar key first appears.
        var seen: [String: SourcePosition] = [:]
        /// Entries a merge key brings in, and where among `entries` they go.
        var merge: (index: Int, entries: [SourceEntry])?
    }

    /// Why composing stopped early; the diagnostic is already recorded.
    private struct Stop: Error {}

    /// The root of the first document, or nil when a diagnostic stopped composing or the
    /// document is empty. Problems are in ``diagnostics`` and ``syntaxError``.
    mutating func compose(from parser: LibYAMLParser, bytes: UnsafeBufferPointer<UInt8>) -> SourceNode? {
        do {
            return try composeDocument(parser, bytes)
        } catch {
            return nil
        }
    }

    private mutating func composeDocument(
        _ parser: LibYAMLParser, _ bytes: UnsafeBufferPointer<UInt8>
    ) throws(Stop) -> SourceNode? {
        guard case .streamStart = try next(parser, bytes) else {
            return fail(ReaderMessages.yamlInternal("no stream start"))
        }
        guard case .documentStart = try next(parser, bytes) else {
            diagnostics.append(ReaderMessages.emptyDocument(file: file))
            return nil
        }
        var root: SourceNode?
        while root == nil {
            root = try handle(next(parser, bytes))
        }
        guard case .documentEnd = try next(parser, bytes) else {
            return fail(ReaderMessages.yamlInternal("no document end"))
        }
        if case let .documentStart(position) = try next(parser, bytes) {
            diagnostics.append(ReaderMessages.multipleDocuments(at: position))
        }
        if case .scalar("", .plain)? = root?.content {
            diagnostics.append(ReaderMessages.emptyDocument(file: file))
            return nil
        }
        return root
    }

    private mutating func fail(_ diagnostic: Diagnostic) -> SourceNode? {
        diagnostics.append(diagnostic)
        return nil
    }

    private mutating func next(
        _ parser: LibYAMLParser, _ bytes: UnsafeBufferPointer<UInt8>
    ) throws(Stop) -> YAMLEvent {
        switch parser.next() {
        case let .success(event):
            return event
        case let .failure(problem):
            syntaxError = problem.diagnostic(in: bytes, file: file)
            throw Stop()
        }
    }

    /// Takes one event inside the document; returns the root once it is complete.
    private mutating func handle(_ event: YAMLEvent) throws(Stop) -> SourceNode? {
        switch event {
        case let .scalar(scalar):
            if scalar.start.line < scalar.end.line {
                multilineScalars.append((scalar.start, scalar.end))
            }
            let node = SourceNode(.scalar(scalar.text, scalar.style), at: scalar.start)
            if let anchor = scalar.anchor { anchors[anchor] = Anchored(node: node, count: 1) }
            return try deliver(node, count: 1)

        case let .alias(name, position):
            guard let anchored = anchors[name] else {
                diagnostics.append(ReaderMessages.undefinedAlias(name, at: position))
                return try deliver(SourceNode(.scalar("", .plain), at: position), count: 1)
            }
            expandedNodes += anchored.count
            if expandedNodes > limits.maxAliasExpansion {
                diagnostics.append(ReaderMessages.aliasLimit(limit: limits.maxAliasExpansion, at: position))
                throw Stop()
            }
            // The copy shares storage with the anchor; its root points at the alias,
            // its descendants at the text they were written in.
            var node = anchored.node
            node.position = position
            return try deliver(node, count: anchored.count)

        case let .sequenceStart(anchor, position), let .mappingStart(anchor, position):
            guard stack.count < limits.maxDepth else {
                diagnostics.append(ReaderMessages.tooDeep(limit: limits.maxDepth, at: position))
                throw Stop()
            }
            var isMapping = false
            if case .mappingStart = event { isMapping = true }
            stack.append(Frame(isMapping: isMapping, position: position, anchor: anchor))
            return nil

        case .sequenceEnd, .mappingEnd:
            guard let frame = stack.popLast() else {
                diagnostics.append(ReaderMessages.yamlInternal("unbalanced collection end"))
                throw Stop()
            }
            let node = frame.isMapping
                ? SourceNode(.mapping(Self.flatten(frame)), at: frame.position)
                : SourceNode(.list(frame.elements), at: frame.position)
            if let anchor = frame.anchor { anchors[anchor] = Anchored(node: node, count: frame.count) }
            return try deliver(node, count: frame.count)

        case .streamStart, .streamEnd, .documentStart, .documentEnd:
            diagnostics.append(ReaderMessages.yamlInternal("document ended inside a node"))
            throw Stop()
        }
    }

    /// Hands a finished node to the collection being built, or returns it as the root.
    private mutating func deliver(_ node: SourceNode, count: Int) throws(Stop) -> SourceNode? {
        guard !stack.isEmpty else { return node }
        let top = stack.count - 1
        stack[top].count += count
        guard stack[top].isMapping else {
            guard stack[top].elements.count < limits.maxListLength else {
                diagnostics.append(ReaderMessages.listTooLong(limit: limits.maxListLength, at: stack[top].position))
                throw Stop()
            }
            stack[top].elements.append(node)
            return nil
        }
        guard let key = stack[top].key else {
            stack[top].key = node
            return nil
        }
        stack[top].key = nil
        if case let .scalar(name, style) = key.content {
            if let first = stack[top].seen[name] {
                diagnostics.append(ReaderMessages.yamlDuplicateKey(
                    name, at: key.position, length: Self.length(of: name, style), first: first
                ))
                return nil
            }
            stack[top].seen[name] = key.position
            if name == "<<", style == .plain {
                stack[top].merge = (stack[top].entries.count, mergedEntries(node))
                return nil
            }
        }
        stack[top].entries.append(SourceEntry(key: key, value: node))
        return nil
    }

    /// The entries a merge key's value brings in: one mapping, or a list of mappings
    /// where an earlier mapping's key wins over a later one's.
    private mutating func mergedEntries(_ value: SourceNode) -> [SourceEntry] {
        let sources: [SourceNode]
        switch value.content {
        case .mapping: sources = [value]
        case let .list(elements): sources = elements
        case .scalar: sources = []
        }
        if case .scalar = value.content {
            diagnostics.append(ReaderMessages.mergeNeedsMappings(found: value.kindDescription, at: value.position))
        }
        var names = Set<String>()
        var merged: [SourceEntry] = []
        for source in sources {
            guard let entries = source.entries else {
                diagnostics.append(ReaderMessages.mergeNeedsMappings(
                    found: source.kindDescription, at: source.position
                ))
                continue
            }
            for entry in entries where names.insert(entry.name).inserted {
                merged.append(entry)
            }
        }
        return merged
    }

    /// A mapping's entries with merged ones in place of the merge key, minus those its
    /// own keys override (wherever those keys stand).
    private static func flatten(_ frame: Frame) -> [SourceEntry] {
        guard let merge = frame.merge else { return frame.entries }
        var entries = frame.entries
        let inherited = merge.entries.filter { entry in
            guard let name = entry.key.scalar else { return true }
            return frame.seen[name] == nil
        }
        entries.insert(contentsOf: inherited, at: merge.index)
        return entries
    }

    /// Columns a key spans on its line, quotes included, for the caret's underline.
    private static func length(of name: String, _ style: SourceNode.ScalarStyle) -> Int {
        name.unicodeScalars.count + (style == .quoted ? 2 : 0)
    }
}
