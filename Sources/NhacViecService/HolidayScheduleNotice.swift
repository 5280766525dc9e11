import Foundation
import Logging
import NhacViecCore
import NhacViecDelivery
import NhacViecStore

/// Tells the office that administers nhacviec, once a week, that next year's announced holidays are missing.
///
/// The notice goes by email to the `escalate_to` agency (Văn phòng UBND) at `send_at`, or to the log when no such
/// agency with an address is configured; the ledger's meta table remembers the day it last went out, so a restart
/// neither repeats it nor skips a week. It stops by itself once `Config/calendar/` has an entry for the year.
struct HolidayScheduleNotice: Sendable {
    let configuration: Configuration
    let composer: MessageComposer
    let mail: any MailTransport
    let ledger: Ledger
    let logger: Logger

    /// Sends the notice when one is due at `now`; returns when the next one is due (nil: nothing missing and not
    /// before 1 October of next year).
    func run(now: Date) async throws -> Date? {
        let localTime = LocalTime(identifier: configuration.timeZone)
        let sendAt = configuration.reminders.sendAt
        let today = localTime.civilDate(of: now)
        guard let missing = MissingHolidaySchedule(calendar: configuration.calendar, today: today) else {
            let october = CivilDate(year: today.year, month: MissingHolidaySchedule.noticeMonth, day: 1)
            return october.flatMap { $0 > today ? localTime.instant(of: $0, at: sendAt).date : nil }
        }
        let lastSent = try await ledger.meta(.holidayNoticeSentOn).flatMap(CivilDate.init(parsing:))
        let due = MissingHolidaySchedule.nextNotice(after: lastSent, today: today)
        let dueAt = localTime.instant(of: due, at: sendAt).date
        guard due == today, now >= dueAt else { return dueAt }
        if try await deliver(missing, day: today, now: now) {
            try await ledger.setMeta(.holidayNoticeSentOn, today.iso8601)
            return localTime.instant(of: today.adding(days: 7), at: sendAt).date
        }
        return nil
    }

    /// Emails the notice to every address of the office, or logs it when there is none; false when a send failed
    /// (the next pass tries again).
    private func deliver(_ missing: MissingHolidaySchedule, day: CivilDate, now: Date) async throws -> Bool {
        let metadata: Logger.Metadata = ["holidays.missing_year": "\(missing.year)"]
        guard let officeID = configuration.reminders.escalateTo,
            let office = configuration.directory.agencies[officeID], !office.emails.isEmpty
        else {
            logger.warning("\(missing.diagnostic.description)", metadata: metadata)
            return true
        }
        let message = try composer.holidayScheduleNotice(missing, to: office, day: day, now: now)
        var delivered = true
        for recipient in try composer.recipients(of: office) {
            let result = await mail.send(message, from: configuration.delivery.from, to: recipient)
            if case .sent = result {
                logger.notice(
                    "Holiday schedule notice sent", metadata: metadata.merging(["to": "\(recipient.address)"]) { $1 })
            } else {
                logger.error(
                    "Holiday schedule notice not sent: \(result)",
                    metadata: metadata.merging(["to": "\(recipient.address)"]) { $1 })
                delivered = false
            }
        }
        return delivered
    }
}
