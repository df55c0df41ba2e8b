import Testing
import TariffCore
@testable import TariffYAML

/// What the composer adds to libyaml: duplicate keys, aliases and their budget, merge
/// keys, depth and list limits. Driven through ``YAMLReader`` with its real parser.
@Suite struct YAMLComposerTests {
    // MARK: Duplicate keys

    @Test func everyDuplicateKeyIsReportedWithTheFirstOccurrence() {
        let result = readYAML("""
            plan: SMART
            seats: 3
            plan: ADVANCED
            nested:
              x: 1
              "x": 2
            plan: ESSENTIAL
            """)
        #expect(result.spots == [
            Spot("yaml.duplicate-key", 3, 1),
            Spot("yaml.duplicate-key", 6, 3),
            Spot("yaml.duplicate-key", 7, 1),
        ])
        let notes = result.diagnostics.map { $0.notes.first?.position.map { "\($0.line):\($0.column)" } }
        #expect(notes == ["1:1", "5:3", "1:1"])
        #expect(result.diagnostics.first?.message == "duplicate key 'plan' in mapping")
        #expect(result.diagnostics.map(\.length) == [4, 3, 4])
    }

    @Test func theSameKeyInDifferentMappingsIsFine() {
        #expect(readYAML("a: {x: 1}\nb: {x: 2}\n").root != nil)
    }

    // MARK: Aliases

    @Test func aliasesExpandWithTheRootAtTheAlias() throws {
        let root = try #require(readYAML("a: &x [1, 2]\nb: *x\n").root)
        let b = try #require(root["b"])
        #expect(b.at == "2:4")
        #expect(b.elements?.map(\.scalar) == ["1", "2"])
        #expect(b.elements?.map(\.at) == ["1:8", "1:11"])
    }

    @Test func anUndefinedAliasIsReportedAtTheAlias() {
        let result = readYAML("a: 1\nb: *nope\n")
        #expect(result.spots == [Spot("yaml.syntax", 2, 4)])
        #expect(result.diagnostics.first?.message == "alias '*nope' refers to no anchor defined before it")
    }

    @Test func aliasExpansionCountsEveryNode() {
        // Each *x adds three nodes: the list and its two elements.
        let text = "a: &x [1, 2]\nb: *x\nc: *x\n"
        #expect(readYAML(text, limits: ReadLimits(maxAliasExpansion: 6)).root != nil)
        #expect(readYAML(text, limits: ReadLimits(maxAliasExpansion: 5)).spots == [Spot("yaml.alias-limit", 3, 4)])
    }

    @Test func billionLaughsStopsQuicklyAtTheAliasLimit() {
        let bomb = """
            a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
            e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
            f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
            g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
            h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
            i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
            """
        let clock = ContinuousClock()
        var result: Result<SourceDocument, DiagnosticError>?
        let elapsed = clock.measure { result = readYAML(bomb) }
        #expect(result?.spots == [Spot("yaml.alias-limit", 6, 8)])
        #expect(result?.diagnostics.first?.message.contains("--max-alias-expansion") == true)
        #expect(elapsed < .seconds(1))
    }

    // MARK: Merge keys

    @Test func mergeKeysFlattenAndOwnKeysWin() throws {
        let root = try #require(readYAML("""
            base: &base
              currency: EUR
              scale: 2
            eu:
              scale: 0
              <<: *base
              region: EU
            """).root)
        let eu = try #require(root["eu"])
        #expect(eu.entries?.map(\.name) == ["scale", "currency", "region"])
        #expect(eu["scale"]?.scalar == "0")
        #expect(eu["currency"]?.scalar == "EUR")
        #expect(eu["currency"]?.at == "2:13")
    }

    @Test func inAListOfMergesTheEarlierMappingWins() throws {
        let root = try #require(readYAML("""
            a: &a {x: 1}
            b: &b {x: 2, y: 2}
            c:
              <<: [*a, *b]
            """).root)
        #expect(root["c"]?.entries?.map(\.name) == ["x", "y"])
        #expect(root["c", "x"]?.scalar == "1")
    }

    @Test func anInlineMappingCanBeMerged() {
        #expect(readYAML("c:\n  <<: {x: 1}\n  y: 2\n").root?["c"]?.entries?.map(\.name) == ["x", "y"])
    }

    @Test(arguments: [
        ("c:\n  <<: 3\n", Spot("yaml.syntax", 2, 7)),
        ("c:\n  <<: [{x: 1}, 4]\n", Spot("yaml.syntax", 2, 16)),
    ])
    func mergingAScalarIsAnError(text: String, spot: Spot) {
        #expect(readYAML(text).spots == [spot])
    }

    @Test func aQuotedMergeKeyIsAnOrdinaryKey() {
        #expect(readYAML("c:\n  '<<': 3\n").root?["c", "<<"]?.scalar == "3")
    }

    // MARK: Limits

    @Test func depthIsCheckedAsCollectionsOpen() {
        let limits = ReadLimits(maxDepth: 2)
        #expect(readYAML("a:\n  b: 1\n", limits: limits).root != nil)
        #expect(readYAML("a:\n  b:\n    c: 1\n", limits: limits).spots == [Spot("input.too-deep", 3, 5)])
    }

    @Test func deepBlockNestingStopsAtTheLimit() {
        #expect(readYAML(String(repeating: "- ", count: 10_000) + "x\n").spots == [Spot("input.too-deep", 1, 513)])
        #expect(readYAML(String(repeating: "{a: ", count: 10_000)).spots == [Spot("input.too-deep", 1, 1025)])
    }

    @Test func listLengthIsLimited() {
        let limits = ReadLimits(maxListLength: 3)
        #expect(readYAML("[1, 2, 3]", limits: limits).root != nil)
        #expect(readYAML("a:\n  - 1\n  - 2\n  - 3\n  - 4\n", limits: limits).spots
            == [Spot("input.list-too-long", 2, 3)])
    }

    // MARK: Documents

    @Test func aSecondDocumentIsAnError() {
        let result = readYAML("a: 1\n---\nb: 2\n")
        #expect(result.spots == [Spot("yaml.syntax", 2, 1)])
    }

    @Test func anExplicitlyStartedAndEndedDocumentIsOne() {
        #expect(readYAML("---\na: 1\n...\n").root?["a"]?.scalar == "1")
    }
}
