import Foundation
import Testing
import TariffCore
@testable import TariffYAML

@Suite struct DocumentReaderTests {
    @Test(arguments: [
        ("a.json", "x: 1", true),
        ("a.JSON", "", true),
        ("a.yaml", "{\"a\": 1}", false),
        ("a.yml", "[1]", false),
        ("snapshot", "  \n{\"a\": 1}", true),
        ("snapshot", "\u{FEFF}[1]", true),
        ("snapshot", "# comment\n{a: 1}", false),
        ("snapshot", "a: 1", false),
        ("snapshot", "", false),
    ])
    func choosesByExtensionThenContent(file: String, text: String, json: Bool) {
        #expect(DocumentReader.isJSON(bytes: Array(text.utf8), file: file) == json)
    }

    @Test func readsBothFormatsIntoTheSameTree() {
        let fromJSON = DocumentReader.read(bytes: Array(#"{"plan": "SMART", "seats": 3}"#.utf8), file: "a.json")
        let fromYAML = DocumentReader.read(bytes: Array("plan: SMART\nseats: 3\n".utf8), file: "a.yaml")
        #expect(fromJSON.root?["plan"]?.scalar == fromYAML.root?["plan"]?.scalar)
        #expect(fromJSON.root?["seats"]?.scalar == "3")
        #expect(fromYAML.root?["seats"]?.scalar == "3")
    }

    @Test func jsonErrorsComeFromTheJSONReader() {
        #expect(DocumentReader.read(bytes: Array("{\"a\": }".utf8), file: "a.json").spots == [Spot("json.syntax", 1, 7)])
    }

    @Test func aMissingFileIsUnreadable() {
        let result = DocumentReader.read(contentsOf: "/nonexistent/rules.yaml")
        #expect(result.spots == [Spot("io.unreadable", 0, 0)])
        #expect(result.diagnostics.first?.message == "cannot read '/nonexistent/rules.yaml': No such file or directory")
    }

    @Test func readsAFileFromDiskWithItsPathAsTheFileName() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("tariff-yaml-\(UUID().uuidString).yaml").path
        try Data("plan: SMART\nplan: ADVANCED\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = DocumentReader.read(contentsOf: path)
        #expect(result.spots == [Spot("yaml.duplicate-key", 2, 1)])
        #expect(result.diagnostics.first?.position?.file == path)
        #expect(DocumentReader.read(contentsOf: path, limits: ReadLimits(maxBytes: 10)).spots
            == [Spot("input.too-large", 0, 0)])
    }
}
