/// What a name in an expression stands for, resolved at compile time to a slot.
enum NameBinding: Sendable {
    /// A top-level field of the snapshot.
    case input(slot: Int, type: ValueType)
    /// Another rule's result.
    case rule(index: Int, id: String, type: ValueType)
    case table(Table)
    /// A variable bound by a macro or a rule kind (`item`, `l` in `filter(l, …)`).
    case local(slot: Int, type: ValueType)
    /// A value the caller supplies per evaluation (`request`).
    case parameter(slot: Int, type: ValueType)
    /// The evaluation date, `as_of`.
    case asOf
    /// `rules`, the namespace of rule results: `rules.seats`.
    case rulesNamespace
}
