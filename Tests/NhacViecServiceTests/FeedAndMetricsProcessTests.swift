import Foundation
import NhacViecCore
import Testing

/// The daemon on a copy of the shipped config: the calendar links in a reminder's footer, followed over real HTTP,
/// `nhacviec feed --rotate`, and the operator's listener after the pass that sent the reminders.
@Suite("An agency subscribes from its reminder, and the operator scrapes the daemon", .serialized)
struct FeedAndMetricsProcessTests {
    @Test func reminderFooterLinksToTheAgencysFeedWhichRotationReplaces() async throws {
        let service = try AcknowledgementLinkProcessTests.RunningService()
        defer { service.stop() }
        let config = service.config
        let reminder = try #require(
            try config.messages().first { $0.recipients == [AcknowledgementLinkProcessTests.address] })
        let footer = try #require(
            reminder.plainText.range(of: "Thêm vào lịch").map { String(reminder.plainText[$0.lowerBound...]) },
            "no calendar links in:\n\(reminder.plainText)")
        let https = try #require(
            footer.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix(config.publicURL + "/cal/nvf_") })
        let webcal = try #require(footer.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix("webcal://") })
        #expect(webcal == "webcal://" + https.dropFirst("http://".count))
        #expect(reminder.html.contains("href=\"\(webcal)\""))

        let feed = try await LoopbackHTTP.request("GET", String(https))
        #expect(feed.status == 200)
        #expect(feed.header("Content-Type") == "text/calendar; charset=utf-8")
        #expect(feed.body.contains("X-WR-CALNAME:Hạn nhiệm vụ – Sở Tư pháp"))
        #expect(feed.body.contains("UID:949_KH-UBND_VI.1_bao-cao-thang_2026-06-15@nhacviec"))
        let etag = try #require(feed.header("ETag"))
        #expect(try await LoopbackHTTP.request("GET", String(https), headers: ["If-None-Match": etag]).status == 304)

        // Same links from the command line, until they are rotated.
        let printed = try runProgram(
            Repository.executable, ["feed", "--config", config.configPath, "--agency", "so-tu-phap"])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(String(decoding: printed.stdout, as: UTF8.self) == "\(webcal)\n\(https)\n")
        let rotated = try runProgram(
            Repository.executable, ["feed", "--config", config.configPath, "--agency", "so-tu-phap", "--rotate"])
        #expect(rotated.status == 0, "\(rotated.stderr)")
        let fresh = try #require(String(decoding: rotated.stdout, as: UTF8.self).split(separator: "\n").last)
        #expect(fresh != https)
        #expect(try await LoopbackHTTP.request("GET", String(https)).status == 404)
        #expect(try await LoopbackHTTP.request("GET", String(fresh)).status == 200)
    }

    @Test func opsListenerServesMetricsAndReadinessAfterThePass() async throws {
        let service = try AcknowledgementLinkProcessTests.RunningService()
        defer { service.stop() }
        let ops = "http://127.0.0.1:\(service.config.opsPort)"
        #expect(try await LoopbackHTTP.request("GET", ops + "/-/healthy").status == 200)
        #expect(try await LoopbackHTTP.request("GET", ops + "/-/ready").status == 200)
        let metrics = try await LoopbackHTTP.request("GET", ops + "/metrics")
        #expect(metrics.status == 200)
        let lines = metrics.body.split(separator: "\n")
        let sent = try #require(lines.first { $0.hasPrefix("nhacviec_notifications_total{integration=\"email\"}") })
        #expect((Double(sent.split(separator: " ").last ?? "") ?? 0) > 0, "\(sent)")
        #expect(
            lines.contains { $0.hasPrefix("nhacviec_last_successful_pass_timestamp_seconds ") && !$0.hasSuffix(" 0") })
        #expect(lines.contains { $0.hasPrefix("nhacviec_build_info{version=\"\(BuildInfo.version)\"} 1") })
        // Never on the public listener.
        #expect(try await LoopbackHTTP.request("GET", service.config.publicURL + "/metrics").status == 404)
    }
}
