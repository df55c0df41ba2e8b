import Testing
import TariffCore
import TariffYAML

@Suite struct YAMLReaderTests {
    @Test func nodesCarryLinesAndColumns() throws {
        let result = readYAML("""
            rules:
              - id: licenses
                price: license_price[account.plan]
            """)
        let root = try #require(result.root)
        #expect(root.at == "1:1")
        #expect(root["rules"]?.at == "2:3")
        #expect(root["rules", 0]?.at == "2:5")
        #expect(root["rules", 0]?.entries?.map(\.key.at) == ["2:5", "3:5"])
        #expect(root["rules", 0, "price"]?.at == "3:12")
        if case let .success(document) = result {
            #expect(document.file == "test.yaml")
        }
    }

    /// No YAML 1.1 resolver: every scalar keeps its text.
    @Test(arguments: ["NO", "no", "yes", "Off", "12.10", "0x1F", "1e3", "2026-04-01", "~", "null", "0012"])
    func plainScalarsStayText(text: String) throws {
        let value = try #require(readYAML("country: \(text)\n").root?["country"])
        #expect(value.scalar == text)
        #expect(value.style == .plain)
    }

    @Test(arguments: [
        ("'NO'", "NO", SourceNode.ScalarStyle.quoted),
        ("\"12.10\"", "12.10", .quoted),
        ("'it''s'", "it's", .quoted),
        ("\"a\\tb\"", "a\tb", .quoted),
        ("!!str 12", "12", .quoted),
        ("|\n  line one\n  line two\n", "line one\nline two\n", .block),
        (">-\n  folded\n  text\n", "folded text", .block),
        ("plain text", "plain text", .plain),
    ])
    func scalarStyles(yaml: String, text: String, style: SourceNode.ScalarStyle) throws {
        let value = try #require(readYAML("v: \(yaml)").root?["v"])
        #expect(value.scalar == text)
        #expect(value.style == style)
    }

    @Test func anEmptyValueIsAnEmptyPlainScalar() {
        #expect(readYAML("a:\nb: 1\n").root?["a"]?.isNull == true)
    }

    @Test func syntaxErrorsCarryLibyamlsPositionAndContext() {
        let result = readYAML("rules:\n  - id: a\n   kind: b\n")
        #expect(result.spots == [Spot("yaml.syntax", 3, 4)])
        let diagnostic = result.diagnostics.first
        #expect(diagnostic?.message == "did not find expected '-' indicator")
        #expect(diagnostic?.notes.first?.message == "while parsing a block collection that starts here")
        #expect(diagnostic?.notes.first?.position == SourcePosition(file: "test.yaml", line: 2, column: 3))
    }

    @Test(arguments: [
        ("a: [1, 2\nb: 3\n", Spot("yaml.syntax", 2, 2)),
        ("a: \"open\nb: c\n", Spot("yaml.syntax", 3, 1)),
        ("a: b: c\n", Spot("yaml.syntax", 1, 5)),
        ("a: 1\n- b\n", Spot("yaml.syntax", 2, 1)),
        ("a: \u{7}\n", Spot("yaml.syntax", 1, 4)),
    ])
    func syntaxErrors(text: String, spot: Spot) {
        #expect(readYAML(text).spots == [spot])
    }

    @Test func everyTabInIndentationIsReportedAtTheTab() {
        let result = readYAML("a:\n\tb: 1\nc:\n  \td: 2\n")
        #expect(result.spots == [Spot("yaml.tab-indentation", 2, 1), Spot("yaml.tab-indentation", 4, 3)])
        #expect(result.diagnostics.first?.message == "tab character in indentation; YAML indents with spaces")
    }

    @Test func aSyntaxErrorBeforeTheFirstTabIsKept() {
        let result = readYAML("a: [1\nb: 2\nc:\n\td: 1\n")
        #expect(result.spots.contains(Spot("yaml.tab-indentation", 4, 1)))
        #expect(result.spots.contains { $0.id == "yaml.syntax" })
    }

