public import Foundation
public import Logging
public import NhacViecCore
import NhacViecDelivery
public import NhacViecStore

/// What one pass did, for logs, `status` and `serve --once`.
public struct PassReport: Sendable, Equatable, CustomStringConvertible {
    public var recorded = 0
    public var skipped = 0
    public var sent = 0
    public var retrying = 0
    public var failed = 0

    public var description: String {
        "\(sent) sent, \(retrying) to retry, \(failed) failed, \(skipped) skipped, \(recorded) newly due"
    }
}

/// One delivery pass at one instant: record what has come due (with catch-up rules), then send every ready
/// delivery, marking each `sending` before the transport is called and `sent` after.
public struct DeliveryPass: Sendable {
    public let configuration: Configuration
    let composer: MessageComposer
    let ledger: Ledger
    let channels: DeliveryChannels
    let retry: RetryPolicy
    let links: LinkIssuer
    let logger: Logger

    public init(
        configuration: Configuration, templates: MessageTemplates, ledger: Ledger, channels: DeliveryChannels,
        logger: Logger
    ) {
        self.configuration = configuration
        self.composer = MessageComposer(configuration: configuration, templates: templates)
        self.ledger = ledger
        self.channels = channels
        self.retry = RetryPolicy(configuration.delivery.retry)
        self.links = LinkIssuer(configuration: configuration, ledger: ledger)
        self.logger = logger
    }

    private var localTime: LocalTime { LocalTime(identifier: configuration.timeZone) }

    /// Runs the pass as if the time were `now`.
    public func run(now: Date) async throws -> PassReport {
        var report = PassReport()
        try await sendReceipts(now: now, report: &report)
        try await record(now: now, report: &report)
        let ready = try await ledger.ready(at: now)
        guard !ready.isEmpty else { return report }
        let resolver = ReminderResolver(configuration: configuration, localTime: localTime, records: ready)
        let acknowledged = try await ledger.acknowledgedAgencies(occurrenceKeys: Array(Set(ready.map(\.occurrenceKey))))
        let today = localTime.civilDate(of: now)
        var emails: [EmailBatchKey: [(DeliveryRecord, PlannedReminder)]] = [:]
        var webhooks: [(DeliveryRecord, PlannedReminder)] = []
        for record in ready {
            guard let planned = resolver.reminder(for: record) else {
                try await ledger.markSkipped(ids: [record.id], reason: "no longer in the configuration", now: now)
                report.skipped += 1
                continue
            }
            let reminder: PlannedReminder
            switch planned.remaining(after: acknowledged[record.occurrenceKey] ?? []) {
            case .send(let pending):
                reminder = pending
            case .skip(let reason):
                try await ledger.markSkipped(ids: [record.id], reason: reason, now: now)
                report.skipped += 1
                continue
            }
            if RetryPolicy.isMoot(
                kind: reminder.kind, dueDate: reminder.occurrence.due, plannedDate: reminder.sendDate, today: today)
            {
                try await ledger.markFailed(
                    ids: [record.id],
                    error: "moot: not delivered before it stopped mattering"
                        + (record.lastError.map { "; last error: \($0)" } ?? ""),
                    now: now)
                report.failed += 1
                continue
            }
            if record.channel.hasPrefix("email:") {
                emails[
                    EmailBatchKey(agency: record.agency, date: reminder.sendDate, channel: record.channel), default: []
                ].append((record, reminder))
            } else {
                webhooks.append((record, reminder))
            }
        }
        for key in emails.keys.sorted(by: { ($0.date, $0.agency, $0.channel) < ($1.date, $1.agency, $1.channel) }) {
            try Task.checkCancellation()
            try await sendEmail(key, emails[key] ?? [], now: now, report: &report)
        }
        let disabled = try await ledger.disabledEndpoints()
        for (record, reminder) in webhooks {
            try Task.checkCancellation()
            try await sendWebhook(record, reminder, disabled: disabled, now: now, report: &report)
        }
        return report
    }

    /// The earliest instant after `now` when something is planned or a retry is due.
    public func nextWake(after now: Date) async throws -> Date? {
        let planned = ReminderPlanner(configuration: configuration).nextSend(after: now)
        let retry = try await ledger.nextAttemptTime().map { max($0, now) }
        let receipt = try await ledger.nextReceiptAttempt().map { max($0, now) }
        return [planned, retry, receipt].compactMap { $0 }.min()
    }

    // MARK: Recording what has come due

