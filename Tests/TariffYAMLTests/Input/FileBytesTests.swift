import Foundation
import Testing
@testable import TariffYAML

@Suite struct FileBytesTests {
    private func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("tariff-yaml-\(UUID().uuidString).bin").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func readsAWholeFile() throws {
        let bytes = [UInt8](repeating: 0x61, count: 200_000)
        let path = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileBytes.read(path: path, limit: 1_000_000) == .success(bytes))
    }

    @Test func aFileOverTheLimitIsNotRead() throws {
        let path = try temporaryFile([UInt8](repeating: 0x61, count: 11))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileBytes.read(path: path, limit: 10) == .failure(.tooLarge(size: 11)))
    }

    @Test func missingFilesAndDirectoriesGiveTheSystemsReason() {
        #expect(FileBytes.read(path: "/nonexistent/tariff.yaml", limit: 10)
            == .failure(.unreadable("No such file or directory")))
        #expect(FileBytes.read(path: "/", limit: 10) == .failure(.unreadable("Is a directory")))
    }
}