    @Test func tabsInsideABlockScalarAreContent() throws {
        let root = try #require(readYAML("script: |\n  make\n  \tcc main.c\nnext: 1\n").root)
        #expect(root["script"]?.scalar == "make\n\tcc main.c\n")
    }

    @Test func tabsInFlowIndentationAreStillReported() {
        #expect(readYAML("a: [\n\t1]\n").spots == [Spot("yaml.tab-indentation", 2, 1)])
    }

    @Test(arguments: ["", "\n\n", "# only a comment\n", "---\n", "  \n"])
    func emptyDocuments(text: String) {
        let result = readYAML(text)
        #expect(result.spots == [Spot("yaml.empty", 1, 1)])
        #expect(result.diagnostics.first?.message == "empty document")
    }

    @Test func invalidUTF8IsReportedAtTheByte() {
        let bytes = Array("plan: SMART\ncountry: ".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        let result = YAMLReader.read(bytes: bytes, file: "a.yaml")
        #expect(result.spots == [Spot("input.not-utf8", 2, 10)])
        #expect(result.diagnostics.first?.position?.file == "a.yaml")
    }

    @Test func bytesAndTextReadTheSame() throws {
        let text = "é: [x, y]\n"
        let fromBytes = try #require(YAMLReader.read(bytes: Array(text.utf8), file: "f").root)
        #expect(fromBytes["é", 1]?.at == "1:8")
        #expect(readYAML(text).root?["é", 1]?.at == "1:8")
    }

    @Test func tooLargeIsReportedBeforeParsing() {
        let limits = ReadLimits(maxBytes: 8)
        #expect(readYAML("a: [1, 2, 3]", limits: limits).spots == [Spot("input.too-large", 0, 0)])
        #expect(YAMLReader.read(bytes: [UInt8](repeating: 0xFF, count: 9), file: "f", limits: limits).spots
            == [Spot("input.too-large", 0, 0)])
    }

    @Test func tenThousandNestedFlowListsAreTooDeepNotACrash() {
        let result = readYAML(String(repeating: "[", count: 10_000))
        #expect(result.spots == [Spot("input.too-deep", 1, 257)])
        #expect(result.diagnostics.first?.message
            == "document nests deeper than 256 levels (limit max-depth; raise it with --max-depth)")
    }

    @Test func byteOrderMarkAndCRLFDoNotShiftPositions() throws {
        let root = try #require(readYAML("\u{FEFF}a: 1\r\nb: 2\r\n").root)
        #expect(root["a"]?.at == "1:4")
        #expect(root["b"]?.at == "2:4")
    }

    @Test func theDocumentKeepsItsTextForQuoting() throws {
        guard case let .success(document) = readYAML("a: 1\n") else {
            Issue.record("expected a document")
            return
        }
        #expect(document.text == "a: 1\n")
    }

    /// libyaml keeps its state per parser, so reads on many threads at once agree.
    @Test func concurrentReadsAgree() async {
        let text = "base: &b {x: 1}\nd:\n  <<: *b\n  y: [1, 2, 3]\n"
        let expected = readYAML(text).root?["d"]?.entries?.map(\.name)
        let results = await withTaskGroup(of: [String]?.self) { group in
            for _ in 0..<16 {
                group.addTask { readYAML(text).root?["d"]?.entries?.map(\.name) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(expected == ["x", "y"])
        #expect(results.allSatisfy { $0 == expected })
    }

    @Test func diagnosticsRenderWithTheSourceLine() {
        let text = "plan: SMART\nplan: ADVANCED\n"
        let rendered = DiagnosticRenderer(sources: ["test.yaml": text]).render(readYAML(text).diagnostics)
        #expect(rendered == """
            test.yaml:2:1: error: duplicate key 'plan' in mapping
                plan: ADVANCED
                ^~~~
            test.yaml:1:1: note: 'plan' first appears here
                plan: SMART
                ^

            """)
    }
}
