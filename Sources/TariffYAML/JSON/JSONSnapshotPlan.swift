import TariffCore

/// The rules' input type laid out for ``JSONSnapshotReader``: one flat table of nodes, one
/// of fields and one pool of bytes, so that reading a snapshot walks plain integers and
/// compares bytes, with no enum payloads to copy, no reference counting and no hashing.
///
/// ```swift
/// let plan = JSONSnapshotPlan(for: decoder.type)
/// plan.nodes[plan.root].kind   // .record
/// ```
///
/// - Complexity: Built once per reader, O(*n*) in the size of the type.
struct JSONSnapshotPlan: Sendable {
    /// How one type in the schema is read.
    struct Node: Sendable {
        enum Kind: UInt8, Sendable {
            case record, list, optional, string, int, decimal, money, date, bool
            /// A type no snapshot spells in JSON (`Period`, `null`): the slow path decides.
            case unreadable
        }

        var kind: Kind
        /// `list` and `optional`: the node of the element; `record`: its index in ``records``.
        var child: Int
    }

    /// A record type: its fields are `fields[fields]`, in slot order.
    struct RecordNode: Sendable {
        var fields: Range<Int>
        /// Bit *i*: field *i* must be present (it is not optional).
        var required: UInt64
        /// Records of more than 64 fields do not fit the reader's bit set of fields seen.
        var tooWide: Bool
    }

    /// A field of a record.
    struct FieldNode: Sendable {
        /// The name's UTF-8 in ``bytes``.
        var name: Range<Int>
        /// Whether the name could be a key without escapes: no `"`, `\` or control byte.
        var plainName: Bool
        var node: Int
        /// `one_of`: the allowed values are `choices[allowed]`; nil when any value is.
        var allowed: Range<Int>?
        /// Every allowed value is ASCII, so an ASCII value is allowed exactly when its bytes
        /// equal one of them (String equality is canonical equivalence, which for ASCII on
        /// both sides is byte equality).
        var asciiChoices: Bool
        var minimum: ExactDecimal?
    }

    /// An allowed value: its UTF-8 in ``bytes`` and the String the record stores.
    struct Choice: Sendable {
        var bytes: Range<Int>
        var text: String
    }

    private(set) var nodes: [Node] = []
    private(set) var records: [RecordNode] = []
    /// The ``RecordType`` of `records[i]`, kept apart so ``RecordNode`` is plain data.
    private(set) var recordTypes: [RecordType] = []
    private(set) var fields: [FieldNode] = []
    private(set) var choices: [Choice] = []
    /// Field names and allowed values, as UTF-8.
    private(set) var bytes: [UInt8] = []
    private(set) var root = 0

    init(for type: RecordType) {
        root = add(.record(type))
    }

    private mutating func add(_ type: ValueType) -> Int {
        let index = nodes.count
        switch type {
        case let .record(record):
            nodes.append(Node(kind: .record, child: records.count))
            let recordIndex = records.count
            records.append(RecordNode(fields: 0..<0, required: 0, tooWide: record.fields.count > 64))
            recordTypes.append(record)
            // Fields first, contiguous; their nodes after.
            let first = fields.count
            for field in record.fields {
                fields.append(FieldNode(name: append(field.name), plainName: field.name.utf8.allSatisfy(Self.isPlain),
                                        node: 0, allowed: nil, asciiChoices: true, minimum: field.minimum))
                if let allowed = field.allowed {
                    let start = choices.count
                    for text in allowed {
                        choices.append(Choice(bytes: append(text), text: text))
                    }
                    fields[fields.count - 1].allowed = start..<choices.count
                    fields[fields.count - 1].asciiChoices = allowed.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
                }
            }
            var required: UInt64 = 0
            for (slot, field) in record.fields.enumerated() where slot < 64 && !field.type.isOptional {
                required |= 1 << UInt64(slot)
            }
            records[recordIndex].fields = first..<fields.count
            records[recordIndex].required = required
            for (offset, field) in record.fields.enumerated() {
                let node = add(field.type)
                fields[first + offset].node = node
            }
        case let .list(element):
            nodes.append(Node(kind: .list, child: 0))
            nodes[index].child = add(element)
        case let .optional(wrapped):
            nodes.append(Node(kind: .optional, child: 0))
            nodes[index].child = add(wrapped)
        case .string: nodes.append(Node(kind: .string, child: 0))
        case .int: nodes.append(Node(kind: .int, child: 0))
        case .decimal: nodes.append(Node(kind: .decimal, child: 0))
        case .money: nodes.append(Node(kind: .money, child: 0))
        case .date: nodes.append(Node(kind: .date, child: 0))
        case .bool: nodes.append(Node(kind: .bool, child: 0))
        case .period, .null: nodes.append(Node(kind: .unreadable, child: 0))
        }
        return index
    }

    private mutating func append(_ text: String) -> Range<Int> {
        let start = bytes.count
        bytes.append(contentsOf: text.utf8)
        return start..<bytes.count
    }

    /// A byte a JSON string holds as itself: not `"`, `\` or a control character.
    static func isPlain(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
    }
}
