import Foundation
import Testing

/// `nhacviec backup` and `restore` as an admin runs them, against the ledger a real service wrote.
@Suite("Backup and restore of the ledger", .serialized)
struct BackupRestoreTests {
    static let now = "2026-06-12T08:00:00+07:00"

    /// The shipped config in a scratch directory, after one real pass at `now`.
    static func servedConfig(_ scratch: Scratch) throws -> ShippedConfig {
        let config = try ShippedConfig(scratch: scratch)
        let pass = try Daemon.run(["serve", "--once", "--now", now, "--config", config.configPath])
        try #require(pass.status == 0, "\(pass.output)")
        return config
    }

    static func status(_ config: ShippedConfig) throws -> [String: Any] {
        let status = try Daemon.run(["status", "--format", "json", "--config", config.configPath])
        try #require(status.status == 0, "\(status.output)")
        return try AdminCommandTests.json(status.output)
    }

    /// Runs one SQL statement with Python's sqlite3 module and returns the first column of the first row.
    static func sql(_ path: String, _ statement: String) throws -> String {
        let script = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1], isolation_level=None)
            row = db.execute(sys.argv[2]).fetchone()
            print(row[0] if row else "")
            """
        let result = try runProgram("/usr/bin/python3", ["-c", script, path, statement])
        return String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A second process holding an open write transaction on the ledger, as a busy pass does, until released.
    final class Writer {
        private let process = Process()
        private let input = Pipe()

        init(ledger: String) throws {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.arguments = [
                "-c",
                """
                import sqlite3, sys
                db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
                db.execute("BEGIN IMMEDIATE")
                db.execute("INSERT INTO meta (key, value) VALUES ('test.uncommitted', 'x')")
                print("holding", flush=True)
                sys.stdin.read()
                db.execute("COMMIT")
                """,
                ledger,
            ]
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
            guard line.hasPrefix("holding") else { throw SetupError("the writer did not start: \(line)") }
        }

        func release() {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
    }

    @Test func aBackupTakenDuringAWriteRestoresToALedgerStatusReads() throws {
        let scratch = try Scratch()
        let config = try Self.servedConfig(scratch)
        let before = try #require(Self.status(config)["counts"] as? [String: Int])
        let writer = try Writer(ledger: config.ledgerPath)
        let started = ContinuousClock.now
        let backup = try Daemon.run(["backup", scratch.path("backup.sqlite"), "--config", config.configPath])
        let took = ContinuousClock.now - started
        writer.release()
        #expect(backup.status == 0, "\(backup.output)")
        #expect(backup.output.contains("Đã sao lưu"), "\(backup.output)")
        #expect(took < .seconds(8), "the open write transaction did not block the backup")

        let restoredConfig = try ShippedConfig(scratch: try Scratch())
        let restore = try Daemon.run(["restore", scratch.path("backup.sqlite"), "--config", restoredConfig.configPath])
        #expect(restore.status == 0, "\(restore.output)")
        #expect(restore.output.contains("Đã khôi phục"), "\(restore.output)")
        let counts = try #require(Self.status(restoredConfig)["counts"] as? [String: Int])
        #expect(counts == before, "the restored ledger holds what was committed when the backup ran")
        #expect((counts["sent"] ?? 0) > 0)
        let uncommitted = try Self.sql(
            restoredConfig.ledgerPath, "SELECT count(*) FROM meta WHERE key = 'test.uncommitted'")
        #expect(uncommitted == "0")
        let again = try Daemon.run(["serve", "--once", "--now", Self.now, "--config", restoredConfig.configPath])
        #expect(again.output.contains("pass: 0 sent"), "nothing is sent twice after a restore: \(again.output)")
    }

    @Test func restoreRefusesWhileTheServiceRunsAndWorksOnceItStops() throws {
        let scratch = try Scratch()
        let config = try Self.servedConfig(scratch)
        #expect(try Daemon.run(["backup", scratch.path("b.sqlite"), "--config", config.configPath]).status == 0)
        let daemon = try Daemon(
            ["serve", "--now", Self.now, "--config", config.configPath], logPath: scratch.path("daemon.log"))
        let lock = config.stateDirectory + "/state.lock"
        #expect(
            try eventually {
                (try? String(contentsOfFile: lock, encoding: .utf8))?.hasPrefix("\(daemon.pid)") == true
            })
        let refused = try Daemon.run(["restore", scratch.path("b.sqlite"), "--config", config.configPath])
        #expect(refused.status == 1)
        #expect(refused.output.contains("nhacviec serve (pid \(daemon.pid)) is using it"), "\(refused.output)")
        #expect(refused.output.contains("systemctl stop nhacviec"))
        let second = try Daemon.run(["serve", "--once", "--now", Self.now, "--config", config.configPath])
        #expect(second.status == 1, "a second service on the same state is refused")
        daemon.signal(SIGTERM)
        #expect(daemon.wait() == 0)
        let restore = try Daemon.run(["restore", scratch.path("b.sqlite"), "--config", config.configPath])
        #expect(restore.status == 0, "\(restore.output)")
        #expect(restore.output.contains("state.sqlite.before-restore"))
        #expect(FileManager.default.fileExists(atPath: config.ledgerPath + ".before-restore"))
    }

    @Test func aBackupRestoresOverACorruptLedger() throws {
        let scratch = try Scratch()
        let config = try Self.servedConfig(scratch)
        #expect(try Daemon.run(["backup", scratch.path("b.sqlite"), "--config", config.configPath]).status == 0)
        let before = try #require(Self.status(config)["counts"] as? [String: Int])
        let garbage = Data(String(repeating: "hỏng\n", count: 4_096).utf8)
        try garbage.write(to: URL(fileURLWithPath: config.ledgerPath))
        let restore = try Daemon.run(["restore", scratch.path("b.sqlite"), "--config", config.configPath])
        #expect(restore.status == 0, "\(restore.output)")
        #expect(try Self.status(config)["counts"] as? [String: Int] == before)
        #expect(FileManager.default.contents(atPath: config.ledgerPath + ".before-restore") == garbage)
    }

    @Test func restoreChecksTheCopyAndChangesNothingWhenItIsBad() throws {
        let scratch = try Scratch()
        let config = try Self.servedConfig(scratch)
        let before = try #require(Self.status(config)["counts"] as? [String: Int])
        try Data(String(repeating: "không phải cơ sở dữ liệu\n", count: 100).utf8).write(
            to: URL(fileURLWithPath: scratch.path("garbage.sqlite")))
        let garbage = try Daemon.run(["restore", scratch.path("garbage.sqlite"), "--config", config.configPath])
        #expect(garbage.status == 1)
        #expect(garbage.output.contains("not an SQLite database"), "\(garbage.output)")
        _ = try Self.sql(scratch.path("other.sqlite"), "CREATE TABLE t (x)")
        let foreign = try Daemon.run(["restore", scratch.path("other.sqlite"), "--config", config.configPath])
        #expect(foreign.status == 1)
        #expect(foreign.output.contains("not an nhacviec ledger"), "\(foreign.output)")
        let missing = try Daemon.run(["restore", scratch.path("none.sqlite"), "--config", config.configPath])
        #expect(missing.status == 1)
        #expect(try Self.status(config)["counts"] as? [String: Int] == before)
    }
}