    private func record(now: Date, report: inout PassReport) async throws {
        let catchUp = CatchUpPlanner(configuration: configuration)
        let candidates = catchUp.candidates(now: now)
        guard !candidates.isEmpty else { return }
        let recorded = try await ledger.existingKeys(reminderKeys: candidates.map(\.key))
        let fresh = candidates.filter { !recorded.contains($0.key) }
        guard !fresh.isEmpty else { return }
        let acknowledged = try await ledger.acknowledgedAgencies(
            occurrenceKeys: Array(Set(fresh.map(\.occurrence.key))))
        var due: [NewDelivery] = []
        var skipped: [String: [NewDelivery]] = [:]
        for decision in catchUp.decisions(
            for: fresh, now: now, isRecorded: { _ in false }, acknowledged: acknowledged)
        {
            switch decision {
            case .send(let reminder):
                let channels = self.channels(for: reminder.agency)
                if channels.isEmpty {
                    skipped["the agency has neither email nor webhook", default: []].append(
                        delivery(reminder, channel: "none"))
                } else {
                    due.append(contentsOf: channels.map { delivery(reminder, channel: $0) })
                }
            case .skip(let reminder, let reason):
                let channels = self.channels(for: reminder.agency)
                skipped[reason, default: []].append(
                    contentsOf: (channels.isEmpty ? ["none"] : channels).map { delivery(reminder, channel: $0) })
            }
        }
        report.recorded += try await ledger.insertIfMissing(due, now: now)
        for (reason, items) in skipped {
            report.skipped += try await ledger.insertIfMissing(items, status: .skipped, reason: reason, now: now)
        }
        if !due.isEmpty {
            logger.info(
                "Reminders came due",
                metadata: ["deliveries": "\(due.count)", "skipped": "\(skipped.values.reduce(0) { $0 + $1.count })"])
        }
    }

    private func channels(for agency: AgencyID) -> [String] {
        guard let entry = configuration.directory.agencies[agency] else { return [] }
        return entry.emails.map { "email:" + $0 } + (entry.webhook == nil ? [] : ["webhook"])
    }

    private func delivery(_ reminder: PlannedReminder, channel: String) -> NewDelivery {
        NewDelivery(
            reminderKey: reminder.key, channel: channel, occurrenceKey: reminder.occurrence.key,
            agency: reminder.agency,
            kind: reminder.kind, stage: reminder.stage, dueDate: reminder.occurrence.due,
            plannedAt: localTime.instant(of: reminder.sendDate, at: reminder.sendAt).date)
    }

    // MARK: Email

    struct EmailBatchKey: Hashable {
        var agency: AgencyID
        var date: CivilDate
        var channel: String
    }

    private func sendEmail(
        _ key: EmailBatchKey, _ items: [(DeliveryRecord, PlannedReminder)], now: Date, report: inout PassReport
    ) async throws {
        let ids = items.map(\.0.id)
        guard let agency = configuration.directory.agencies[key.agency], !items.isEmpty else {
            try await ledger.markSkipped(ids: ids, reason: "the agency is no longer in the configuration", now: now)
            report.skipped += ids.count
            return
        }
        let digest = Digest(agency: key.agency, sendDate: key.date, sendAt: items[0].1.sendAt, items: items.map(\.1))
        var thread: [MessageID] = []
        for occurrence in Set(items.map(\.1.occurrence.key)).sorted() {
            for id in try await ledger.thread(occurrenceKey: occurrence, agency: key.agency) {
                if let messageID = try? MessageID(id), !thread.contains(messageID) { thread.append(messageID) }
            }
        }
        let address = String(key.channel.dropFirst("email:".count))
        let email: RenderedEmail
        let recipient: MailAddress
        do {
            email = try composer.email(
                for: digest, agency: agency, thread: thread, now: now,
                links: try await links.links(for: digest, now: now))
            recipient = try MailAddress(displayName: agency.name, address: address)
        } catch {
            try await ledger.markFailed(ids: ids, error: "cannot build the message: \(error)", now: now)
            report.failed += ids.count
            logger.error("Cannot build a reminder message", metadata: ["agency": "\(key.agency)", "error": "\(error)"])
            return
        }
        try await ledger.markSending(ids: ids, messageID: email.messageID.value, now: now)
        let result = await channels.mail.send(email, from: configuration.delivery.from, to: recipient)
        let attempts = (items.map(\.0.attempts).max() ?? 0) + 1
        var metadata: Logger.Metadata = [
            "agency": "\(key.agency)", "smtp.recipient": "\(address)", "message.id": "\(email.messageID.value)",
            "reminder.count": "\(items.count)",
        ]
        switch result {
        case .sent(let code):
            try await ledger.markSent(ids: ids, now: now)
            for occurrence in Set(items.map(\.1.occurrence.key)) {
                try await ledger.appendThread(
                    occurrenceKey: occurrence, agency: key.agency, messageID: email.messageID.value, now: now)
            }
            report.sent += ids.count
            metadata["smtp.code"] = "\(code)"
            logger.info("Reminder email sent", metadata: metadata)
        case .retryable(let code, let reason):
            let next = now.addingTimeInterval(retry.delay(afterAttempt: attempts).timeInterval)
            try await ledger.markRetry(
                ids: ids, error: "\(code.map { "\($0) " } ?? "")\(reason)", nextAttemptAt: next, now: now)
            report.retrying += ids.count
            metadata["error"] = "\(reason)"
            metadata["retry.at"] = "\(ISO8601DateFormatter().string(from: next))"
            logger.warning("Reminder email will be retried", metadata: metadata)
        case .permanent(let code, let reason):
            try await ledger.markFailed(ids: ids, error: "\(code) \(reason)", now: now)
            report.failed += ids.count
            metadata["smtp.code"] = "\(code)"
            metadata["error"] = "\(reason)"
            logger.error("Reminder email refused", metadata: metadata)
        case .configuration(let reason):
            let next = now.addingTimeInterval(retry.maximum.timeInterval)
            try await ledger.markRetry(ids: ids, error: "configuration: \(reason)", nextAttemptAt: next, now: now)
            report.retrying += ids.count
            metadata["error"] = "\(reason)"
            logger.error("Email delivery is misconfigured; fix it and reload", metadata: metadata)
        }
    }

