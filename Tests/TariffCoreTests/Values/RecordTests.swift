#if canImport(Glibc)
import Glibc
#endif
import Testing
import TariffCore

/// A ``Record`` holds its type and fields in one allocation and behaves as a value: fields
/// read back by slot and by name, a change to a copy leaves the original alone, equality
/// and hashing go by type and fields, and the fields it holds live exactly as long as it.
@Suite("records") struct RecordTests {
    static let type = RecordType(name: "line", fields: [
        .init(name: "label", type: .string), .init(name: "quantity", type: .int), .init(name: "items", type: .list(.int)),
    ])
    static let long = "a label longer than fifteen bytes"

    static func line(_ label: String = long, _ quantity: Int64 = 3) -> Record {
        Record(type: type, count: 3) { fields in
            fields.append(.string(label))
            fields.append(.int(quantity))
            fields.append(.list([.int(1), .int(2)]))
        }
    }

    @Test("fields appended in place read back by slot, by name and as an array")
    func fieldsReadBack() {
        let record = Self.line()
        #expect(record.type === Self.type)
        #expect(record.count == 3)
        #expect(record[0] == .string(Self.long))
        #expect(record[1] == .int(3))
        #expect(record["items"] == .list([.int(1), .int(2)]))
        #expect(record["missing"] == nil)
        #expect(record.fields == [.string(Self.long), .int(3), .list([.int(1), .int(2)])])
        #expect(record.withUnsafeBufferPointer { $0.count } == 3)
    }

    @Test("made from an array or in place, the same fields make equal records with equal hashes")
    func equalityAndHashing() {
        let inPlace = Self.line()
        let fromArray = Record(type: Self.type, fields: [.string(Self.long), .int(3), .list([.int(1), .int(2)])])
        #expect(inPlace == fromArray)
        #expect(inPlace.hashValue == fromArray.hashValue)
        #expect(inPlace != Self.line(Self.long, 4))
        #expect(inPlace != Self.line("other", 3))
        let otherType = RecordType(name: "line", fields: Self.type.fields)
        #expect(inPlace != Record(type: otherType, fields: inPlace.fields), "same fields, another type")
        #expect(Set([inPlace, fromArray, Self.line(Self.long, 4)]).count == 2)
    }

    @Test("a change to a copy, by slot or through fields, leaves the original as it was")
    func copiesAreIndependent() {
        let original = Self.line()
        var bySlot = original
        bySlot[1] = .int(9)
        bySlot[0] = .string("changed")
        var byArray = original
        byArray.fields[2] = .list([])
        #expect(original == Self.line())
        #expect(bySlot[0] == .string("changed"))
        #expect(bySlot[1] == .int(9))
        #expect(bySlot[2] == original[2])
        #expect(byArray[2] == .list([]))
        #expect(byArray[0] == original[0])
        // A record nobody else holds is changed where it lies.
        var unique = Self.line()
        unique[1] = .int(10)
        #expect(unique[1] == .int(10))
    }

    /// A record frees only its text, lists and records; every other case must hold no
    /// reference, or freeing a record would leak it.
    @Test("the values a record frees without a destroy are plain bits")
    func payloadsSkippedWhenFreedArePlainBits() {
        #expect(_isPOD(Bool.self))
        #expect(_isPOD(Int64.self))
        #expect(_isPOD(ExactDecimal.self))
        #expect(_isPOD(Money.self))
        #expect(_isPOD(CivilDate.self))
        #expect(_isPOD(Period.self))
        #expect(!_isPOD(String.self))
    }

    /// A record frees the text it holds out of line, and only skips text held inline (which
    /// has no storage): 200,000 records, each with its own kilobyte of text beside short
    /// text, made and freed one after another, leave resident memory about where it was
    /// (each one's memory is reused by the next). Leaked, the text would hold 200 MB; the
    /// margin allows for other tests allocating meanwhile.
    @Test("freed records release their long text and skip only short text")
    func freedRecordsReleaseLongText() throws {
        #if canImport(Glibc)
        let type = RecordType(name: "texts", fields: [
            .init(name: "short", type: .string), .init(name: "long", type: .string), .init(name: "code", type: .string),
        ])
        let kilobyte = String(repeating: "x", count: 1_000)
        let before = try #require(Self.residentBytes())
        var checksum = 0
        for index in 0..<200_000 {
            let record = Record(type: type, count: 3) { fields in
                fields.append(.string("FR"))
                fields.append(.string(kilobyte + String(index)))   // its own storage
                fields.append(.string("ADV-\(index % 10)"))
            }
            if case let .string(text) = record[1] { checksum &+= text.utf8.count }
        }
        let after = try #require(Self.residentBytes())
        #expect(checksum > 200_000_000)
        #expect(after < before + 150_000_000, "resident memory grew from \(before) to \(after) bytes")
        #endif
    }

    /// This process's resident memory in bytes, from `/proc/self/statm`.
    static func residentBytes() -> Int? {
        #if canImport(Glibc)
        let file = open("/proc/self/statm", O_RDONLY)
        guard file >= 0 else { return nil }
        defer { close(file) }
        var bytes = [UInt8](repeating: 0, count: 256)
        let count = read(file, &bytes, bytes.count)
        guard count > 0 else { return nil }
        let fields = String(decoding: bytes[..<count], as: UTF8.self).split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
        #else
        return nil
        #endif
    }

    @Test("records nested in records and lists outlive the record that made them, and go with the last holder")
    func nestedFieldsLiveAsLongAsTheirHolders() {
        var kept: [Value] = []
        for index in 0..<1_000 {
            let inner = Self.line("\(Self.long) #\(index)", Int64(index))
            let outer = Record(type: RecordType(name: "outer", fields: [.init(name: "inner", type: .record(Self.type))]),
                               fields: [.record(inner)])
            if index.isMultiple(of: 100) { kept.append(outer[0]) }
        }
        #expect(kept.count == 10)
        for (offset, value) in kept.enumerated() {
            guard case let .record(inner) = value else {
                Issue.record("not a record: \(value)")
                continue
            }
            #expect(inner[0] == .string("\(Self.long) #\(offset * 100)"))
            #expect(inner[1] == .int(Int64(offset * 100)))
        }
    }
}
