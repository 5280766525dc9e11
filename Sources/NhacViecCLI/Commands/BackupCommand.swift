import ArgumentParser
import Foundation
import NhacViecConfigFiles
import NhacViecCore
import NhacViecStore

/// `nhacviec backup FILE`: a consistent copy of the ledger, taken while the service runs.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent copy of the ledger (state.sqlite) while the service runs.",
        discussion: """
            Uses SQLite's online backup: the copy is one snapshot of the ledger, taken without stopping the service \
            or blocking its writes. The copy is checked (PRAGMA integrity_check) before it gets its final name, so \
            FILE is either a complete backup or untouched. Restore it with `nhacviec restore FILE`.

            Examples:
              nhacviec backup /var/backups/nhacviec/state-$(date +%F).sqlite
              nhacviec backup --config /etc/nhacviec/nhacviec.yaml backup.sqlite

            A nightly systemd timer with rotation is in the README (contrib/systemd/).
            """
    )

    @OptionGroup var options: ConfigOptions
    @Argument(help: ArgumentHelp("Where to write the copy (replaced if it exists).", valueName: "file"))
    var file: String

    func run() throws {
        let configuration = try options.load(printWarnings: false).configuration
        let source = StateAccess.ledgerPath(configuration)
        let summary: LedgerSummary
        do {
            summary = try Ledger.backup(from: source, to: file)
        } catch {
            throw CommandFailure("\(error)")
        }
        print("Đã sao lưu \(source) vào \(file): \(summary.line) (backed up; integrity_check ok)")
    }
}

/// `nhacviec restore FILE`: puts a backup back in place of the ledger, with the service stopped.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the ledger with a backup (the service must be stopped).",
        discussion: """
            Refuses while `nhacviec serve` holds the ledger (stop it first). Checks the copy before touching \
            anything: it must be an intact nhacviec ledger written by this or an older version. The current ledger \
            is kept as state.sqlite.before-restore. After a restore, start the service: reminders recorded after \
            the backup was taken are not in it, so the service may send those again.

            Examples:
              systemctl stop nhacviec
              nhacviec restore /var/backups/nhacviec/state-2026-12-01.sqlite
              systemctl start nhacviec
            """
    )

    @OptionGroup var options: ConfigOptions
    @Argument(help: ArgumentHelp("The backup to restore (written by `nhacviec backup`).", valueName: "file"))
    var file: String

    func run() throws {
        let configuration = try options.load(printWarnings: false).configuration
        let live = StateAccess.ledgerPath(configuration)
        do {
            let lock = try StateLock.acquire(stateDirectory: configuration.stateDirectory)
            let (summary, previous) = try withExtendedLifetime(lock) { try Ledger.restore(from: file, to: live) }
            print("Đã khôi phục \(live) từ \(file): \(summary.line) (restored)")
            if let previous { print("Sổ cũ được giữ lại ở \(previous) (the previous ledger is kept there)") }
        } catch {
            throw CommandFailure("not restored: \(error)")
        }
    }
}

extension LedgerSummary {
    /// "1 204 lượt gửi, 37 báo cáo hoàn thành, 2.1 MB".
    var line: String {
        let megabytes = Double(bytes) / 1_048_576
        return "\(deliveries) lượt gửi, \(acknowledgements) báo cáo hoàn thành, "
            + String(format: "%.1f MB", megabytes)
    }
}