    // MARK: Receipts

    /// A receipt is given up after this many attempts (days, with backoff up to `retry.max_minutes`).
    static let receiptAttempts = 24

    /// Sends the queued "Đã ghi nhận …" emails, with the same retries as reminders; a receipt whose acknowledgement
    /// or agency is gone is dropped.
    private func sendReceipts(now: Date, report: inout PassReport) async throws {
        for receipt in try await ledger.readyReceipts(at: now) {
            try Task.checkCancellation()
            guard let reference = OccurrenceReference(key: receipt.occurrenceKey),
                let occurrence = reference.resolve(in: configuration),
                let agency = configuration.directory.agencies[receipt.agency],
                let acknowledgement = try await ledger.acknowledgement(
                    occurrenceKey: receipt.occurrenceKey, agency: receipt.agency)
            else {
                try await ledger.markReceiptFailed(id: receipt.id, error: "the acknowledgement or agency is gone")
                continue
            }
            var values = OccurrenceContext.values(
                occurrence: occurrence, agency: receipt.agency, configuration: configuration)
            values.merge(
                OccurrenceContext.values(of: acknowledgement, configuration: configuration), uniquingKeysWith: { $1 })
            let thread = try await ledger.thread(occurrenceKey: receipt.occurrenceKey, agency: receipt.agency)
                .compactMap { try? MessageID($0) }
            let email: RenderedEmail
            let recipient: MailAddress
            do {
                recipient = try MailAddress(
                    displayName: agency.name, address: String(receipt.channel.dropFirst("email:".count)))
                email = try composer.receipt(
                    values: values, key: "\(receipt.occurrenceKey):\(receipt.agency)", to: recipient, thread: thread,
                    now: now)
            } catch {
                try await ledger.markReceiptFailed(id: receipt.id, error: "cannot build the message: \(error)")
                continue
            }
            try await ledger.markReceiptSending(id: receipt.id)
            let metadata: Logger.Metadata = [
                "agency": "\(receipt.agency)", "occurrence": "\(receipt.occurrenceKey)",
                "message.id": "\(email.messageID.value)",
            ]
            switch await channels.mail.send(email, from: configuration.delivery.from, to: recipient) {
            case .sent:
                try await ledger.markReceiptSent(id: receipt.id, now: now)
                report.sent += 1
                logger.info("Receipt email sent", metadata: metadata)
            case .retryable(_, let reason) where receipt.attempts + 1 >= Self.receiptAttempts,
                .configuration(let reason) where receipt.attempts + 1 >= Self.receiptAttempts:
                try await ledger.markReceiptFailed(
                    id: receipt.id, error: "gave up after \(Self.receiptAttempts) attempts: \(reason)")
                report.failed += 1
                logger.error("Receipt email given up", metadata: metadata)
            case .retryable(_, let reason), .configuration(let reason):
                let next = now.addingTimeInterval(retry.delay(afterAttempt: receipt.attempts + 1).timeInterval)
                try await ledger.markReceiptRetry(id: receipt.id, error: reason, nextAttemptAt: next)
                report.retrying += 1
                logger.warning("Receipt email will be retried", metadata: metadata)
            case .permanent(let code, let reason):
                try await ledger.markReceiptFailed(id: receipt.id, error: "\(code) \(reason)")
                report.failed += 1
                logger.error("Receipt email refused", metadata: metadata)
            }
        }
    }

