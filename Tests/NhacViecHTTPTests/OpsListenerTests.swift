import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NhacViecCore
import NhacViecHTTP
import NhacViecStore
import Testing

@Suite("The operator scrapes metrics and health from the ops listener")
struct OpsListenerTests {
    /// What python3-prometheus-client's text parser reads (Tests/Support/parse_metrics.py).
    struct Scrape: Decodable {
        struct Sample: Decodable {
            let name: String
            let labels: [String: String]
            let value: Double

            init(from decoder: any Decoder) throws {
                var container = try decoder.unkeyedContainer()
                name = try container.decode(String.self)
                labels = try container.decode([String: String].self)
                value = try container.decode(Double.self)
            }
        }

        let types: [String: String]
        let samples: [Sample]

        func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
            samples.first { $0.name == name && $0.labels == labels }?.value
        }
    }

    static let prometheusClient = DebianTool.hasPythonModule("prometheus_client")

    static func scrape(
        _ telemetry: Telemetry
    ) async throws -> (status: HTTPResponse.Status, type: String?, body: String) {
        try await Application(router: OpsApplication.router(telemetry: telemetry)).test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                (response.status, response.headers[.contentType], String(buffer: response.body))
            }
        }
    }

    @Test(.enabled(if: prometheusClient, "python3-prometheus-client is missing: run `make test`, which installs it"))
    func everySeriesIsThereFromTheStartWithItsLabels() async throws {
        let telemetry = Telemetry()
        let (status, type, body) = try await Self.scrape(telemetry)
        #expect(status == .ok)
        #expect(type?.hasPrefix("text/plain; version=0.0.4") == true)
        let scrape = try DebianTool.pythonJSON("parse_metrics.py", input: body, as: Scrape.self)
        for integration in ["email", "webhook"] {
            #expect(scrape.value("nhacviec_notifications_total", ["integration": integration]) == 0)
            for reason in ["retryable", "permanent", "gone", "configuration"] {
                #expect(
                    scrape.value("nhacviec_notifications_failed_total", ["integration": integration, "reason": reason])
                        == 0)
            }
            #expect(scrape.value("nhacviec_notification_latency_seconds_count", ["integration": integration]) == 0)
        }
        for source in ["cli", "link", "api", "dashboard"] {
            #expect(scrape.value("nhacviec_acknowledgements_total", ["source": source]) == 0)
        }
        for method in ["GET", "HEAD", "POST"] {
            #expect(scrape.value("nhacviec_ack_link_requests_total", ["method": method, "result": "ok"]) == 0)
        }
        for result in ["success", "failure"] {
            #expect(scrape.value("nhacviec_config_reloads_total", ["result": result]) == 0)
        }
        for gauge in [
            "nhacviec_pass_duration_seconds", "nhacviec_pending_deliveries", "nhacviec_overdue_occurrences",
            "nhacviec_last_successful_pass_timestamp_seconds",
        ] {
            #expect(scrape.value(gauge) == 0, "\(gauge)")
        }
        #expect(scrape.value("nhacviec_build_info", ["version": BuildInfo.version]) == 1)
        #expect(scrape.types["nhacviec_notification_latency_seconds"] == "histogram")
    }

    @Test(.enabled(if: prometheusClient, "python3-prometheus-client is missing: run `make test`, which installs it"))
    func linkRequestsAreCountedByMethodAndResultAfter200_404_413And500() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nhacviec-ops-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixture = try WebFixture()
        let token = try await fixture.token()
        try await fixture.test { client in
            try await client.execute(uri: "/a/\(token.text)", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/a/nva_00000000000000000000000000000000", method: .get) {
                #expect($0.status == .notFound)
            }
            try await client.execute(
                uri: "/a/\(token.text)", method: .post, headers: [.contentLength: "100000"],
                body: ByteBuffer(string: String(repeating: "a", count: 100_000))
            ) { #expect($0.status == .contentTooLarge) }
        }
        // A ledger that breaks under the route: the request fails with 500 and is still counted.
        let file = directory.appendingPathComponent("state.sqlite")
        let broken = try Ledger(path: file.path)
        for path in [file.path, file.path + "-wal"] {
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
            try Data(repeating: 0xFF, count: max(size, 4096)).write(to: URL(fileURLWithPath: path))
        }
        let dependencies = WebDependencies(
            state: fixture.state, ledger: broken, settings: fixture.settings, now: { WebFixture.now },
            telemetry: fixture.telemetry)
        try await Application(router: WebApplication.router(dependencies: dependencies)).test(.router) { client in
            try await client.execute(uri: "/a/\(token.text)", method: .get) {
                #expect($0.status == .internalServerError)
            }
        }

        let (status, _, body) = try await Self.scrape(fixture.telemetry)
        #expect(status == .ok)
        let scrape = try DebianTool.pythonJSON("parse_metrics.py", input: body, as: Scrape.self)
        func requests(_ method: String, _ result: String) -> Double? {
            scrape.value("nhacviec_ack_link_requests_total", ["method": method, "result": result])
        }
        #expect(requests("GET", "ok") == 1)
        #expect(requests("GET", "not_found") == 1)
        #expect(requests("POST", "too_large") == 1)
        #expect(requests("GET", "error") == 1)
        #expect(requests("POST", "recorded") == 0)
    }

    @Test func healthyWhileUpAndReadyOnlyAfterASuccessfulPass() async throws {
        let telemetry = Telemetry()
        try await Application(router: OpsApplication.router(telemetry: telemetry)).test(.router) { client in
            try await client.execute(uri: "/-/healthy", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/-/ready", method: .get) { #expect($0.status == .serviceUnavailable) }
            telemetry.pass(succeeded: true, duration: .milliseconds(20), end: WebFixture.now)
            try await client.execute(uri: "/-/ready", method: .get) { #expect($0.status == .ok) }
            telemetry.pass(succeeded: false, duration: .milliseconds(20), end: WebFixture.now)
            try await client.execute(uri: "/-/ready", method: .get) { #expect($0.status == .serviceUnavailable) }
            try await client.execute(uri: "/-/healthy", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test(.enabled(if: DebianTool.has("promtool"), "promtool is missing: run `make test`, which installs prometheus"))
    func shippedAlertRulesPassPromtool() throws {
        let rules = WebFixture.repository.appendingPathComponent("contrib/prometheus/nhacviec-alerts.yml")
        let result = try DebianTool.run("/usr/bin/promtool", ["check", "rules", rules.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("SUCCESS: 2 rules found"), "\(result.output)")
    }
}
