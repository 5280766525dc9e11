import Foundation
import Testing

/// `done`, `status` and `preview` against the state a real service run left behind.
@Suite("Admin commands", .serialized)
struct AdminCommandTests {
    static func json(_ output: String) throws -> [String: Any] {
        let start = try #require(output.firstIndex(of: "{"))
        return try JSONSerialization.jsonObject(with: Data(output[start...].utf8)) as? [String: Any] ?? [:]
    }

    @Test func doneStopsThatAgencysRemindersAndStatusShowsIt() throws {
        let scratch = try Scratch()
        let server = try LoopbackSMTPServer(spool: scratch.path("spool"))
        let fixture = ServiceFixture(scratch: scratch, smtpPort: server.port, agencies: 3, before: [3, 1])
        try fixture.write()
        let config = ["--config", fixture.configPath]
        #expect(try Daemon.run(["serve", "--once", "--now", "2026-06-10T08:00:10+07:00"] + config).status == 0)
        #expect(try server.received().count == 3)
        let done = try Daemon.run(
            [
                "done", "--task", "1", "--milestone", "bao-cao", "--agency", "don-vi-0001", "--occurrence",
                "2026-06-15", "--note", "CV 12",
            ] + config)
        #expect(done.status == 0, "\(done.output)")
        #expect(done.output.contains("Recorded: don-vi-0001 delivered 1/KH-TEST 1/bao-cao due 15/6/2026"))
        #expect(done.output.contains("1 of 3 agencies have delivered."))
        #expect(try Daemon.run(["serve", "--once", "--now", "2026-06-12T08:00:10+07:00"] + config).status == 0)
        let received = try server.received()
        #expect(received.count == 5)
        #expect(!received.dropFirst(3).contains { $0.recipients.contains("don-vi-0001@gialai.example") })
        let upcoming = try Daemon.run(
            ["upcoming", "--from", "2026-06-15", "--to", "2026-06-15", "--format", "json"] + config)
        #expect(upcoming.output.contains("\"done\":[\"don-vi-0001\"]"), "\(upcoming.output)")
        #expect(
            upcoming.output.contains(
                #""reports":[{"agency":"don-vi-0001","source":"cli","reporter":null,"note":"CV 12""#))
        let status = try Self.json(try Daemon.run(["status", "--format", "json"] + config).output)
        let counts = try #require(status["counts"] as? [String: Int])
        #expect(counts["sent"] == 5)
        #expect(counts["skipped", default: 0] >= 1)
        let acknowledgements = try #require(status["acknowledgements"] as? [[String: Any]])
        #expect(acknowledgements.first?["agency"] as? String == "don-vi-0001")
        #expect(acknowledgements.first?["note"] as? String == "CV 12")
        let undo = try Daemon.run(
            [
                "done", "--task", "1", "--milestone", "bao-cao", "--agency", "don-vi-0001", "--occurrence",
                "2026-06-15", "--undo",
            ] + config)
        #expect(undo.output.contains("Removed: don-vi-0001 is again expected to deliver"))
    }

    @Test func statusAndRemindersShowOnlyWhatWillReallyBeSentInLocalTime() throws {
        let scratch = try Scratch()
        let server = try LoopbackSMTPServer(spool: scratch.path("spool"))
        let fixture = ServiceFixture(scratch: scratch, smtpPort: server.port, agencies: 3, before: [3, 1])
        try fixture.write()
        let config = ["--config", fixture.configPath]
        let pass = try Daemon.run(["serve", "--once", "--now", "2026-06-10T08:00:10+07:00"] + config)
        #expect(pass.output.contains("next: 2026-06-12 08:00 +07:00"), "\(pass.output)")
        let done = try Daemon.run(
            ["done", "--task", "1", "--milestone", "bao-cao", "--agency", "don-vi-0002", "--occurrence", "2026-06-15"]
                + config)
        #expect(done.status == 0, "\(done.output)")
        let status = try Daemon.run(["status"] + config).output
        #expect(status.contains("Last pass:  2026-06-10 08:00 +07:00"), "\(status)")
        #expect(
            status.contains(
                "Next wake:  2026-06-12 08:00 +07:00 — 2 reminder(s); 1 not sent because the agencies reported done"),
            "\(status)")
        #expect(status.contains("don-vi-0001 before-1"))
        #expect(!status.contains("don-vi-0002 before-1"))
        let json = try Self.json(try Daemon.run(["status", "--format", "json"] + config).output)
        #expect(json["last_pass"] as? String == "2026-06-10T08:00:10+07:00")
        let reminders = try Daemon.run(
            ["reminders", "--from", "2026-06-11", "--to", "2026-06-30", "--agency", "don-vi-0002"] + config)
        #expect(reminders.status == 0, "\(reminders.output)")
        #expect(!reminders.output.contains("2026-06-12 08:00 +07:00  don-vi-0002"), "\(reminders.output)")
        #expect(reminders.output.contains("0 reminders from 2026-06-11 to 2026-06-30"))
        #expect(
            reminders.output.contains(
                "not sent: 2026-06-12 don-vi-0002 before-1 1/bao-cao: the agency reported this occurrence done"))
    }

    @Test func doneRefusesAnAgencyThatIsNotAssignedOrADateThatIsNoOccurrence() throws {
        let scratch = try Scratch()
        let fixture = ServiceFixture(scratch: scratch, smtpPort: 9, agencies: 2)
        try fixture.write()
        let config = ["--config", fixture.configPath]
        let wrongDate = try Daemon.run(
            ["done", "--task", "1", "--milestone", "bao-cao", "--agency", "don-vi-0001", "--occurrence", "2026-06-14"]
                + config)
        #expect(wrongDate.status != 0)
        #expect(wrongDate.output.contains("2026-06-14 is not an occurrence of 1/bao-cao; nearest: 2026-06-15"))
        let typo = try Daemon.run(["done", "--task", "1", "--milestone", "bao-cao", "--agency", "don-vi-001"] + config)
        #expect(typo.output.contains("unknown agency 'don-vi-001' (did you mean"))
    }

    @Test func statusShowsWhatFailedAndWhy() throws {
        let scratch = try Scratch()
        let fixture = ServiceFixture(scratch: scratch, smtpPort: try ServiceProcessTests.freePort(), agencies: 2)
        try fixture.write()
        let config = ["--config", fixture.configPath]
        #expect(try Daemon.run(["serve", "--once", "--now", "2026-06-15T08:00:10+07:00"] + config).status == 0)
        let table = try Daemon.run(["status"] + config).output
        #expect(table.contains("Deliveries: pending 2, sending 0, sent 0, failed 0, skipped 0"), "\(table)")
        #expect(table.contains("Waiting to retry:"))
        let status = try Self.json(try Daemon.run(["status", "--format", "json"] + config).output)
        let retries = try #require(status["retries"] as? [[String: Any]])
        #expect(retries.count == 2)
        #expect((retries.first?["last_error"] as? String)?.isEmpty == false)
        #expect(status["next_wake"] as? String == "2026-06-15T08:05:10+07:00")
    }

    @Test func previewPrintsTheExactMessageWithoutSending() throws {
        let scratch = try Scratch()
        let server = try LoopbackSMTPServer(spool: scratch.path("spool"))
        let fixture = ServiceFixture(scratch: scratch, smtpPort: server.port, agencies: 1)
        try fixture.write()
        let preview = try Daemon.run([
            "preview", "--agency", "don-vi-0001", "--on", "2026-06-15", "--config", fixture.configPath,
        ])
        #expect(preview.status == 0, "\(preview.output)")
        #expect(preview.output.hasPrefix("Date: Mon, 15 Jun 2026 08:00:00 +0700\r\n"))
        #expect(preview.output.contains("\r\nMessage-ID: <nhacviec.don-vi-0001=3A2026-06-15=3A"))
        #expect(preview.output.contains("\r\nAuto-Submitted: auto-generated\r\n"))
        #expect(try server.received().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: fixture.stateDirectory + "/state.sqlite"))
    }
}