    // MARK: Webhooks

    private func sendWebhook(
        _ record: DeliveryRecord, _ reminder: PlannedReminder, disabled: Set<String>, now: Date,
        report: inout PassReport
    ) async throws {
        guard let url = configuration.directory.agencies[record.agency]?.webhook else {
            try await ledger.markSkipped(ids: [record.id], reason: "the agency no longer has a webhook", now: now)
            report.skipped += 1
            return
        }
        if disabled.contains(url) {
            try await ledger.markFailed(ids: [record.id], error: "endpoint disabled after 410 Gone", now: now)
            report.failed += 1
            return
        }
        guard let transport = channels.webhook else {
            let next = now.addingTimeInterval(retry.maximum.timeInterval)
            try await ledger.markRetry(
                ids: [record.id], error: "configuration: no webhook signing secret", nextAttemptAt: next, now: now)
            report.retrying += 1
            return
        }
        let ackURL = try await links.ackURL(for: reminder, now: now)
        let body = Array(
            WebhookPayload.json(for: reminder, configuration: configuration, ackURL: ackURL).render().utf8)
        let request: WebhookRequest
        do {
            request = try WebhookRequest(endpoint: try WebhookEndpoint(url), id: reminder.key, body: body)
        } catch {
            try await ledger.markFailed(ids: [record.id], error: "\(error)", now: now)
            report.failed += 1
            return
        }
        try await ledger.markSending(ids: [record.id], messageID: reminder.key, now: now)
        let result = await transport.send(request)
        var metadata: Logger.Metadata = [
            "agency": "\(record.agency)", "webhook.url": "\(url)", "reminder.key": "\(reminder.key)",
        ]
        switch result {
        case .sent(let status):
            try await ledger.markSent(ids: [record.id], now: now)
            report.sent += 1
            metadata["http.status"] = "\(status)"
            logger.info("Webhook delivered", metadata: metadata)
        case .gone:
            try await ledger.disableEndpoint(url: url, reason: "410 Gone", now: now)
            try await ledger.markFailed(ids: [record.id], error: "410 Gone: endpoint disabled", now: now)
            report.failed += 1
            logger.warning("Webhook endpoint is gone and was disabled", metadata: metadata)
        case .retryable(let status, let retryAfter, let reason):
            let next = now.addingTimeInterval(
                retry.delay(afterAttempt: record.attempts + 1, suggested: retryAfter).timeInterval)
            try await ledger.markRetry(
                ids: [record.id], error: "\(status.map { "\($0) " } ?? "")\(reason)", nextAttemptAt: next, now: now)
            report.retrying += 1
            metadata["error"] = "\(reason)"
            logger.warning("Webhook will be retried", metadata: metadata)
        case .permanent(let status, let reason):
            try await ledger.markFailed(ids: [record.id], error: "\(status) \(reason)", now: now)
            report.failed += 1
            metadata["error"] = "\(reason)"
            logger.error("Webhook refused", metadata: metadata)
        case .configuration(let reason):
            let next = now.addingTimeInterval(retry.maximum.timeInterval)
            try await ledger.markRetry(
                ids: [record.id], error: "configuration: \(reason)", nextAttemptAt: next, now: now)
            report.retrying += 1
            metadata["error"] = "\(reason)"
            logger.error("Webhook delivery is misconfigured; fix it and reload", metadata: metadata)
        }
    }
}

/// Finds the planned reminders behind ledger rows by planning their send days again (keys are stable).
///
/// Each send day is planned once for all agencies: a pass over thousands of rows must not re-plan the whole
/// configuration per row.
struct ReminderResolver {
    private let byKey: [String: PlannedReminder]

    init(configuration: Configuration, localTime: LocalTime, records: [DeliveryRecord]) {
        let planner = ReminderPlanner(configuration: configuration)
        var byKey: [String: PlannedReminder] = [:]
        for day in Set(records.map { localTime.civilDate(of: $0.plannedAt) }) {
            for reminder in planner.reminders(from: day, through: day) { byKey[reminder.key] = reminder }
        }
        self.byKey = byKey
    }

    func reminder(for record: DeliveryRecord) -> PlannedReminder? {
        byKey[record.reminderKey]
    }
}
