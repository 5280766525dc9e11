import Foundation
import NhacViecCore
import NhacViecStore
import Testing

/// The dashboard in a real headless Chromium, against the daemon on a copy of the shipped config three working days
/// after the monthly report of 15/6/2026, with a users file written by `nhacviec passwd`.
@Suite("The supervising office uses the dashboard in a browser", .serialized)
struct DashboardBrowserTests {
    static let morning = "2026-06-18T08:00:05+07:00"
    static let admin = (name: "chanh-van-phong", password: "mat-khau-dai-du-8")

    @Test(
        .enabled(
            if: HeadlessChromium.canBeInstalled,
            "apt has no chromium here: the browser test needs Debian's chromium, chromium-driver, python3-selenium"))
    func anAdminFiltersByAgencyRecordsAReportOnItsBehalfAndUndoesIt() async throws {
        let scratch = try Scratch()
        let config = try ShippedConfig(scratch: scratch)
        let users = scratch.path("web-users")
        let passwd = try runProgram(
            "/bin/sh",
            [
                "-c", "printf '%s\\n' \"$2\" | exec \"$1\" passwd --file \"$3\" --role admin \"$4\"", "sh",
                Repository.executable, Self.admin.password, users, Self.admin.name,
            ])
        #expect(passwd.status == 0, "\(passwd.stderr)")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: config.configPath))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("  users_file: \(users)\n".utf8))
        try handle.close()
        let (daemon, notify) = try Daemon.serve(configPath: config.configPath, now: Self.morning, in: scratch)
        guard notify.receive(until: { $0.contains("READY=1") }) != nil,
            notify.receive(until: { $0.hasPrefix("STATUS=") }, timeout: .seconds(120)) != nil
        else { throw SetupError("the daemon did not finish its first pass:\n\(daemon.log)") }

        let note = "Sở Tư pháp báo qua điện thoại, công văn 123/STP-VP sẽ gửi sau"
        let visit = try HeadlessChromium.useDashboard(
            url: config.publicURL, user: Self.admin.name, password: Self.admin.password, agency: "so-tu-phap",
            agencyName: "Sở Tư pháp", note: note)

        #expect(visit.overview.text.contains("Quá hạn, theo cơ quan"))
        #expect(visit.overview.text.contains("3 ngày làm việc"), "VI.1 was due Monday 15/6")
        #expect(visit.filtered.text.contains("Sở Tư pháp"))
        #expect(!visit.filtered.text.contains("Sở Tài chính –"), "the filter kept another agency")
        #expect(visit.occurrence.text.contains("Tiến độ"))
        #expect(visit.acknowledged.text.contains(note))
        #expect(visit.undone.backToOccurrence == true)
        #expect(visit.health.text.contains("Hủy ghi nhận hoàn thành"))
        #expect(visit.health.text.contains(Self.admin.name))
        for screenshot in visit.screenshots {
            let size = try FileManager.default.attributesOfItem(atPath: screenshot)[.size] as? Int ?? 0
            #expect(size > 1000, "\(screenshot) is empty")
        }
        print("screenshots: \(visit.screenshots.joined(separator: " "))")

        let ledger = try Ledger(path: config.ledgerPath)
        #expect(try await ledger.acknowledgements(limit: 10).isEmpty, "the undo left a report")
        let actions = try await ledger.dashboardActions(limit: 10)
        #expect(actions.map(\.kind) == [.undoAcknowledgement, .acknowledge])
        #expect(actions.allSatisfy { $0.user == Self.admin.name })
        daemon.signal(SIGTERM)
        #expect(daemon.wait() == 0, "\(daemon.log)")
    }
}
