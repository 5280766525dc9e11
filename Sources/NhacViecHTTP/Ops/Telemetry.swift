import CoreMetrics
package import Foundation
package import NhacViecCore
import Prometheus
import Synchronization

/// nhacviec's metrics (swift-metrics' API over a swift-prometheus registry) and its readiness, served by the operator's
/// listener (``OpsApplication``).
///
/// Every series is created here, at start, with each of its label values: Prometheus shows a zero instead of no
/// series, and swift-prometheus, which traps when one name gets two label sets, never sees a label set made up later.
package final class Telemetry: Sendable {
    /// The channel a notification went through.
    package enum Integration: String, Sendable, CaseIterable {
        case email, webhook
    }

    /// Why a notification failed, from the transport's outcome.
    package enum FailureReason: String, Sendable, CaseIterable {
        /// Will be retried (refused connection, timeout, 4xx).
        case retryable
        /// Given up (5xx, a refused recipient).
        case permanent
        /// The webhook endpoint answered 410 and is disabled.
        case gone
        /// Nothing could be sent (no credentials, an unbuildable message).
        case configuration
    }

    /// What an acknowledgement link request led to, from its status code.
    package enum LinkResult: String, Sendable, CaseIterable {
        case ok, recorded, notFound = "not_found", refused, badRequest = "bad_request", tooLarge = "too_large", error

        init(status: Int) {
            switch status {
            case 200: self = .ok
            case 201, 303: self = .recorded
            case 404: self = .notFound
            case 403: self = .refused
            case 400: self = .badRequest
            case 413: self = .tooLarge
            default: self = .error
            }
        }
    }

    /// The methods the link route answers; anything else is counted as `GET` would not be, under `other`.
    package static let linkMethods = ["GET", "HEAD", "POST", "other"]

    private let registry: PrometheusCollectorRegistry
    private let notifications: [Integration: CoreMetrics.Counter]
    private let failures: [Integration: [FailureReason: CoreMetrics.Counter]]
    private let latency: [Integration: CoreMetrics.Timer]
    private let passDuration: CoreMetrics.Gauge
    private let pendingDeliveries: CoreMetrics.Gauge
    private let overdueOccurrences: CoreMetrics.Gauge
    private let acknowledgements: [Acknowledgement.Source: CoreMetrics.Counter]
    private let linkRequests: [String: [LinkResult: CoreMetrics.Counter]]
    private let configReloads: [Bool: CoreMetrics.Counter]
    private let lastSuccessfulPass: CoreMetrics.Gauge
    private let lastPassSucceeded = Mutex(false)

    /// The daemon's one set of metrics; tests of the web routes make their own.
    package static let shared = Telemetry()

    package init() {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets["nhacviec_notification_latency_seconds"] = [
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
            .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
        ]
        self.registry = registry
        func counter(_ name: String, _ labels: [(String, String)] = []) -> CoreMetrics.Counter {
            CoreMetrics.Counter(label: name, dimensions: labels, factory: factory)
        }
        func gauge(_ name: String, _ labels: [(String, String)] = []) -> CoreMetrics.Gauge {
            CoreMetrics.Gauge(label: name, dimensions: labels, factory: factory)
        }
        func byIntegration<Value>(_ make: (Integration) -> Value) -> [Integration: Value] {
            Dictionary(uniqueKeysWithValues: Integration.allCases.map { ($0, make($0)) })
        }
        notifications = byIntegration { counter("nhacviec_notifications_total", [("integration", $0.rawValue)]) }
        failures = byIntegration { integration in
            Dictionary(
                uniqueKeysWithValues: FailureReason.allCases.map { reason in
                    (
                        reason,
                        counter(
                            "nhacviec_notifications_failed_total",
                            [("integration", integration.rawValue), ("reason", reason.rawValue)])
                    )
                })
        }
        latency = byIntegration {
            CoreMetrics.Timer(
                label: "nhacviec_notification_latency_seconds", dimensions: [("integration", $0.rawValue)],
                factory: factory)
        }
        passDuration = gauge("nhacviec_pass_duration_seconds")
        pendingDeliveries = gauge("nhacviec_pending_deliveries")
        overdueOccurrences = gauge("nhacviec_overdue_occurrences")
        acknowledgements = Dictionary(
            uniqueKeysWithValues: Acknowledgement.Source.allCases.map {
                ($0, counter("nhacviec_acknowledgements_total", [("source", $0.rawValue)]))
            })
        linkRequests = Dictionary(
            uniqueKeysWithValues: Self.linkMethods.map { method in
                (
                    method,
                    Dictionary(
                        uniqueKeysWithValues: LinkResult.allCases.map { result in
                            (
                                result,
                                counter(
                                    "nhacviec_ack_link_requests_total",
                                    [("method", method), ("result", result.rawValue)])
                            )
                        })
                )
            })
        configReloads = [
            true: counter("nhacviec_config_reloads_total", [("result", "success")]),
            false: counter("nhacviec_config_reloads_total", [("result", "failure")]),
        ]
        lastSuccessfulPass = gauge("nhacviec_last_successful_pass_timestamp_seconds")
        gauge("nhacviec_build_info", [("version", BuildInfo.version)]).record(1)
    }

    /// One notification handed to its transport: counted, timed, and counted again as failed unless `failure` is nil.
    package func notification(_ integration: Integration, failure: FailureReason?, latency: Duration) {
        notifications[integration]?.increment()
        self.latency[integration]?.recordNanoseconds(
            latency.components.seconds * 1_000_000_000 + latency.components.attoseconds / 1_000_000_000)
        if let failure { failures[integration]?[failure]?.increment() }
    }

    /// A delivery pass ended at `end`, after `duration`; a failed one makes the daemon not ready until one succeeds.
    package func pass(succeeded: Bool, duration: Duration, end: Date) {
        passDuration.record(Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
        lastPassSucceeded.withLock { $0 = succeeded }
        if succeeded { lastSuccessfulPass.record(end.timeIntervalSince1970) }
    }

    /// What the ledger and the plan held after a pass.
    package func backlog(pendingDeliveries pending: Int, overdueOccurrences overdue: Int) {
        pendingDeliveries.record(pending)
        overdueOccurrences.record(overdue)
    }

    package func acknowledged(source: Acknowledgement.Source) {
        acknowledgements[source]?.increment()
    }

    package func linkRequest(method: String, status: Int) {
        let method = Self.linkMethods.contains(method) ? method : "other"
        linkRequests[method]?[LinkResult(status: status)]?.increment()
    }

    package func configReload(succeeded: Bool) {
        configReloads[succeeded]?.increment()
    }

    /// `/-/ready`: config and ledger are loaded before the daemon serves at all, so what is left is the last pass.
    package var isReady: Bool {
        lastPassSucceeded.withLock { $0 }
    }

    /// The Prometheus text format of every series.
    package func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }
}
