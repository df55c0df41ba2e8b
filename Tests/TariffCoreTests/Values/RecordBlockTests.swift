import Testing
import TariffCore

/// Records made in a ``RecordBlock`` share one allocation and are records in every way a
/// record made alone is: they read back their own fields, compare and hash by type and
/// fields, copy on change, keep what they hold alive exactly as long as the last of them,
/// and a block that runs out of room goes on in a new allocation.
@Suite("record blocks") struct RecordBlockTests {
    static let type = RecordType(name: "line", fields: [
        .init(name: "label", type: .string), .init(name: "quantity", type: .int), .init(name: "items", type: .list(.int)),
    ])

    static func label(_ index: Int) -> String { "line number \(index), a label longer than fifteen bytes" }

    static func alone(_ index: Int) -> Record {
        Record(type: type, fields: [.string(label(index)), .int(Int64(index)), .list([.int(Int64(index))])])
    }

    static func made(_ count: Int, capacity: Int) -> [Record] {
        var block = RecordBlock(type: type, capacity: capacity)
        return (0..<count).map { index in
            block.record { fields in
                fields.append(.string(label(index)))
                fields.append(.int(Int64(index)))
                fields.append(.list([.int(Int64(index))]))
            }
        }
    }

    @Test("each record reads back its own fields, and equals and hashes as the record made alone")
    func recordsReadTheirOwnFields() {
        let records = Self.made(5, capacity: 5)
        for (index, record) in records.enumerated() {
            #expect(record.type === Self.type)
            #expect(record.count == 3)
            #expect(record[0] == .string(Self.label(index)))
            #expect(record["quantity"] == .int(Int64(index)))
            #expect(record.fields == Self.alone(index).fields)
            #expect(record.withUnsafeBufferPointer { Array($0) } == Self.alone(index).fields)
            #expect(record == Self.alone(index))
            #expect(record.hashValue == Self.alone(index).hashValue)
        }
        #expect(records[0] != records[1])
        #expect(Set(records + (0..<5).map(Self.alone)).count == 5, "a record of a block and one made alone are one element")
    }

    @Test("the records of a block share one allocation; one more than its room goes on in another")
    func oneAllocationPerBlock() {
        let records = Self.made(7, capacity: 4)
        #expect(Set(records[0..<4].map(\.storageIdentity)).count == 1)
        #expect(Set(records[4..<7].map(\.storageIdentity)).count == 1)
        #expect(records[0].storageIdentity != records[4].storageIdentity)
        #expect(records.map { $0[1] } == (0..<7).map { .int(Int64($0)) })
    }

    /// A capacity is often a bound (a filter's list length): one allocation for all of a
    /// large one would hold memory no record uses.
    @Test("a block asked for room for many records allocates at most 64 KB at a time")
    func roomIsBounded() {
        let perAllocation = RecordBlock.maximumBytes / (3 * MemoryLayout<Value>.stride)
        let records = Self.made(2 * perAllocation + 5, capacity: 1_000_000)
        let allocations = Set(records.map(\.storageIdentity))
        #expect(allocations.count == 3)
        #expect(Set(records[0..<perAllocation].map(\.storageIdentity)).count == 1)
        #expect(records[perAllocation - 1].storageIdentity != records[perAllocation].storageIdentity)
        #expect(records.last == Self.alone(2 * perAllocation + 4))
    }

    @Test("a change to one record of a block copies it, and leaves the others and its copies as they were")
    func changesCopy() {
        var records = Self.made(3, capacity: 3)
        let before = records[1]
        records[1][1] = .int(99)
        records[1].fields[0] = .string("changed")
        #expect(records[1][1] == .int(99))
        #expect(records[1][0] == .string("changed"))
        #expect(before == Self.alone(1))
        #expect(records[0] == Self.alone(0))
        #expect(records[2] == Self.alone(2))
        #expect(records[1].storageIdentity != records[0].storageIdentity)
        var last = records[2]
        let unique = last.isUniquelyReferenced()
        #expect(!unique, "the block is held by the other records")
    }

    @Test("what the records hold lives as long as the last of them")
    func fieldsLiveAsLongAsTheRecords() {
        var kept: [Record] = []
        for round in 0..<100 {
            var block = RecordBlock(type: Self.type, capacity: 8)
            for index in 0..<8 {
                let record = block.record { fields in
                    fields.append(.string("\(Self.label(index)) of round \(round)"))
                    fields.append(.int(Int64(index)))
                    fields.append(.list([.string("\(Self.label(round)) listed")]))
                }
                if index == 5 { kept.append(record) }
            }
        }
        // The blocks went with their other records; each kept one still reads its own.
        for (round, record) in kept.enumerated() {
            #expect(record[0] == .string("\(Self.label(5)) of round \(round)"))
            #expect(record[2] == .list([.string("\(Self.label(round)) listed")]))
        }
    }

