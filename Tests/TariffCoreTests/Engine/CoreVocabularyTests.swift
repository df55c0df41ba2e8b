import Foundation
import Testing

/// The core knows nothing of billing: no word of license, invoice or phone anywhere in
/// `Sources/TariffCore`, code or comment. The test equals
/// `grep -rilE "license|invoice|phone" Sources/TariffCore` finding nothing.
@Suite struct CoreVocabularyTests {
    static let forbidden = ["license", "invoice", "phone"]

    static let coreSources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // Engine
        .deletingLastPathComponent()   // TariffCoreTests
        .deletingLastPathComponent()   // Tests
        .deletingLastPathComponent()   // the package
        .appendingPathComponent("Sources/TariffCore")

    /// Every regular file under `Sources/TariffCore`, whatever its extension.
    static func files() throws -> [URL] {
        guard let enumerator = FileManager.default.enumerator(
            at: coreSources, includingPropertiesForKeys: [.isRegularFileKey], options: []
        ) else { return [] }
        var files: [URL] = []
        for case let url as URL in enumerator where try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
            files.append(url)
        }
        return files.sorted { $0.path < $1.path }
    }

    @Test func theSourcesAreFound() throws {
        let files = try Self.files()
        #expect(files.count > 30, "found \(files.count) files under \(Self.coreSources.path)")
        #expect(files.contains { $0.lastPathComponent == "RuleCompiler.swift" })
    }

    @Test func noFileNamesABillingNoun() throws {
        var offenders: [String] = []
        for file in try Self.files() {
            let text = try String(contentsOf: file, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let lowered = line.lowercased()
                for word in Self.forbidden where lowered.contains(word) {
                    offenders.append("\(file.lastPathComponent):\(number + 1): '\(word)' in \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
            #expect(!Self.forbidden.contains { file.lastPathComponent.lowercased().contains($0) })
        }
        #expect(offenders.isEmpty, "\(offenders.joined(separator: "\n"))")
    }
}
