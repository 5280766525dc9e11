import Foundation
import Testing

/// The daemon as a real child process against a real SMTP server on 127.0.0.1.
@Suite("The service delivers every reminder once, across crashes, outages and reloads", .serialized)
struct ServiceProcessTests {
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func once(_ fixture: ServiceFixture, at instant: String) throws -> String {
        try once(configPath: fixture.configPath, at: instant)
    }

    /// `serve --once --now instant`: one delivery pass; returns its output.
    static func once(configPath: String, at instant: String) throws -> String {
        let result = try Daemon.run(["serve", "--once", "--config", configPath, "--now", instant])
        #expect(result.status == 0, "\(result.output)")
        return result.output
    }

    @Test func catchUpAfterAWeekOfDowntimeSendsOnlyTheLatestStage() throws {
        let scratch = try Scratch()
        let server = try LoopbackSMTPServer(spool: scratch.path("spool"))
        let fixture = ServiceFixture(scratch: scratch, smtpPort: server.port, agencies: 3, before: [7, 3, 1])
        try fixture.write()
        _ = try Self.once(fixture, at: "2026-06-04T08:00:30+07:00")
        let first = try server.received()
        #expect(first.count == 3)
        #expect(
            first.allSatisfy {
                $0.raw.contains("c=C3=B2n 7 ng=C3=A0y l=C3=A0m vi=E1=BB=87c") || $0.raw.contains("còn 7 ngày")
            })
        // Down from 4/6 to 12/6: before-3 (10/6) and before-1 (12/6) were missed; only before-1 goes out.
        let output = try Self.once(fixture, at: "2026-06-12T09:00:00+07:00")
        let all = try server.received()
        #expect(all.count == 6, "\(output)")
        let second = all.dropFirst(3)
        #expect(second.allSatisfy { $0.raw.contains("In-Reply-To:") })
        for message in second {
            let agency = try #require(message.recipients.first)
            let earlier = try #require(first.first { $0.recipients.first == agency })
            #expect(message.raw.contains("In-Reply-To: " + earlier.messageID))
        }
        #expect(output.contains("skipped"))
    }

    @Test func mailServerDownThenBackDeliversEverythingExactlyOnce() throws {
        let scratch = try Scratch()
        let port = try Self.freePort()
        let fixture = ServiceFixture(scratch: scratch, smtpPort: port, agencies: 5)
        try fixture.write()
        let down = try Self.once(fixture, at: "2026-06-15T08:00:30+07:00")
        #expect(down.contains("pass: 0 sent, 5 to retry"), "\(down)")
        let server = try LoopbackSMTPServer(spool: scratch.path("spool"), port: port)
        let early = try Self.once(fixture, at: "2026-06-15T08:02:00+07:00")
        #expect(early.contains("pass: 0 sent, 0 to retry"), "a retry must wait for its backoff: \(early)")
        let back = try Self.once(fixture, at: "2026-06-15T08:06:00+07:00")
        #expect(back.contains("pass: 5 sent"), "\(back)")
        _ = try Self.once(fixture, at: "2026-06-15T09:00:00+07:00")
        let received = try server.received()
        #expect(received.count == 5)
        #expect(Set(received.flatMap(\.recipients)).count == 5)
    }

    @Test func killNineDuringABurstOfFiveHundredLosesNothing() throws {
        let scratch = try Scratch()
        let server = try LoopbackSMTPServer(spool: scratch.path("spool"))
        let fixture = ServiceFixture(scratch: scratch, smtpPort: server.port, agencies: 500)
        try fixture.write()
        let arguments = ["serve", "--config", fixture.configPath, "--now", "2026-06-15T08:00:00+07:00"]
        var generator = SystemRandomNumberGenerator()
        var kills = 0
        for round in 0..<5 {
            let before = try server.receivedCount()
            if before >= 500 { break }
            let daemon = try Daemon(arguments, logPath: scratch.path("daemon-\(round).log"))
            // Kill at a random moment once this run has started sending.
            _ = try eventually(timeout: .seconds(60)) { try server.receivedCount() > before || !daemon.isRunning }
            Thread.sleep(forTimeInterval: Double.random(in: 0.02...0.4, using: &generator))
            daemon.crash()
            kills += 1
        }
        let notify = try NotifySocket(path: scratch.path("notify.sock"))
        let final = try Daemon(
            arguments, logPath: scratch.path("daemon-final.log"), environment: ["NOTIFY_SOCKET": notify.path])
        #expect(notify.receive(until: { $0.contains("READY=1") }) != nil, "\(final.log)")
        // The final run has finished its pass once it reports its next wake in STATUS=.
        #expect(notify.receive(until: { $0.hasPrefix("STATUS=") }, timeout: .seconds(180)) != nil, "\(final.log)")
        let complete = try eventually(timeout: .seconds(30)) {
            Set(try server.received().map(\.messageID)).count >= 500
        }
        final.signal(SIGTERM)
        #expect(final.wait() == 0, "\(final.log)")
        let received = try server.received()
        let unique = Set(received.map(\.messageID))
        #expect(complete)
        #expect(unique.count == 500, "lost \(500 - unique.count) reminders")
        #expect(
            received.count - unique.count <= kills, "\(received.count - unique.count) duplicates after \(kills) kills")
        #expect(Set(received.flatMap(\.recipients)).count == 500)
        print(
            "kill -9 test: \(kills) kills, \(received.count) messages received, \(unique.count) unique, \(received.count - unique.count) duplicates, \(500 - unique.count) lost"
        )
    }

    @Test func reloadWithABrokenConfigKeepsTheRunningOneAndTellsSystemd() throws {
        let service = try ServiceUnderTest(agencies: 3, now: "2026-06-15T07:59:55+07:00")
        let (server, notify, daemon) = (service.server, service.notify, service.daemon)
        let ready = notify.receive(until: { $0.contains("READY=1") })
        #expect(ready?.last?.contains("next wake 2026-06-15 08:00 +07:00") == true, "\(ready ?? [])\n\(daemon.log)")
        try service.fixture.write(brokenPlan: true)
        daemon.signal(SIGHUP)
        let reload = notify.receive(until: { $0.contains("READY=1") }) ?? []
        #expect(reload.contains { $0.hasPrefix("RELOADING=1\nMONOTONIC_USEC=") }, "\(reload)")
        #expect(reload.last?.contains("reload failed") == true, "\(reload)")
        #expect(daemon.isRunning)
        #expect(try eventually(timeout: .seconds(30)) { daemon.log.contains("plans/p.yaml:") })
        #expect(daemon.log.contains("unknown agency or group 'khong-ton-tai'"))
        // The running configuration still sends its 08:00 reminders.
        #expect(try eventually(timeout: .seconds(60)) { try server.received().count == 3 })
        daemon.signal(SIGTERM)
        #expect(notify.receive(until: { $0.contains("STOPPING=1") }) != nil)
        #expect(daemon.wait() == 0)
    }

    @Test func reloadWithAChangedConfigResendsNothing() throws {
        let service = try ServiceUnderTest(agencies: 3, now: "2026-06-15T08:00:05+07:00")
        let (server, notify, daemon) = (service.server, service.notify, service.daemon)
        #expect(try eventually(timeout: .seconds(60)) { try server.received().count == 3 }, "\(daemon.log)")
        #expect(notify.receive(until: { $0.contains("READY=1") }) != nil)
        try service.fixture.write(extraAgencies: 1)
        daemon.signal(SIGHUP)
        let reload = notify.receive(until: { $0.contains("READY=1") }) ?? []
        #expect(reload.last?.contains("reloaded") == true, "\(reload)")
        // Only the new agency's reminder goes out; the three already sent are not sent again.
        #expect(try eventually(timeout: .seconds(60)) { try server.received().count >= 4 })
        Thread.sleep(forTimeInterval: 1)
        let received = try server.received()
        #expect(received.count == 4)
        #expect(Set(received.map(\.messageID)).count == 4)
        daemon.signal(SIGTERM)
        #expect(daemon.wait() == 0)
    }

    @Test func invalidConfigAtStartExitsWithSeventyEight() throws {
        let scratch = try Scratch()
        let fixture = ServiceFixture(scratch: scratch, smtpPort: 9, agencies: 1)
        try fixture.write(brokenPlan: true)
        let result = try Daemon.run(["serve", "--config", fixture.configPath])
        #expect(result.status == 78)
        #expect(result.output.contains("not started: the configuration has errors"))
    }
}
