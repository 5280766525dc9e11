import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NhacViecConfigFiles
import NhacViecCore
import NhacViecHTTP
import NhacViecStore
import Synchronization
import Testing

/// The web application over the shipped Gia Lai config and an in-memory ledger, at a fixed instant, with every log
/// line it writes captured.
struct WebFixture {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// 17/11/2026 08:00 in Hà Nội: the monthly report of 15/11 (due Friday 13/11) is overdue.
    static let now = Date(timeIntervalSince1970: 1_794_877_200)
    static let monthlyReport = OccurrenceReference(
        plan: PlanID("949/KH-UBND"), task: TaskID("VI.1"), milestone: MilestoneID("bao-cao-thang"),
        nominalDue: CivilDate(year: 2026, month: 11, day: 15))

    let configuration: Configuration
    let templates: MessageTemplates
    let ledger: Ledger
    let settings: HTTPSettings
    let logs = LogCapture()
    let acknowledged = Counter()
    /// The configuration the routes render from; tests replace it as a reload would.
    let state: WebState
    /// The routes' clock, at ``now`` until a test moves it.
    let clock = TestClock(now)
    let telemetry = Telemetry()

    /// - Parameters:
    ///   - agencyName: replaces the name of Sở Tư pháp (to test escaping).
    ///   - onDisk: a ledger file in a temporary directory (the daemon's case, where rendered pages are cached)
    ///     instead of one in memory.
    init(agencyName: String? = nil, onDisk: Bool = false) throws {
        let loaded = try Self.load(agencyName: agencyName)
        configuration = loaded.configuration
        templates = loaded.templates
        ledger = try onDisk ? Ledger(path: Self.temporaryLedgerPath()) : Ledger.inMemory()
        settings = try #require(configuration.http)
        state = WebState(configuration: configuration, templates: templates)
    }

    /// `state.sqlite` in a new temporary directory.
    static func temporaryLedgerPath() -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nhacviec-web-state-\(UUID())")
        return Ledger.path(inStateDirectory: directory.path)
    }

    /// The shipped config, with Sở Tư pháp renamed to `agencyName` and `dayOff` announced as a day off.
    static func load(agencyName: String? = nil, dayOff: CivilDate? = nil) throws -> LoadedConfiguration {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nhacviec-web-\(UUID())")
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("Config"), to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        func edit(_ name: String, _ change: (String) -> String) throws {
            let file = directory.appendingPathComponent(name)
            try change(try String(contentsOf: file, encoding: .utf8)).write(to: file, atomically: true, encoding: .utf8)
        }
        if let agencyName {
            try edit("agencies.yaml") {
                $0.replacingOccurrences(of: "name: \"Sở Tư pháp\"", with: "name: \"\(agencyName)\"")
            }
        }
        if let dayOff {
            try edit("calendar/vietnam.yaml") {
                $0.replacingOccurrences(
                    of: "calendar:\n  days_off:\n",
                    with:
                        "calendar:\n  days_off:\n    - { date: \(dayOff.iso8601), name: \"Nghỉ đột xuất\", kind: announced }\n"
                )
            }
        }
        return try ConfigLoader.load(path: directory.appendingPathComponent("nhacviec.yaml").path)
    }

    func occurrence(_ reference: OccurrenceReference = monthlyReport) throws -> Occurrence {
        try #require(reference.resolve(in: configuration))
    }

    /// A token stored in the ledger for `agency`, as a reminder would carry.
    func token(
        for agency: String = "so-tu-phap", issuedTo: String? = nil, purpose: AccessToken.Purpose = .acknowledge,
        expiresAt: Date? = nil
    ) async throws -> AccessToken {
        let token = AccessToken.generate(purpose)
        try await ledger.insertTokens([
            IssuedToken(
                token: token, agency: AgencyID(agency), issuedTo: AgencyID(issuedTo ?? agency),
                occurrence: try occurrence(), createdAt: Self.now.addingTimeInterval(-3600),
                expiresAt: expiresAt ?? Self.now.addingTimeInterval(30 * 86_400))
        ])
        return token
    }

    func acknowledgement(of agency: String = "so-tu-phap") async throws -> Acknowledgement? {
        try await ledger.acknowledgement(occurrenceKey: Self.monthlyReport.key, agency: AgencyID(agency))
    }

    /// Runs `test` against the router, as the daemon would build it.
    func test<Value: Sendable>(_ test: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        let (counter, clock) = (acknowledged, clock)
        let dependencies = WebDependencies(
            state: state, ledger: ledger, settings: settings, now: { clock.now }, acknowledged: { counter.increment() },
            telemetry: telemetry)
        let logs = logs
        var logger = Logger(label: "nhacviec.web.test") { _ in LogCapture.Handler(capture: logs) }
        logger.logLevel = .trace
        let app = Application(router: WebApplication.router(dependencies: dependencies), logger: logger)
        return try await app.test(.router, test)
    }
}

/// Every log line (message and metadata) written through a logger, for asserting what logs never contain.
final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    var text: String { lines.withLock { $0.joined(separator: "\n") } }

    struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            let line = "\(event.level) \(event.message) \(all.map { "\($0)=\($1)" }.sorted().joined(separator: " "))"
            capture.lines.withLock { $0.append(line) }
        }
    }
}

/// How many times the web side told the scheduler that an acknowledgement arrived.
final class Counter: Sendable {
    private let value = Mutex(0)

    var count: Int { value.withLock { $0 } }

    func increment() {
        value.withLock { $0 += 1 }
    }
}

/// A clock a test moves by hand.
final class TestClock: Sendable {
    private let value: Mutex<Date>

    init(_ start: Date) {
        value = Mutex(start)
    }

    var now: Date { value.withLock { $0 } }

    func advance(days: Int) {
        value.withLock { $0 = $0.addingTimeInterval(Double(days) * 86_400) }
    }
}
