package import Foundation
import Mustache
package import NhacViecCore
package import NhacViecStore

/// The values of `templates/web/dashboard.html.mustache`, one builder per page: the template shows the section of the
/// page it is given (`overview`, `occurrence`, `agency` or `health`) inside the common header.
package struct DashboardPage {
    package let configuration: Configuration
    package let localTime: LocalTime
    package let today: CivilDate
    /// `<public path>/dashboard`: the start of every link and form action.
    package let base: String

    package init(configuration: Configuration, now: Date, base: String) {
        self.configuration = configuration
        self.localTime = LocalTime(identifier: configuration.timeZone)
        self.today = localTime.civilDate(of: now)
        self.base = base
    }

    private var directory: Directory { configuration.directory }

    /// The board of the filter's window, read from the schedule and the ledger's acknowledgements.
    package func board(filter: DashboardFilter, ledger: Ledger) async throws -> DeadlineBoard {
        let window = filter.window(today: today)
        let occurrences = Schedule(configuration: configuration).occurrences(
            from: window.lowerBound, through: window.upperBound,
            filter: Schedule.Filter(plan: filter.plan, agencies: filter.agency.map { [$0] }))
        let acknowledgements = try await ledger.acknowledgements(occurrenceKeys: occurrences.map(\.key))
        return DeadlineBoard(
            occurrences: occurrences, acknowledgements: acknowledgements, calendar: configuration.calendar,
            localTime: localTime, today: today, filter: filter)
    }

    // MARK: Links

    package func link(_ occurrence: Occurrence) -> String {
        base + "/occurrence?key=" + Self.encode(occurrence.key)
    }

    package func link(_ agency: AgencyID) -> String {
        base + "/agency/" + Self.encode(agency.rawValue)
    }

    package func link(filter: DashboardFilter, path: String = "") -> String {
        let query = filter.queryItems.map { $0.name + "=" + Self.encode($0.value) }.joined(separator: "&")
        return base + path + (query.isEmpty ? "" : "?" + query)
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~:"))) ?? text
    }

    // MARK: Overview

    /// How many agencies the overview's overdue list shows (the most behind first); the CSV has them all.
    static let overdueAgencyLimit = 60
    /// How many overdue items it shows per agency; the agency's page has them all.
    static let overdueItemLimit = 10

    /// The overdue list as the overview shows it: the agencies most behind, each with its longest overdue items,
    /// and how many agencies are behind in all. Computed once per page: at national scale the grouping is most of
    /// the page's work.
    package struct ShownOverdue {
        package var groups: [(agency: AgencyID, items: [DeadlineBoard.Assignment], more: Int)]
        package var agenciesBehind: Int

        /// The occurrences the list shows (whose last reminders the page reads).
        package var occurrenceKeys: [String] {
            Array(Set(groups.flatMap { $0.items.map(\.occurrence.key) }))
        }
    }

    package func shownOverdue(_ board: DeadlineBoard) -> ShownOverdue {
        let all = board.overdueByAgency { directory.name(of: .agency($0)) }
        let groups = all.prefix(Self.overdueAgencyLimit).map { group in
            (
                agency: group.agency, items: Array(group.items.prefix(Self.overdueItemLimit)),
                more: max(0, group.items.count - Self.overdueItemLimit)
            )
        }
        return ShownOverdue(groups: groups, agenciesBehind: all.count)
    }

    package func overview(
        board: DeadlineBoard, filter: DashboardFilter, overdue shown: ShownOverdue,
        lastReminders: [String: [DeliveryRecord]]
    ) -> [String: Any] {
        let window = filter.window(today: today)
        let overdue = shown.groups
        var values: [String: Any] = [
            "counts": [
                "overdue": board.counts.overdue, "due_soon": board.counts.dueSoon,
                "done_on_time": board.counts.doneOnTimeThisMonth, "done_late": board.counts.doneLateThisMonth,
            ],
            "month": "\(today.month)/\(today.year)",
            "today": today.vietnamese,
            "window": "từ \(window.lowerBound.vietnamese) đến \(window.upperBound.vietnamese)",
            "filter": filterForm(filter),
            "filtered": !filter.queryItems.isEmpty,
            "csv_link": link(filter: filter, path: "/overdue.csv"),
            "upcoming": board.upcoming.map { deadline in
                var row = occurrenceValues(deadline.occurrence)
                row["progress"] = deadline.progress
                row["complete"] = deadline.done == deadline.assignments.count
                return row
            },
            "overdue_groups": overdue.map { group in
                var entry: [String: Any] = [
                    "agency_name": directory.name(of: .agency(group.agency)),
                    "agency_link": link(group.agency),
                    "count": group.items.count + group.more,
                    "items": group.items.map { item in
                        var row = occurrenceValues(item.occurrence)
                        row["days_late"] = item.workingDaysLate
                        if let last = lastReminders[item.occurrence.key]?.last(where: { $0.agency == group.agency }) {
                            row["last_reminder"] = deliveryValues(last)
                        }
                        return row
                    },
                ]
                if group.more > 0 { entry["more"] = group.more }
                return entry
            },
        ]
        if shown.agenciesBehind > overdue.count { values["more_agencies"] = shown.agenciesBehind - overdue.count }
        return values
    }

    private func filterForm(_ filter: DashboardFilter) -> [String: Any] {
        [
            "action": base,
            "plans": configuration.plans.map { plan in
                ["id": plan.id.rawValue, "selected": plan.id == filter.plan] as [String: Any]
            },
            "agencies": directory.agencies.values.sorted { ($0.name, $0.id) < ($1.name, $1.id) }.map { agency in
                ["id": agency.id.rawValue, "name": agency.name, "selected": agency.id == filter.agency] as [String: Any]
            },
            "statuses": DashboardFilter.Status.allCases.map { status in
                ["value": status.rawValue, "label": status.vietnamese, "selected": status == filter.status]
                    as [String: Any]
            },
            "from": filter.from?.iso8601 ?? "",
            "to": filter.to?.iso8601 ?? "",
        ]
    }

    /// The overdue list as CSV (with a byte order mark for Excel): the supervising office's periodic report.
    package func overdueCSV(board: DeadlineBoard, lastReminders: [String: [DeliveryRecord]]) -> String {
        let rows = board.overdueByAgency { directory.name(of: .agency($0)) }.flatMap { group in
            group.items.map { item -> [String] in
                let occurrence = item.occurrence
                let last = lastReminders[occurrence.key]?.last { $0.agency == group.agency }
                return [
                    group.agency.rawValue, directory.name(of: .agency(group.agency)), occurrence.plan.rawValue,
                    occurrence.task.section ?? occurrence.task.id.rawValue, occurrence.task.title,
                    occurrence.milestone.text ?? "", occurrence.due?.iso8601 ?? "", String(item.workingDaysLate),
                    last.map { localTime.display($0.sentAt ?? $0.updatedAt) } ?? "",
                    last.map { Self.statusLabel($0.status) } ?? "",
                ]
            }
        }
        return CSV.render(
            headers: [
                "Mã cơ quan", "Cơ quan", "Kế hoạch", "Mục", "Nhiệm vụ", "Yêu cầu", "Hạn", "Số ngày làm việc quá hạn",
                "Lần nhắc gần nhất", "Kết quả gửi",
            ], rows: rows)
    }

    // MARK: Occurrence and agency

    package func occurrence(
        _ occurrence: Occurrence, board: DeadlineBoard, deliveries: [DeliveryRecord], isAdmin: Bool
    ) -> [String: Any] {
        let assignments = board.deadlines.first { $0.occurrence.key == occurrence.key }?.assignments ?? []
        var values = occurrenceValues(occurrence)
        values["key"] = occurrence.key
        values["progress"] = "\(assignments.count { $0.state.isDone })/\(assignments.count) cơ quan"
        values["agencies"] = assignments.map { assignment -> [String: Any] in
            var entry: [String: Any] = [
                "key": occurrence.key,
                "agency_id": assignment.agency.rawValue,
                "agency_name": directory.name(of: .agency(assignment.agency)),
                "agency_link": link(assignment.agency),
                "state": assignment.state.rawValue,
                "state_label": assignment.state.vietnamese,
                "deliveries": deliveries.filter { $0.agency == assignment.agency }.map { record in
                    var entry = deliveryValues(record)
                    entry["can_resend"] = isAdmin && record.status == .failed
                    entry["key"] = occurrence.key
                    return entry
                },
                "can_acknowledge": isAdmin && assignment.acknowledgement == nil,
                "can_undo": isAdmin && assignment.acknowledgement != nil,
            ]
            if assignment.workingDaysLate > 0 { entry["days_late"] = assignment.workingDaysLate }
            if let acknowledgement = assignment.acknowledgement {
                entry["report"] = OccurrenceContext.values(of: acknowledgement, configuration: configuration)
            }
            return entry
        }
        return values
    }

    package func agency(_ agency: Agency, board: DeadlineBoard, deliveries: [String: [DeliveryRecord]]) -> [String: Any]
    {
        var values: [String: Any] = [
            "id": agency.id.rawValue,
            "name": agency.name,
            "emails": agency.emails.joined(separator: ", "),
            "overdue": board.counts.overdue,
            "due_soon": board.counts.dueSoon,
            "items": board.deadlines.reversed().flatMap { deadline in
                deadline.assignments.map { assignment -> [String: Any] in
                    var row = occurrenceValues(deadline.occurrence)
                    row["state"] = assignment.state.rawValue
                    row["state_label"] = assignment.state.vietnamese
                    if assignment.workingDaysLate > 0 { row["days_late"] = assignment.workingDaysLate }
                    if let report = assignment.acknowledgement {
                        row["reported_at"] = localTime.vietnameseDateTime(report.recordedAt)
                    }
                    row["deliveries"] = (deliveries[deadline.occurrence.key] ?? []).filter { $0.agency == agency.id }
                        .map(deliveryValues)
                    return row
                }
            },
        ]
        if let webhook = agency.webhook { values["webhook"] = webhook }
        return values
    }

    // MARK: Delivery health

    package func health(
        lastPass: Date?, nextWake: Date?, counts: [DeliveryStatus: Int], retries: [DeliveryRecord],
        failures: [DeliveryRecord], endpoints: [DisabledEndpoint], actions: [DashboardAction], isAdmin: Bool
    ) -> [String: Any] {
        func withOccurrence(_ record: DeliveryRecord) -> [String: Any] {
            var values = deliveryValues(record)
            values["agency_name"] = directory.name(of: .agency(record.agency))
            values["agency_link"] = link(record.agency)
            if let reference = OccurrenceReference(key: record.occurrenceKey),
                let occurrence = reference.resolve(in: configuration)
            {
                values["occurrence_link"] = link(occurrence)
                values["task_title"] = occurrence.task.title
            }
            values["can_resend"] = isAdmin && record.status == .failed
            return values
        }
        return [
            "last_pass": lastPass.map(localTime.vietnameseDateTime) ?? "chưa có",
            "next_wake": nextWake.map(localTime.vietnameseDateTime) ?? "chưa lên lịch",
            "counts": DeliveryStatus.allCases.filter { $0 != .skipped }.map { status in
                ["label": Self.statusLabel(status), "count": counts[status] ?? 0] as [String: Any]
            },
            "retries": retries.map(withOccurrence),
            "failures": failures.map(withOccurrence),
            "endpoints": endpoints.map { endpoint in
                [
                    "url": endpoint.url, "reason": endpoint.reason,
                    "disabled_at": localTime.vietnameseDateTime(endpoint.disabledAt), "can_enable": isAdmin,
                ] as [String: Any]
            },
            "actions": actions.map { action in
                var row = [
                    "at": localTime.vietnameseDateTime(action.recordedAt), "user": action.user,
                    "label": action.kind.vietnamese, "target": action.target,
                ]
                if let detail = action.detail { row["detail"] = detail }
                return row
            },
        ]
    }

    // MARK: Shared values

    private func occurrenceValues(_ occurrence: Occurrence) -> [String: Any] {
        var values: [String: Any] = [
            "link": link(occurrence),
            "plan": occurrence.plan.rawValue,
            "plan_title": configuration.plans.first { $0.id == occurrence.plan }?.title ?? "",
            "section": occurrence.task.section ?? occurrence.task.id.rawValue,
            "task_title": occurrence.task.title,
        ]
        if let text = occurrence.milestone.text { values["milestone_text"] = text }
        if let due = occurrence.due {
            values["due"] = due.vietnamese
            values["due_weekday"] = due.weekday.vietnameseName
            if let nominal = occurrence.nominalDue, nominal != due { values["nominal_due"] = nominal.vietnamese }
        }
        return values
    }

    private func deliveryValues(_ record: DeliveryRecord) -> [String: Any] {
        var values: [String: Any] = [
            "id": String(record.id),
            "at": localTime.vietnameseDateTime(record.sentAt ?? record.updatedAt),
            "channel": record.channel.encoded,
            "stage": record.stage,
            "status": record.status.rawValue,
            "status_label": Self.statusLabel(record.status),
            "attempts": record.attempts,
        ]
        if let error = record.lastError { values["error"] = error }
        if let next = record.nextAttemptAt { values["next_attempt"] = localTime.vietnameseDateTime(next) }
        return values
    }

    static func statusLabel(_ status: DeliveryStatus) -> String {
        switch status {
        case .pending: "Chờ gửi"
        case .sending: "Đang gửi"
        case .sent: "Đã gửi"
        case .failed: "Gửi lỗi"
        case .skipped: "Không gửi"
        }
    }
}