    /// 200,000 records made in blocks of 16, each with its own kilobyte of text, made and
    /// freed block after block, leave resident memory about where it was: freeing a
    /// block's last record releases every field of the block. Leaked, the text would hold
    /// 200 MB; the margin allows for other tests allocating meanwhile.
    @Test("a block freed with its last record releases the text of every record")
    func freedBlocksReleaseTheirText() throws {
        #if canImport(Glibc)
        let kilobyte = String(repeating: "x", count: 1_000)
        let before = try #require(RecordTests.residentBytes())
        var checksum = 0
        for round in 0..<12_500 {
            var block = RecordBlock(type: Self.type, capacity: 16)
            for index in 0..<16 {
                let record = block.record { fields in
                    fields.append(.string(kilobyte + String(round * 16 + index)))   // its own storage
                    fields.append(.int(Int64(index)))
                    fields.append(.list([]))
                }
                if case let .string(text) = record[0] { checksum &+= text.utf8.count }
            }
        }
        let after = try #require(RecordTests.residentBytes())
        #expect(checksum > 200_000_000)
        #expect(after < before + 150_000_000, "resident memory grew from \(before) to \(after) bytes")
        #endif
    }

    @Test("fields appended after next() and made a record by record(from:) are a record of the block like the others")
    func recordsFromNext() {
        var block = RecordBlock(type: Self.type, capacity: 3)
        var records: [Record] = []
        for index in 0..<5 {
            if index.isMultiple(of: 2) {
                let label = Value.string(Self.label(index))
                var fields = block.next()
                fields.append(consume label)
                fields.append(.int(Int64(index)))
                fields.append(.list([.int(Int64(index))]))
                records.append(block.record(from: fields))
            } else {
                records.append(block.record { fields in
                    fields.append(.string(Self.label(index)))
                    fields.append(.int(Int64(index)))
                    fields.append(.list([.int(Int64(index))]))
                })
            }
        }
        #expect(records == (0..<5).map(Self.alone))
        #expect(Set(records[0..<3].map(\.storageIdentity)).count == 1)
        #expect(Set(records[3..<5].map(\.storageIdentity)).count == 1)
        #expect(records[0].storageIdentity != records[3].storageIdentity)
    }

    #if DEBUG
    /// Out of order, a debug build stops at once (a release build leaks the fields of the
    /// record left unmade, and frees nothing twice).
    @Test("next() twice without record(from:) stops a debug build")
    func nextTwiceStops() async {
        await #expect(processExitsWith: .failure) {
            var block = RecordBlock(type: RecordType(name: "one", fields: [.init(name: "x", type: .int)]), capacity: 2)
            var first = block.next()
            first.append(.int(1))
            _ = block.next()
        }
    }
    #endif

    struct Failure: Error {}

    @Test("a record whose fields fail part way is not made, and the next one takes its room")
    func failingRecords() throws {
        var block = RecordBlock(type: Self.type, capacity: 3)
        let first = block.record { fields in
            fields.append(.string(Self.label(0)))
            fields.append(.int(0))
            fields.append(.list([.int(0)]))
        }
        #expect(throws: Failure.self) {
            try block.record(throwing: { (fields: inout Record.Fields) throws(Failure) in
                fields.append(.string(Self.label(1)))
                throw Failure()
            })
        }
        let second = try block.record(throwing: { (fields: inout Record.Fields) throws(Failure) in
            fields.append(.string(Self.label(2)))
            fields.append(.int(2))
            fields.append(.list([.int(2)]))
        })
        #expect(first == Self.alone(0))
        #expect(second == Self.alone(2))
        #expect(second.storageIdentity == first.storageIdentity, "the failed record's room was taken by the next")
    }

    /// 100,000 records that fail after their first field, each a kilobyte of text of its
    /// own, leave resident memory about where it was: the fields appended before the
    /// failure are released then and there.
    @Test("the fields a failed record appended are released")
    func failedRecordsReleaseTheirFields() throws {
        #if canImport(Glibc)
        let kilobyte = String(repeating: "y", count: 1_000)
        let before = try #require(RecordTests.residentBytes())
        var block = RecordBlock(type: Self.type, capacity: 2)
        var failures = 0
        for index in 0..<100_000 {
            do {
                _ = try block.record(throwing: { (fields: inout Record.Fields) throws(Failure) in
                    fields.append(.string(kilobyte + String(index)))   // its own storage
                    throw Failure()
                })
            } catch {
                failures += 1
            }
        }
        let after = try #require(RecordTests.residentBytes())
        #expect(failures == 100_000)
        #expect(after < before + 75_000_000, "resident memory grew from \(before) to \(after) bytes")
        #endif
    }

    @Test("records of a block are read by many threads at once once made")
    func readAcrossThreads() async {
        let records = Self.made(64, capacity: 64)
        let sums = await withTaskGroup(of: Int64.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    var sum: Int64 = 0
                    for _ in 0..<200 {
                        for record in records { if case let .int(value) = record[1] { sum += value } }
                    }
                    return sum
                }
            }
            return await group.reduce(into: [Int64]()) { $0.append($1) }
        }
        #expect(sums == Array(repeating: Int64(200 * (0..<64).reduce(0, +)), count: 16))
    }
}
