package import Foundation
package import Logging
package import NhacViecCore
import NhacViecDelivery
package import NhacViecStore

/// One delivery pass at one instant: record what has come due (with catch-up rules), then send every ready
/// delivery, marking each `sending` before the transport is called and `sent` after.
package struct DeliveryPass: Sendable {
    package let configuration: Configuration
    let composer: MessageComposer
    let ledger: Ledger
    let channels: DeliveryChannels
    let retry: RetryPolicy
    let links: LinkIssuer
    let logger: Logger

    package init(
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
    package func run(now: Date) async throws -> PassReport {
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
        // Rows settled without a send, written in one transaction per outcome instead of one per row.
        var unsent: [DeliveryTransition: [Int64]] = [:]
        for record in ready {
            guard let planned = resolver.reminder(for: record) else {
                unsent[.skipped(reason: "no longer in the configuration"), default: []].append(record.id)
                continue
            }
            let reminder: PlannedReminder
            switch planned.remaining(after: acknowledged[record.occurrenceKey] ?? []) {
            case .send(let pending):
                reminder = pending
            case .skip(let reason):
                unsent[.skipped(reason: reason), default: []].append(record.id)
                continue
            }
            if RetryPolicy.isMoot(
                kind: reminder.kind, dueDate: reminder.occurrence.due, plannedDate: reminder.sendDate, today: today)
            {
                unsent[.moot(lastError: record.lastError), default: []].append(record.id)
                continue
            }
            switch record.channel {
            case .email(let address):
                emails[EmailBatchKey(agency: record.agency, date: reminder.sendDate, address: address), default: []]
                    .append((record, reminder))
            case .webhook:
                webhooks.append((record, reminder))
            case .none:
                unsent[.skipped(reason: "the agency has neither email nor webhook"), default: []].append(record.id)
            }
        }
        for (transition, ids) in unsent {
            try await settle(transition, ids: ids, now: now, report: &report)
        }
        for key in emails.keys.sorted(by: { ($0.date, $0.agency, $0.address) < ($1.date, $1.agency, $1.address) }) {
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
    package func nextWake(after now: Date) async throws -> Date? {
        let planned = ReminderPlanner(configuration: configuration).nextSend(after: now)
        let retry = try await ledger.nextAttemptTime().map { max($0, now) }
        let receipt = try await ledger.nextReceiptAttempt().map { max($0, now) }
        return [planned, retry, receipt].compactMap { $0 }.min()
    }

    // MARK: Retention

    /// Summarises and deletes what `state.retention_days` lets go (``Ledger/prune(before:now:)``), never anything
    /// the catch-up look-back of a pass could still ask about.
    @discardableResult
    package func applyRetention(now: Date) async throws -> PruneReport {
        let lookback = CatchUpPlanner(configuration: configuration).lookbackDays
        let lookbackStart = now.addingTimeInterval(-Double(lookback + 1) * 86_400)
        let cutoff = min(configuration.retention.cutoff(now: now), lookbackStart)
        let report = try await ledger.prune(before: cutoff, now: now)
        if report != PruneReport() {
            logger.info(
                "Old ledger rows summarised and deleted",
                metadata: [
                    "deliveries": "\(report.deliveries)", "skipped": "\(report.skipped)",
                    "tokens": "\(report.tokens)", "receipts": "\(report.receipts)",
                    "pages.freed": "\(report.freedPages)",
                ])
        }
        return report
    }

    // MARK: Recording what has come due

    private func record(now: Date, report: inout PassReport) async throws {
        let catchUp = CatchUpPlanner(configuration: configuration)
        let candidates = catchUp.candidates(now: now)
        guard !candidates.isEmpty else { return }
        let keys = candidates.map(\.key)
        let recorded = try await ledger.existingKeys(reminderKeys: keys)
        let fresh = zip(candidates, keys).filter { !recorded.contains($0.1) }.map(\.0)
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
                        delivery(reminder, channel: .none))
                } else {
                    due.append(contentsOf: channels.map { delivery(reminder, channel: $0) })
                }
            case .skip(let reminder, let reason):
                let channels = self.channels(for: reminder.agency)
                skipped[reason, default: []].append(
                    contentsOf: (channels.isEmpty ? [.none] : channels).map { delivery(reminder, channel: $0) })
            }
        }
        let written = try await ledger.record(due: due, skipped: skipped, now: now)
        report.recorded += written.due
        report.skipped += written.skipped
        if !due.isEmpty {
            logger.info(
                "Reminders came due", metadata: ["deliveries": "\(written.due)", "skipped": "\(written.skipped)"])
        }
    }

    private func channels(for agency: AgencyID) -> [DeliveryChannel] {
        configuration.directory.agencies[agency].map(DeliveryChannel.all(of:)) ?? []
    }

    private func delivery(_ reminder: PlannedReminder, channel: DeliveryChannel) -> NewDelivery {
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
        var address: String
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
        let occurrences = Set(items.map(\.1.occurrence.key)).sorted()
        let threads = try await ledger.threads(occurrenceKeys: occurrences, agency: key.agency)
        var thread: [MessageID] = []
        for occurrence in occurrences {
            for id in threads[occurrence] ?? [] {
                if let messageID = try? MessageID(id), !thread.contains(messageID) { thread.append(messageID) }
            }
        }
        let address = key.address
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
        let started = ContinuousClock.now
        let result = await channels.mail.send(email, from: configuration.delivery.from, to: recipient)
        ServiceMetrics.email(result.outcome, since: started)
        let transition = DeliveryTransition.after(
            result.outcome, attempts: (items.map(\.0.attempts).max() ?? 0) + 1, now: now, policy: retry)
        try await settle(
            transition, ids: ids, now: now, report: &report, what: "Reminder email",
            metadata: [
                "agency": "\(key.agency)", "smtp.recipient": "\(address)", "message.id": "\(email.messageID.value)",
                "reminder.count": "\(items.count)", "result": "\(result)",
            ])
    }

    /// Writes `transition` for the deliveries `ids`, counts it in the report and logs it: the one place every channel's
    /// outcome lands.
    private func settle(
        _ transition: DeliveryTransition, ids: [Int64], endpoint: String? = nil, now: Date,
        report: inout PassReport, what: String? = nil, metadata: Logger.Metadata = [:]
    ) async throws {
        try await ledger.apply(transition, ids: ids, endpoint: endpoint, now: now)
        var metadata = metadata
        switch transition {
        case .sent:
            report.sent += ids.count
            if let what { logger.info("\(what) sent", metadata: metadata) }
        case .retry(let at, let error):
            report.retrying += ids.count
            metadata["error"] = "\(error)"
            metadata["retry.at"] = "\(ISO8601DateFormatter().string(from: at))"
            if let what { logger.warning("\(what) will be retried", metadata: metadata) }
        case .failed(let error), .disableEndpoint(let error):
            report.failed += ids.count
            metadata["error"] = "\(error)"
            if let what { logger.error("\(what) not delivered", metadata: metadata) }
        case .skipped:
            report.skipped += ids.count
        }
    }

    // MARK: Receipts

    /// A receipt is given up after this many attempts (days, with backoff up to `retry.max_minutes`).
    static let receiptAttempts = 24

    /// Sends the queued "Đã ghi nhận …" emails, with the same retries as reminders; a receipt whose acknowledgement
    /// or agency is gone is dropped.
    /// Sends only the queued receipts, for the wake an acknowledgement asks for: a full pass at national scale takes
    /// seconds, a receipt should not wait for it.
    package func sendReceipts(now: Date) async throws -> PassReport {
        var report = PassReport()
        try await sendReceipts(now: now, report: &report)
        return report
    }

    /// The earliest retry of a queued receipt, if any, no earlier than `now`.
    package func nextWake(afterReceiptsAt now: Date) async throws -> Date? {
        try await ledger.nextReceiptAttempt(retriesOnly: true).map { max($0, now) }
    }

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
                recipient = try MailAddress(displayName: agency.name, address: receipt.channel.address ?? "")
                email = try composer.receipt(
                    values: values, occurrence: occurrence, agency: receipt.agency,
                    key: "\(receipt.occurrenceKey):\(receipt.agency)", to: recipient, thread: thread,
                    now: now)
            } catch {
                try await ledger.markReceiptFailed(id: receipt.id, error: "cannot build the message: \(error)")
                continue
            }
            try await ledger.markReceiptSending(id: receipt.id)
            let started = ContinuousClock.now
            let result = await channels.mail.send(email, from: configuration.delivery.from, to: recipient)
            ServiceMetrics.email(result.outcome, since: started)
            let transition = DeliveryTransition.after(
                result.outcome, attempts: receipt.attempts + 1, now: now, policy: retry,
                maximumAttempts: Self.receiptAttempts)
            try await ledger.apply(transition, receipt: receipt.id, now: now)
            logger.info(
                "Receipt email attempted",
                metadata: [
                    "agency": "\(receipt.agency)", "occurrence": "\(receipt.occurrenceKey)",
                    "message.id": "\(email.messageID.value)", "result": "\(result)",
                ])
            switch transition {
            case .sent: report.sent += 1
            case .retry: report.retrying += 1
            case .failed, .skipped, .disableEndpoint: report.failed += 1
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
            try await settle(
                .failed(error: "endpoint disabled after 410 Gone"), ids: [record.id], now: now, report: &report)
            return
        }
        guard let transport = channels.webhook else {
            let transition = DeliveryTransition.after(
                .configuration(reason: "no webhook signing secret"), attempts: record.attempts + 1, now: now,
                policy: retry)
            try await settle(transition, ids: [record.id], now: now, report: &report)
            return
        }
        let ackURL = try await links.ackURL(for: reminder, now: now)
        let body = Array(
            WebhookPayload.json(for: reminder, configuration: configuration, ackURL: ackURL).render().utf8)
        let request: WebhookRequest
        do {
            request = try WebhookRequest(endpoint: try WebhookEndpoint(url), id: reminder.key, body: body)
        } catch {
            try await settle(.failed(error: "\(error)"), ids: [record.id], now: now, report: &report)
            return
        }
        try await ledger.markSending(ids: [record.id], messageID: reminder.key, now: now)
        let started = ContinuousClock.now
        let result = await transport.send(request)
        ServiceMetrics.webhook(result.outcome, since: started)
        try await settle(
            .after(result.outcome, attempts: record.attempts + 1, now: now, policy: retry), ids: [record.id],
            endpoint: url, now: now, report: &report, what: "Webhook",
            metadata: [
                "agency": "\(record.agency)", "webhook.url": "\(url)", "reminder.key": "\(reminder.key)",
                "result": "\(result)",
            ])
    }
}
