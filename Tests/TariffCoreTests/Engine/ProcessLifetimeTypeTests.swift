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
}
