import Foundation

/// The filters of the dashboard's overview and CSV export, read from and written back to the query string so that a
/// link reproduces the view: `?plan=949/KH-UBND&agency=so-tu-phap&status=overdue&from=2026-09-01&to=2026-12-31`.
package struct DashboardFilter: Sendable, Hashable {
    /// Which assignments to list.
    package enum Status: String, Sendable, CaseIterable {
        case overdue
        case dueSoon = "due-soon"
        case open
        case done

        /// The option's label in the filter form.
        package var vietnamese: String {
            switch self {
            case .overdue: "Quá hạn"
            case .dueSoon: "Sắp đến hạn (3 ngày làm việc)"
            case .open: "Chưa hoàn thành"
            case .done: "Đã hoàn thành"
            }
        }
    }

    package var plan: PlanID?
    package var agency: AgencyID?
    package var status: Status?
    package var from: CivilDate?
    package var to: CivilDate?

    package init(
        plan: PlanID? = nil, agency: AgencyID? = nil, status: Status? = nil, from: CivilDate? = nil,
        to: CivilDate? = nil
    ) {
        self.plan = plan
        self.agency = agency
        self.status = status
        self.from = from
        self.to = to
    }

    /// The filters of a query string's decoded values; an empty or unreadable value means "no filter".
    package init(query: [String: String]) {
        func value(_ name: String) -> String? {
            guard let text = query[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        self.init(
            plan: value("plan").map(PlanID.init), agency: value("agency").map(AgencyID.init),
            status: value("status").flatMap(Status.init(rawValue:)),
            from: value("from").flatMap(CivilDate.init(parsing:)),
            to: value("to").flatMap(CivilDate.init(parsing:)))
    }

    /// The pairs of the query string that reproduces these filters, in a fixed order, without empty values.
    package var queryItems: [(name: String, value: String)] {
        [
            ("plan", plan?.rawValue), ("agency", agency?.rawValue), ("status", status?.rawValue),
            ("from", from?.iso8601), ("to", to?.iso8601),
        ].compactMap { pair in pair.1.map { (pair.0, $0) } }
    }

    /// The window of due dates the overview reads: the filter's dates, or 90 days back and 30 ahead of `today`.
    package func window(today: CivilDate) -> ClosedRange<CivilDate> {
        let start = from ?? today.adding(days: -DeadlineBoard.historyDays)
        let end = max(start, to ?? today.adding(days: DeadlineBoard.upcomingDays))
        return start...end
    }
}
