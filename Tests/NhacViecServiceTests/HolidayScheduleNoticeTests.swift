import Foundation
import Logging
import NhacViecConfigFiles
import NhacViecCore
import NhacViecDelivery
import NhacViecService
import NhacViecStore
import Testing

/// The weekly notice that next year's announced holidays are missing, driven in-process through the runtime's pass
/// on the shipped Gia Lai config (which announces 2025 and 2026 only).
@Suite("The supervising office is told weekly that next year's holidays are missing")
struct HolidayScheduleNoticeTests {
    let mail = RecordingMail()
    let ledger: Ledger

    init() throws {
        ledger = try Ledger.inMemory()
    }

    func runtime(calendarAddition: String = "") throws -> ServiceRuntime {
        var loaded = try ConfigLoader.load(path: Repository.root.appendingPathComponent("Config/nhacviec.yaml").path)
        if !calendarAddition.isEmpty {
            var announced = loaded.configuration.calendar.announced
            announced.append(
                AnnouncedDay(
                    first: CivilDate(parsing: calendarAddition)!, last: CivilDate(parsing: calendarAddition)!,
                    name: "Tết Dương lịch", kind: .newYear, working: false, file: "Config/calendar/vietnam.yaml"))
            loaded.configuration.calendar = WorkingCalendar(announced: announced)
        }
        return ServiceRuntime(
            loaded: loaded, ledger: ledger, channels: DeliveryChannels(mail: mail, webhook: nil), logger: Logger.quiet)
    }

    /// `hour`:00 in Hà Nội on `day` (YYYY-MM-DD).
    static func at(_ day: String, hour: Int = 8) -> Date {
        ISO8601DateFormatter().date(from: "\(day)T\(hour < 10 ? "0" : "")\(hour):00:05+07:00")!
    }

    var notices: [RecordingMail.Sent] {
        mail.sent.filter { $0.text.contains("chưa có lịch nghỉ lễ, Tết năm 2027") }
    }

    @Test func noNoticeBeforeOctober() async throws {
        _ = try await runtime().runPass(now: Self.at("2026-09-30"))
        #expect(notices.isEmpty)
    }

    @Test func theNoticeGoesToTheOfficeOnOctoberFirstAndThenWeekly() async throws {
        let runtime = try runtime()
        let (_, next) = try await runtime.runPass(now: Self.at("2026-09-30", hour: 9))
        #expect(next.map { $0 <= Self.at("2026-10-01") } == true, "the loop wakes for the first notice")
        _ = try await runtime.runPass(now: Self.at("2026-10-01"))
        #expect(notices.map(\.recipient) == ["vp-ubnd@gialai.example"])
        #expect(notices.first?.text.contains("Tết Đinh Mùi nghỉ từ 05/02/2027 đến 09/02/2027") == true)
        _ = try await runtime.runPass(now: Self.at("2026-10-02"))
        _ = try await runtime.runPass(now: Self.at("2026-10-07"))
        #expect(notices.count == 1, "once a week, not at every pass")
        _ = try await runtime.runPass(now: Self.at("2026-10-08"))
        #expect(notices.count == 2)
        #expect(try await ledger.meta(.holidayNoticeSentOn) == "2026-10-08")
    }

    @Test func aRestartDoesNotRepeatTheWeeksNotice() async throws {
        _ = try await runtime().runPass(now: Self.at("2026-10-01"))
        _ = try await runtime().runPass(now: Self.at("2026-10-01", hour: 10))
        #expect(notices.count == 1)
    }

    @Test func aFailedNoticeIsTriedAgainAtTheNextPass() async throws {
        let runtime = try runtime()
        _ = try await runtime.pass.run(now: Self.at("2026-10-01"))
        mail.script([.retryable(code: 421, reason: "421 try later")])
        _ = try await runtime.runPass(now: Self.at("2026-10-01"))
        #expect(notices.isEmpty)
        _ = try await runtime.runPass(now: Self.at("2026-10-01", hour: 9))
        #expect(notices.count == 1)
    }

    @Test func theNoticeStopsOnceTheYearIsAdded() async throws {
        _ = try await runtime().runPass(now: Self.at("2026-10-01"))
        _ = try await runtime(calendarAddition: "2027-01-01").runPass(now: Self.at("2026-10-08"))
        #expect(notices.count == 1)
    }
}
