import TariffCore
import Testing

@Suite("SourceNode.node(atPath:)")
struct SourceNodePathTests {
    static func at(_ line: Int, _ column: Int) -> SourcePosition { SourcePosition(file: "s.yaml", line: line, column: column) }

    /// account: { licenses: [ { id: L1 }, { id: L2, removed: 2026-01-01 } ] }
    static let root = SourceNode(.mapping([
        SourceEntry(key: SourceNode(.scalar("account", .plain), at: at(1, 1)), value: SourceNode(.mapping([
            SourceEntry(key: SourceNode(.scalar("licenses", .plain), at: at(2, 3)), value: SourceNode(.list([
                SourceNode(.mapping([SourceEntry(key: SourceNode(.scalar("id", .plain), at: at(3, 7)),
                                                 value: SourceNode(.scalar("L1", .plain), at: at(3, 11)))]), at: at(3, 5)),
                SourceNode(.mapping([
                    SourceEntry(key: SourceNode(.scalar("id", .plain), at: at(4, 7)), value: SourceNode(.scalar("L2", .plain), at: at(4, 11))),
                    SourceEntry(key: SourceNode(.scalar("removed", .plain), at: at(4, 15)),
                                value: SourceNode(.scalar("2026-01-01", .plain), at: at(4, 24))),
                ]), at: at(4, 5)),
            ]), at: at(3, 5))),
        ]), at: at(2, 3))),
    ]), at: at(1, 1))

    @Test(arguments: [
        ("account", 2, 3), ("account.licenses", 3, 5), ("account.licenses[0]", 3, 5), ("account.licenses[0].id", 3, 11),
        ("account.licenses[1].removed", 4, 24),
    ])
    func pathsLeadToTheirNodes(path: String, line: Int, column: Int) throws {
        let node = try #require(Self.root.node(atPath: path))
        #expect(node.position == Self.at(line, column))
    }

    @Test(arguments: [
        "", "missing", "account.licenses[2]", "account.licenses[-1]", "account.licenses[x]", "account.licenses[0",
        "account..licenses", "account.licenses[0].removed", "account.licenses.id", "account[0]",
    ])
    func pathsThatLeadNowhereAreNil(path: String) {
        #expect(Self.root.node(atPath: path) == nil)
    }
}
