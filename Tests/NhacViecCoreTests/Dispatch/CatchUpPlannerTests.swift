import Foundation
import Testing

@testable import NhacViecCore

@Suite("Catch-up sends only the latest missed stage and never last year's reminders")
struct CatchUpPlannerTests {
    static func instant(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 9) -> Date {
        let date = CivilDate(year: year, month: month, day: day)!
        return LocalTime(identifier: "Asia/Ho_Chi_Minh").instant(of: date, at: TimeOfDay(hour: hour, minute: 0)).date
    }

    static func decisions(
        at now: Date, recorded: Set<String> = [], acknowledged: [String: Set<AgencyID>] = [:]
    ) throws
        -> (send: [String], skip: [String: String])
    {
        let configuration = try ConfigFixtures.compile()
        let decisions = CatchUpPlanner(configuration: configuration).decisions(
            now: now, isRecorded: { recorded.contains($0) }, acknowledged: acknowledged)
        var send: [String] = []
        var skip: [String: String] = [:]
        for decision in decisions {
            switch decision {
            case .send(let reminder): send.append(reminder.key)
            case .skip(let reminder, let reason): skip[reminder.key] = reason
            }
        }
        return (
            send.filter { $0.contains("so-tu-phap") && $0.contains("1.2.a") },
            skip.filter { $0.key.contains("so-tu-phap") && $0.key.contains("1.2.a") }
        )
    }

    @Test func onTimeReminderIsSentAtItsSendTime() throws {
        let result = try Self.decisions(at: Self.instant(2026, 6, 4, 8))
        #expect(result.send == ["949/KH-UBND:1.2.a:gui-vp:2026-06-15:so-tu-phap:before-7"])
    }

    @Test func reminderIsNotSentBeforeItsSendTime() throws {
        let result = try Self.decisions(at: Self.instant(2026, 6, 4, 7))
        #expect(result.send.isEmpty)
    }

    @Test func afterAWeekOfDowntimeOnlyTheLatestStageIsSent() throws {
        // Down from 3/6 to 12/6: before-7 (4/6) is older than catch_up_days (2), before-3 (10/6) is superseded.
        let result = try Self.decisions(at: Self.instant(2026, 6, 12, 10))
        #expect(result.send == ["949/KH-UBND:1.2.a:gui-vp:2026-06-15:so-tu-phap:before-1"])
        #expect(
            result.skip["949/KH-UBND:1.2.a:gui-vp:2026-06-15:so-tu-phap:before-7"]?.hasPrefix(
                "missed by more than catch_up_days") == true)
        #expect(
            result.skip["949/KH-UBND:1.2.a:gui-vp:2026-06-15:so-tu-phap:before-3"]
                == "superseded by a later reminder of the same deadline")
    }

    @Test func missedStagesWithinCatchUpAreSupersededByTheLatest() throws {
        // before-3 (10/6) missed, before-1 (12/6) due now: only before-1 goes out.
        let result = try Self.decisions(
            at: Self.instant(2026, 6, 12, 9), recorded: ["949/KH-UBND:1.2.a:gui-vp:2026-06-15:so-tu-phap:before-7"])
        #expect(result.send == ["949/KH-UBND:1.2.a:gui-vp:2026-06-15:so-tu-phap:before-1"])
        #expect(
            result.skip["949/KH-UBND:1.2.a:gui-vp:2026-06-15:so-tu-phap:before-3"]
                == "superseded by a later reminder of the same deadline")
    }

    @Test func freshInstallLongAfterADeadlineSendsNothingOld() throws {
        let result = try Self.decisions(at: Self.instant(2026, 9, 1, 9))
        #expect(result.send.isEmpty)
    }

    @Test func agencyThatReportedDoneIsNotReminded() throws {
        let result = try Self.decisions(
            at: Self.instant(2026, 6, 4, 8),
            acknowledged: ["949/KH-UBND:1.2.a:gui-vp:2026-06-15": [AgencyID("so-tu-phap")]])
        #expect(result.send.isEmpty)
        #expect(result.skip.values.contains("the agency reported this occurrence done"))
    }

    @Test func escalationOmitsAgenciesThatReportedAndIsSkippedWhenAllDid() throws {
        let configuration = try ConfigFixtures.compile()
        let planner = CatchUpPlanner(configuration: configuration)
        let key = "949/KH-UBND:1.2.a:gui-vp:2026-06-15"
        func escalation(_ done: Set<AgencyID>) -> CatchUpPlanner.Decision? {
            planner.decisions(now: Self.instant(2026, 6, 18, 9), isRecorded: { _ in false }, acknowledged: [key: done])
                .first { decision in
                    switch decision {
                    case .send(let r), .skip(let r, _): r.kind == .escalation && r.occurrence.key == key
                    }
                }
        }
        if case .send(let reminder)? = escalation([AgencyID("so-tu-phap")]) {
            #expect(reminder.overdueAgencies == [AgencyID("so-khcn")])
        } else {
            Issue.record("escalation should be sent")
        }
        if case .skip(_, let reason)? = escalation([AgencyID("so-tu-phap"), AgencyID("so-khcn")]) {
            #expect(reason == "every assigned agency has reported")
        } else {
            Issue.record("escalation should be skipped")
        }
    }
}

@Suite("Retries back off exponentially and stop when moot")
struct RetryPolicyTests {
    @Test func delayDoublesFromFiveMinutesToFourHours() {
        let policy = RetryPolicy()
        let delays = (1...8).map { policy.delay(afterAttempt: $0) }
        #expect(
            delays == [
                .seconds(300), .seconds(600), .seconds(1200), .seconds(2400), .seconds(4800), .seconds(9600),
                .seconds(14400), .seconds(14400),
            ])
    }

    @Test func retryAfterIsHonouredWhenLonger() {
        #expect(RetryPolicy().delay(afterAttempt: 1, suggested: .seconds(3600)) == .seconds(3600))
        #expect(RetryPolicy().delay(afterAttempt: 3, suggested: .seconds(10)) == .seconds(1200))
    }

    @Test func warningIsMootOnceTheDueDateHasPassed() {
        let due = CivilDate(year: 2026, month: 6, day: 15)!
        #expect(!RetryPolicy.isMoot(kind: .before, dueDate: due, plannedDate: due.adding(days: -3), today: due))
        #expect(
            RetryPolicy.isMoot(
                kind: .before, dueDate: due, plannedDate: due.adding(days: -3), today: due.adding(days: 1)))
        #expect(
            !RetryPolicy.isMoot(
                kind: .overdue, dueDate: due, plannedDate: due.adding(days: 2), today: due.adding(days: 5)))
    }
}
