import Foundation

/// Where every assigned agency stands on every deadline of a window, as the supervising office's overview shows it:
/// the counts, the deadlines of the next 30 days with "x/y cơ quan", and what is overdue, by agency, in working days.
///
/// Built from the schedule and the acknowledgements only (no I/O); the caller reads both and adds the deliveries.
package struct DeadlineBoard: Sendable {
    /// How far back the overview looks by default (and how long the ledger keeps what it shows).
    package static let historyDays = 90
    /// How far ahead the overview lists deadlines.
    package static let upcomingDays = 30
    /// "Sắp đến hạn": due within this many working days.
    package static let dueSoonWorkingDays = 3

    /// Where one agency stands on one occurrence.
    package enum State: String, Sendable, Hashable {
        case overdue
        case dueSoon = "due-soon"
        case open
        case doneOnTime = "done-on-time"
        case doneLate = "done-late"

        package var vietnamese: String {
            switch self {
            case .overdue: "Quá hạn"
            case .dueSoon: "Sắp đến hạn"
            case .open: "Chưa đến hạn"
            case .doneOnTime: "Hoàn thành đúng hạn"
            case .doneLate: "Hoàn thành trễ hạn"
            }
        }

        package var isDone: Bool { self == .doneOnTime || self == .doneLate }

        func matches(_ status: DashboardFilter.Status) -> Bool {
            switch status {
            case .overdue: self == .overdue
            case .dueSoon: self == .dueSoon
            case .open: !isDone
            case .done: isDone
            }
        }
    }

    /// One agency's part of one occurrence.
    package struct Assignment: Sendable {
        package var occurrence: Occurrence
        package var agency: AgencyID
        package var acknowledgement: Acknowledgement?
        package var state: State
        /// Working days since the effective due date (on the Vietnamese working-day calendar), 0 when not late.
        package var workingDaysLate: Int
    }

    /// One occurrence with the progress of its assigned agencies.
    package struct Deadline: Sendable {
        package var occurrence: Occurrence
        package var assignments: [Assignment]
        package var done: Int { assignments.count { $0.state.isDone } }
        /// "9/14 cơ quan".
        package var progress: String { "\(done)/\(assignments.count) cơ quan" }
    }

    /// The summary counts of the overview, over the agencies the filter keeps.
    package struct Counts: Sendable, Hashable {
        package var overdue = 0
        package var dueSoon = 0
        package var doneOnTimeThisMonth = 0
        package var doneLateThisMonth = 0
    }

    package let today: CivilDate
    /// Every occurrence of the window with its assignments, by due date (only those the filter's status keeps).
    package let deadlines: [Deadline]
    package let counts: Counts

    /// - Parameters:
    ///   - occurrences: the dated occurrences of the window, sorted by due date (from `Schedule`).
    ///   - acknowledgements: the reports on them, by occurrence key.
    ///   - agency: when set, only this agency's assignments are kept.
    package init(
        occurrences: [Occurrence], acknowledgements: [String: [Acknowledgement]], calendar: WorkingCalendar,
        localTime: LocalTime, today: CivilDate, filter: DashboardFilter = DashboardFilter()
    ) {
        self.today = today
        var counts = Counts()
        var deadlines: [Deadline] = []
        for occurrence in occurrences {
            guard let due = occurrence.due else { continue }
            let reports = Dictionary(
                (acknowledgements[occurrence.key] ?? []).map { ($0.agency, $0) },
                uniquingKeysWith: { first, _ in first })
            let agencies = occurrence.milestone.assignees.filter { filter.agency == nil || filter.agency == $0 }
            var assignments: [Assignment] = []
            for agency in agencies {
                let report = reports[agency]
                let state: State
                var late = 0
                if let report {
                    let reportedOn = localTime.civilDate(of: report.recordedAt)
                    state = reportedOn <= due ? .doneOnTime : .doneLate
                    if reportedOn.year == today.year && reportedOn.month == today.month {
                        if state == .doneOnTime {
                            counts.doneOnTimeThisMonth += 1
                        } else {
                            counts.doneLateThisMonth += 1
                        }
                    }
                } else if due < today {
                    state = .overdue
                    late = calendar.workingDays(from: due, to: today)
                    counts.overdue += 1
                } else if calendar.workingDays(from: today, to: due) <= Self.dueSoonWorkingDays {
                    state = .dueSoon
                    counts.dueSoon += 1
                } else {
                    state = .open
                }
                assignments.append(
                    Assignment(
                        occurrence: occurrence, agency: agency, acknowledgement: report, state: state,
                        workingDaysLate: late))
            }
            if let status = filter.status { assignments = assignments.filter { $0.state.matches(status) } }
            if !assignments.isEmpty { deadlines.append(Deadline(occurrence: occurrence, assignments: assignments)) }
        }
        self.deadlines = deadlines
        self.counts = counts
    }

    /// The deadlines due from today through the next 30 days.
    package var upcoming: [Deadline] {
        let end = today.adding(days: Self.upcomingDays)
        return deadlines.filter { deadline in deadline.occurrence.due.map { $0 >= today && $0 <= end } ?? false }
    }

    /// The overdue assignments by agency, the agency with the most first (then in the order of `name`), each
    /// agency's items longest overdue first.
    package func overdueByAgency(name: (AgencyID) -> String) -> [(agency: AgencyID, items: [Assignment])] {
        var groups: [AgencyID: [Assignment]] = [:]
        for deadline in deadlines {
            for assignment in deadline.assignments where assignment.state == .overdue {
                groups[assignment.agency, default: []].append(assignment)
            }
        }
        let names = Dictionary(uniqueKeysWithValues: groups.keys.map { ($0, name($0)) })
        return groups.map { (agency: $0.key, items: $0.value.sorted { $0.workingDaysLate > $1.workingDaysLate }) }
            .sorted { lhs, rhs in
                (rhs.items.count, names[lhs.agency] ?? "", lhs.agency)
                    < (lhs.items.count, names[rhs.agency] ?? "", rhs.agency)
            }
    }
}
