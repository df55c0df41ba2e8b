import Testing
import TariffCore
import TariffYAML

@Suite struct JSONReaderTests {
    @Test func readsASnapshotWithExactNumbers() throws {
        let result = readJSON("""
            {
              "account": "ACME-001",
              "total": 1122.47,
              "big": 1e30,
              "licenses": [{"plan": "ADVANCED", "assigned": null}]
            }
            """)
        let root = try #require(result.root)
        #expect(root["total"]?.scalar == "1122.47")
        #expect(root["total"]?.style == .plain)
        #expect(root["big"]?.scalar == "1e30")
        #expect(root["account"]?.style == .quoted)
        #expect(root["licenses", 0, "assigned"]?.isNull == true)
        #expect(root["licenses", 0, "plan"]?.at == "5:25")
    }

    @Test func errorsCarryFileLineAndColumn() {
        let result = readJSON("{\n  \"a\": 1\n  \"b\": 2\n}")
        #expect(result.spots == [Spot("json.syntax", 3, 3)])
        #expect(result.diagnostics.first?.position?.file == "test.json")
        #expect(result.diagnostics.first?.message == "expected ',' or '}' after object member, found '\"'")
    }

    @Test func duplicateKeysFailTheRead() {
        let result = readJSON("{\"plan\": 1,\n \"plan\": 2}")
        #expect(result.spots == [Spot("json.duplicate-key", 2, 2)])
        #expect(result.diagnostics.first?.notes.first?.position?.line == 1)
    }

    @Test func bytesAreValidatedAsUTF8() {
        let bytes = Array("{\"a\":\n \"é".utf8) + [0xFF] + Array("\"}".utf8)
        #expect(JSONReader.read(bytes: bytes, file: "f.json").spots == [Spot("input.not-utf8", 2, 4)])
        #expect(JSONReader.read(bytes: Array("[\"é\"]".utf8), file: "f.json").root?[0]?.scalar == "é")
    }

    @Test func aByteOrderMarkIsSkipped() {
        #expect(JSONReader.read(bytes: [0xEF, 0xBB, 0xBF] + Array("[1]".utf8), file: "f").root?[0]?.at == "1:2")
    }

    @Test func limitsApply() {
        #expect(readJSON("[1, 2]", limits: ReadLimits(maxBytes: 5)).spots == [Spot("input.too-large", 0, 0)])
        #expect(readJSON(String(repeating: "[", count: 10_000)).spots == [Spot("input.too-deep", 1, 257)])
    }

    @Test func emptyInputIsASyntaxError() {
        #expect(readJSON("").spots == [Spot("json.syntax", 1, 1)])
        #expect(JSONReader.read(bytes: [], file: "f").spots == [Spot("json.syntax", 1, 1)])
    }

    /// A smoke check of the hot path: a few thousand JSON lines in well under a second.
    @Test func manySmallDocumentsReadQuickly() {
        let line = Array(#"{"account":"ACME-001","period":{"start":"2026-04-01","end":"2026-05-01"},"licenses":[{"id":"L1","plan":"ADVANCED","since":"2026-01-01"},{"id":"L2","plan":"ADVANCED","since":"2026-04-03"}],"credits":"0.00"}"#.utf8)
        var read = 0
        for _ in 0..<5_000 where JSONReader.read(bytes: line, file: "stdin").root != nil {
            read += 1
        }
        #expect(read == 5_000)
    }
}
