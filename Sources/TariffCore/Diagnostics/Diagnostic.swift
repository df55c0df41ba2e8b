/// A problem found in a rule file or a snapshot, as data.
///
/// Phases collect diagnostics and return them all; none stops at the first.
/// Render them with ``DiagnosticRenderer``.
///
/// ```swift
/// Diagnostic(.error, "graph.unknown-reference", "unknown rule 'seat'",
///            at: position, length: 7, hint: "did you mean 'seats'?")
/// ```
public struct Diagnostic: Hashable, Sendable, Error, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable, Comparable {
        case error, warning, note

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs.rank < rhs.rank
        }

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }
    }

    /// A secondary message, with its own position when it points elsewhere
    /// (the first definition of a duplicate id, say).
    public struct Note: Hashable, Sendable {
        public var message: String
        public var position: SourcePosition?

        public init(_ message: String, at position: SourcePosition? = nil) {
            self.message = message
            self.position = position
        }
    }

    public var severity: Severity
    /// A stable identifier, `domain.name`, that tests and tools can match on.
    public var id: String
    public var message: String
    public var position: SourcePosition?
    /// How many columns the caret underlines; at least one.
    public var length: Int
    public var notes: [Note]
    /// What to do about it, such as `did you mean 'ADVANCED'?`.
    public var hint: String?

    public init(
        _ severity: Severity = .error,
        _ id: String,
        _ message: String,
        at position: SourcePosition? = nil,
        length: Int = 1,
        notes: [Note] = [],
        hint: String? = nil
    ) {
        self.severity = severity
        self.id = id
        self.message = message
        self.position = position
        self.length = max(1, length)
        self.notes = notes
        self.hint = hint
    }

    public static func error(
        _ id: String, _ message: String, at position: SourcePosition?, length: Int = 1,
        notes: [Note] = [], hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, id, message, at: position, length: length, notes: notes, hint: hint)
    }

    /// `file:line:column: error: message`, the first line of the rendered form.
    public var description: String {
        let place = position.map { "\($0): " } ?? ""
        return "\(place)\(severity.rawValue): \(message)"
    }
}

extension Array where Element == Diagnostic {
    /// Whether any element is an error (warnings and notes do not stop a run).
    public var containsErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, line and column, so output is stable whatever order phases ran in.
    public func sortedByPosition() -> [Diagnostic] {
        enumerated().sorted { a, b in
            switch (a.element.position, b.element.position) {
            case let (p?, q?): p == q ? a.offset < b.offset : p < q
            case (nil, .some): false
            case (.some, nil): true
            case (nil, nil): a.offset < b.offset
            }
        }.map(\.element)
    }
}

/// Diagnostics thrown together, when a caller wants an `Error`.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
