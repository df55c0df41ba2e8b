import Testing
import TariffCore

/// A record type made with ``RecordType/processLifetime(name:fields:)`` skips reference
/// counting; records of it still behave as values: fields read back, copies are
/// independent, equality is by field, and threads can make and drop them at once.
@Suite("process-lifetime record types") struct ProcessLifetimeTypeTests {
    static let type = RecordType.processLifetime(name: "pair", fields: [
        .init(name: "key", type: .string), .init(name: "amount", type: .int),
    ])

    @Test("records of it read, copy and compare as records of any type")
    func recordsBehaveAsValues() {
        let record = Record(type: Self.type, fields: [.string("a key longer than fifteen bytes"), .int(7)])
        var copy = record
        copy.fields[1] = .int(8)
        #expect(record["amount"] == .int(7))
        #expect(copy["amount"] == .int(8))
        #expect(record != copy)
        #expect(record == Record(type: Self.type, fields: [.string("a key longer than fifteen bytes"), .int(7)]))
        #expect(record.type === Self.type)
        #expect(Self.type.slot(of: "amount") == 1)
    }

    @Test("many threads make, copy and drop records of it at once")
    func concurrentRecords() async {
        let sums = await withTaskGroup(of: Int64.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var sum: Int64 = 0
                    for index in 0..<20_000 {
                        let record = Record(type: Self.type, fields: [.string("task \(task)"), .int(Int64(index))])
                        let copies = [record, record, record]
                        if case let .int(amount)? = copies[index % 3]["amount"] { sum += amount }
                    }
                    return sum
                }
            }
            var sums: [Int64] = []
            for await sum in group { sums.append(sum) }
            return sums
        }
        #expect(sums == Array(repeating: Int64(19_999 * 20_000 / 2), count: 8))
    }

    static let lists: [Value] = (0..<16).map { .processLifetimeList([.int(Int64($0)), .string("item \($0), a text longer than fifteen bytes")]) }

    @Test("process-lifetime lists read, copy and change as lists")
    func listsBehaveAsValues() {
        guard case var .list(copy) = Self.lists[3] else {
            Issue.record("not a list")
            return
        }
        copy[0] = .int(99)
        copy.append(.null)
        #expect(Self.lists[3] == .list([.int(3), .string("item 3, a text longer than fifteen bytes")]))
        #expect(copy == [.int(99), .string("item 3, a text longer than fifteen bytes"), .null])
        #expect(Value.processLifetimeList([]) == .list([]))
    }

    @Test("many threads copy and drop the same process-lifetime lists at once")
    func concurrentLists() async {
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var count = 0
                    for index in 0..<20_000 {
                        let record = Record(type: Self.type, fields: [Self.lists[index % 16], .int(Int64(index))])
                        if case let .list(items)? = record["key"], items.count == 2 { count += 1 }
                    }
                    return count
                }
            }
            var counts: [Int] = []
            for await count in group { counts.append(count) }
            return counts
        }
        #expect(counts == Array(repeating: 20_000, count: 8))
        #expect(Self.lists[15] == .list([.int(15), .string("item 15, a text longer than fifteen bytes")]))
    }
}
