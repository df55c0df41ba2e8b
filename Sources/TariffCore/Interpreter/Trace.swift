/// Why each value is what it is: the reads, steps and roundings of an evaluation, grouped
/// by rule and by item (one entry of an `each` list).
public struct Trace: Sendable, Hashable {
    public enum Event: Sendable, Hashable {
        /// A value read from the snapshot, another rule or a table: `account.plan = 'ADVANCED'`.
        case read(String, Value)
        /// A named intermediate value: `fraction = 27/31 + 30/30 = 58/31`.
        case step(String, String)
        /// A rounding: the exact value, the rounded value, the mode and the scale.
        case rounding(String, from: String, to: String, mode: RoundingMode, scale: Int)
    }

    public struct Entry: Sendable, Hashable {
        public var rule: String
        /// The index of the item in the rule's `each` list, or nil for the rule as a whole.
        public var item: Int?
        public var event: Event
    }

    public var entries: [Entry] = []

    public init(entries: [Entry] = []) { self.entries = entries }

    /// The entries of one rule, and of one item of it when `item` is given.
    public func entries(rule: String, item: Int? = nil) -> [Entry] {
        entries.filter { $0.rule == rule && (item == nil || $0.item == item) }
    }
}

/// Collects trace entries during one evaluation. Only allocated when a trace is asked for,
/// so evaluation without a trace pays one nil check per read.
public final class TraceRecorder {
    public private(set) var trace = Trace()
    var rule = ""
    public var item: Int?
    private var seen: Set<String> = []

    public init() {}

    func begin(rule: String) {
        self.rule = rule
        item = nil
        seen = []
    }

    /// Starts the entries of the item at `index` of the current rule's list.
    public func begin(item index: Int?) {
        item = index
        seen = []
    }

    public func read(_ path: String, _ value: Value) {
        // A path read twice for the same item says nothing new.
        guard seen.insert(path).inserted else { return }
        trace.entries.append(Trace.Entry(rule: rule, item: item, event: .read(path, value)))
    }

    public func step(_ label: String, _ detail: String) {
        trace.entries.append(Trace.Entry(rule: rule, item: item, event: .step(label, detail)))
    }

    public func rounding(_ label: String, from: String, to: String, mode: RoundingMode, scale: Int) {
        trace.entries.append(Trace.Entry(rule: rule, item: item,
                                         event: .rounding(label, from: from, to: to, mode: mode, scale: scale)))
    }
}
