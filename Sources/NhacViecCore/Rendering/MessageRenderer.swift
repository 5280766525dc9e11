import Mustache

/// A reminder email before MIME encoding: the rendered subject and both bodies.
package struct RenderedMessage: Sendable, Equatable {
    package var subject: String
    package var text: String
    package var html: String
}

/// Renders a digest into Vietnamese text with the admin's templates (pure; no I/O).
package struct MessageRenderer: Sendable {
    package let configuration: Configuration
    package let templates: MessageTemplates

    package init(configuration: Configuration, templates: MessageTemplates) {
        self.configuration = configuration
        self.templates = templates
    }

    /// - Parameter links: the acknowledgement link of each item (none without an `http:` section).
    package func render(_ digest: Digest, links: AcknowledgementLinks = .none) -> RenderedMessage {
        var context = self.context(for: digest, links: links)
        let subject = templates.subject.render(context)
            .split(whereSeparator: \.isNewline).joined(separator: " ").trimmingSpaces
        context["subject"] = subject
        return RenderedMessage(
            subject: subject, text: templates.text.render(context), html: templates.html.render(context))
    }

    /// The receipt "Đã ghi nhận …" from the `receipt*.mustache` templates and ``OccurrenceContext`` values.
    package func renderReceipt(_ values: [String: Any]) -> RenderedMessage {
        var values = values
        let subject = templates[.receiptSubject].render(values)
            .split(whereSeparator: \.isNewline).joined(separator: " ").trimmingSpaces
        values["subject"] = subject
        return RenderedMessage(
            subject: subject, text: templates[.receiptText].render(values), html: templates[.receiptHTML].render(values)
        )
    }

    /// The values templates can use; documented in `Config/templates/README.md`. `subject` is added once the subject
    /// is rendered, for the bodies.
    package func context(for digest: Digest, links: AcknowledgementLinks = .none) -> [String: Any] {
        let directory = configuration.directory
        let agency = directory.agencies[digest.agency]
        let items = digest.items.map { item($0, links: links) }
        let occurrences = digest.items.map(\.occurrence)
        let escalations = digest.items.filter { $0.kind == .escalation }
        var context: [String: Any] = [
            "agency_id": digest.agency.rawValue,
            "agency_name": agency?.name ?? digest.agency.rawValue,
            "send_date": digest.sendDate.vietnamese,
            "send_weekday": digest.sendDate.weekday.vietnameseName,
            "count": items.count,
            "items": items,
            "single": items.count == 1,
            "multiple": items.count > 1,
            "escalation": !escalations.isEmpty && escalations.count == items.count,
            "has_links": !links.items.isEmpty || !links.onBehalf.isEmpty,
            "plans": plans(digest, items: items),
        ]
        if let calendar = links.calendar {
            context["calendar"] = ["webcal": calendar.webcal, "https": calendar.https]
        }
        if let office = ReportOffice.names(of: occurrences, for: digest.agency, configuration: configuration) {
            context["report_to"] = office
        }
        if let first = items.first { context["first"] = first }
        if let due = digest.items.compactMap(\.occurrence.due).min() { context["first_due"] = due.vietnamese }
        return context
    }

    /// The items grouped by plan, so the long plan title is printed once: plans in the order of their first item.
    private func plans(_ digest: Digest, items: [[String: Any]]) -> [[String: Any]] {
        var order: [PlanID] = []
        var grouped: [PlanID: [[String: Any]]] = [:]
        for (reminder, item) in zip(digest.items, items) {
            let plan = reminder.occurrence.plan
            if grouped[plan] == nil { order.append(plan) }
            grouped[plan, default: []].append(item)
        }
        return order.map { id in
            let plan = configuration.plans.first { $0.id == id }
            var values: [String: Any] = [
                "plan": id.rawValue, "plan_title": plan?.title ?? "", "items": grouped[id] ?? [],
            ]
            if let issuer = plan?.issuer { values["plan_issuer"] = issuer }
            return values
        }
    }

    private func item(_ reminder: PlannedReminder, links: AcknowledgementLinks) -> [String: Any] {
        let occurrence = reminder.occurrence
        let task = occurrence.task
        let milestone = occurrence.milestone
        let directory = configuration.directory
        let plan = configuration.plans.first { $0.id == occurrence.plan }
        var item: [String: Any] = [
            "kind": reminder.kind.rawValue,
            "kind_label": MessageRenderer.label(reminder.kind),
            "plan": occurrence.plan.rawValue,
            "plan_title": plan?.title ?? "",
            "task": task.id.rawValue,
            "section": task.section ?? task.id.rawValue,
            "task_title": task.title,
            "milestone": milestone.id.rawValue,
            "key": reminder.key,
            "who": milestone.who.map(directory.name(of:)).joined(separator: "; "),
        ]
        if let link = links.items[reminder.key] { item["ack_url"] = link }
        if let text = milestone.text { item["text"] = text }
        if let product = task.product { item["product"] = product }
        if let recipient = milestone.recipient { item["to"] = directory.name(of: recipient) }
        if let due = occurrence.due {
            item["due"] = due.vietnamese
            item["due_iso"] = due.iso8601
            item["due_weekday"] = due.weekday.vietnameseName
        }
        if let nominal = occurrence.nominalDue, nominal != occurrence.due, occurrence.due != nil {
            item["nominal_due"] = nominal.vietnamese
        }
        if let left = reminder.workingDaysLeft {
            item["working_days_left"] = left
            item["status"] = MessageRenderer.status(left)
            item["overdue"] = left < 0
        }
        if reminder.kind == .escalation {
            item["has_overdue_agencies"] = !reminder.overdueAgencies.isEmpty
            let onBehalf = links.onBehalf[reminder.key] ?? [:]
            item["overdue_agencies"] = reminder.overdueAgencies.map { agency -> [String: Any] in
                var entry: [String: Any] = [
                    "id": agency.rawValue, "name": directory.agencies[agency]?.name ?? agency.rawValue,
                ]
                if let link = onBehalf[agency] { entry["ack_url"] = link }
                return entry
            }
        }
        return item
    }

    /// "còn 3 ngày làm việc", "đến hạn hôm nay", "đã quá hạn 2 ngày làm việc".
    package static func status(_ workingDaysLeft: Int) -> String {
        switch workingDaysLeft {
        case 0: "đến hạn hôm nay"
        case 1...: "còn \(workingDaysLeft) ngày làm việc"
        default: "đã quá hạn \(-workingDaysLeft) ngày làm việc"
        }
    }

    static func label(_ kind: ReminderKind) -> String {
        switch kind {
        case .before: "Nhắc trước hạn"
        case .due: "Đến hạn hôm nay"
        case .overdue: "Quá hạn"
        case .escalation: "Đơn vị chưa hoàn thành"
        case .nudge: "Nhắc việc thường xuyên"
        case .start: "Bắt đầu thực hiện"
        }
    }
}
