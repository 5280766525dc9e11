import Foundation
import Testing

@Suite("A relative state_dir is relative to the config file")
struct StateDirectoryTests {
    @Test func statusRunFromElsewhereFindsTheLedgerTheServiceWrote() throws {
        let directory = try CommandRunner.copyOfShippedConfig()
        defer { try? FileManager.default.removeItem(at: directory) }
        let serve = try CommandRunner.run(["serve", "--once", "--now", "2026-06-12T08:00:00+07:00"], in: directory)
        #expect(serve.status == 0, "\(serve.stderr)")
        // The shipped state_dir is ../var: next to Config/, not in whatever directory a command runs from.
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("var/state.sqlite").path))
        let config = directory.appendingPathComponent("Config/nhacviec.yaml").path
        let elsewhere = FileManager.default.temporaryDirectory
        let status = try CommandRunner.run(["status", "--config", config], in: elsewhere)
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.hasPrefix("Deliveries: "), "\(status.stdout)")
        #expect(!FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("var/state.sqlite").path))
    }
}
