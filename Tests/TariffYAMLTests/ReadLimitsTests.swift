import Testing
import TariffYAML

@Suite struct ReadLimitsTests {
    @Test func defaultsAreTheDocumentedOnes() {
        let limits = ReadLimits.default
        #expect(limits.maxBytes == 10 * 1024 * 1024)
        #expect(limits.maxDepth == 256)
        #expect(limits.maxAliasExpansion == 100_000)
        #expect(limits.maxListLength == 1_000_000)
        #expect(limits == ReadLimits())
    }

    @Test func eachLimitCanBeSetAlone() {
        #expect(ReadLimits(maxDepth: 8).maxDepth == 8)
        #expect(ReadLimits(maxDepth: 8).maxBytes == ReadLimits.default.maxBytes)
        var limits = ReadLimits.default
        limits.maxListLength = 3
        #expect(limits != .default)
    }
}
