// The floor of the current value model for one medium peer account: the heap objects its
// invoice holds, made and freed, with nothing computed. A medium account's invoice has
// 31 lines, each a record and a label `String` longer than 15 bytes (so not inline), and
// about 5 violations, each with a message `String`; plus the lists that hold them.
//
//   swiftc -O Benchmarks/object-floor/main.swift -o /tmp/object-floor && /tmp/object-floor
//   valgrind --tool=callgrind /tmp/object-floor 20000 1     # instructions: accounts, runs
//
// Compare with `tariff bench` (parsed snapshot → Invoice, medium): whatever the
// interpreter does, a model that allocates these objects cannot go below this figure.
//
// `arena` as a third argument measures the model as it is now: the labels and messages
// are bytes appended to one buffer per account (`TextArena`), each line holding the arena
// (a retain) and its range, instead of a `String` each.
//
//   /tmp/object-floor 200000 5 arena
//
// `blocks` measures the model since record blocks: as `arena`, but a rule's lines are one
// allocation (a block per charge rule: 1, 10 and 20 lines), each line holding the block (a
// retain) and the arena.
//
//   /tmp/object-floor 200000 5 blocks

/// A stand-in for a line's record: one allocation of twelve fields.
typealias LineRecord = ManagedBuffer<Int, (Int, Int, Int)>

struct Line {
    let label: String
    let record: LineRecord
}

/// A stand-in for the evaluation's text arena: one growing buffer of label bytes.
final class Arena {
    @exclusivity(unchecked) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// `text` appended, its byte at `at` made the letter `letter` (A to Z): where it lies.
    @inline(__always)
    func append(_ text: inout [UInt8], marking at: Int, with letter: Int) -> Range<Int> {
        text[at] = UInt8(65 + letter % 26)
        let start = bytes.count
        bytes.append(contentsOf: text)
        return start..<bytes.count
    }

    /// A medium account's five violation messages appended: where they lie.
    @inline(__always)
    func messages(_ message: inout [UInt8]) -> [Range<Int>] {
        var messages: [Range<Int>] = []
        messages.reserveCapacity(5)
        for index in 0..<5 { messages.append(append(&message, marking: 1, with: index)) }
        return messages
    }
}

struct ArenaLine {
    let arena: Arena
    let range: Range<Int>
    let record: LineRecord
}

@inline(never)
func accountWithArena(_ seed: Int, _ label: inout [UInt8], _ message: inout [UInt8]) -> Int {
    let arena = Arena(capacity: 1024)
    var lines: [ArenaLine] = []
    lines.reserveCapacity(31)
    for index in 0..<31 {
        let range = arena.append(&label, marking: 0, with: index + seed)
        let record = LineRecord.create(minimumCapacity: 12) { _ in index }
        lines.append(ArenaLine(arena: arena, range: range, record: record))
    }
    return lines.count + arena.messages(&message).count
}

/// A stand-in for a record block: the twelve fields of each of its lines, one allocation.
typealias LineBlock = ManagedBuffer<Int, (Int, Int, Int)>

struct BlockLine {
    let arena: Arena
    let range: Range<Int>
    let block: LineBlock
    let index: Int
}

@inline(never)
func accountWithBlocks(_ seed: Int, _ label: inout [UInt8], _ message: inout [UInt8]) -> Int {
    let arena = Arena(capacity: 2048)
    var lines: [BlockLine] = []
    lines.reserveCapacity(31)
    for (rule, count) in [(0, 1), (1, 10), (2, 20)] {
        let block = LineBlock.create(minimumCapacity: 4 * count) { _ in rule }
        for index in 0..<count {
            let range = arena.append(&label, marking: 0, with: index + seed)
            lines.append(BlockLine(arena: arena, range: range, block: block, index: index))
        }
    }
    return lines.count + arena.messages(&message).count
}

@inline(never)
func account(_ seed: Int, _ label: inout [UInt8], _ message: inout [UInt8]) -> Int {
    var lines: [Line] = []
    lines.reserveCapacity(31)
    for index in 0..<31 {
        label[0] = UInt8(65 + (index + seed) % 26)
        let text = String(decoding: label, as: UTF8.self)
        let record = LineRecord.create(minimumCapacity: 12) { _ in index }
        lines.append(Line(label: text, record: record))
    }
    var messages: [String] = []
    messages.reserveCapacity(5)
    for index in 0..<5 {
        message[1] = UInt8(65 + index)
        messages.append(String(decoding: message, as: UTF8.self))
    }
    return lines.count + messages.count
}

var label = Array("ADVANCED license added 2024-02-05 (prorated 24/29 days)".utf8)
var message = Array("Number +34273047203 is in ES, but the account has no verified address there; it is not billed.".utf8)
let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let accounts = max(1, arguments.first ?? 200_000)
let runs = max(1, arguments.dropFirst().first ?? 5)
let withArena = CommandLine.arguments.contains("arena")
let withBlocks = CommandLine.arguments.contains("blocks")
var sink = 0
let clock = ContinuousClock()
var best = Duration.seconds(1_000)
for _ in 0..<runs {
    let elapsed = clock.measure {
        for seed in 0..<accounts {
            sink &+= withBlocks ? accountWithBlocks(seed, &label, &message)
                : withArena ? accountWithArena(seed, &label, &message) : account(seed, &label, &message)
        }
    }
    best = min(best, elapsed)
}
let nanoseconds = best.components.seconds * 1_000_000_000 + best.components.attoseconds / 1_000_000_000
let centiNanoseconds = nanoseconds * 100 / Int64(accounts)   // per account, in hundredths of a nanosecond
let microseconds = "\(centiNanoseconds / 100_000).\(String(centiNanoseconds % 100_000 / 1_000).leftPadded(2))"
let model = withBlocks ? ", lines in record blocks, labels in one arena" : withArena ? ", labels in one arena" : ""
print("objects of one medium invoice\(model), made and freed: \(microseconds) µs per account (best of \(runs) runs of \(accounts); check \(sink))")

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
