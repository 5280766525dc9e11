/// The whole validated configuration: time zone, calendar, policy, agencies and plans.
package struct Configuration: Sendable {
    /// IANA name, `Asia/Ho_Chi_Minh` by default.
    package var timeZone: String
    /// UTC offset of `timeZone` in seconds (Vietnam has had no DST since 1975).
    package var utcOffsetSeconds: Int
    package var stateDirectory: String
    /// How long the ledger keeps per-delivery rows (`state.retention_days`).
    package var retention: StateRetention
    package var calendar: WorkingCalendar
    package var reminders: ReminderPolicy
    package var delivery: DeliverySettings
    /// The web server for acknowledgement links; nil when nothing listens and messages carry no links.
    package var http: HTTPSettings?
    package var directory: Directory
    package var plans: [Plan]
    /// Every file that was read, main file first.
    package var files: [String]

    package init(
        timeZone: String = "Asia/Ho_Chi_Minh", utcOffsetSeconds: Int = 7 * 3600, stateDirectory: String = "var",
        retention: StateRetention = StateRetention(), calendar: WorkingCalendar = WorkingCalendar(),
        reminders: ReminderPolicy = ReminderPolicy(),
        delivery: DeliverySettings = .default, http: HTTPSettings? = nil, directory: Directory, plans: [Plan],
        files: [String] = []
    ) {
        self.timeZone = timeZone
        self.utcOffsetSeconds = utcOffsetSeconds
        self.stateDirectory = stateDirectory
        self.retention = retention
        self.calendar = calendar
        self.reminders = reminders
        self.delivery = delivery
        self.http = http
        self.directory = directory
        self.plans = plans
        self.files = files
    }

    /// `OK: 17 agencies, 2 groups, 1 plan, 21 tasks, 34 milestones`.
    package var summary: String {
        let tasks = plans.reduce(0) { $0 + $1.tasks.count }
        let milestones = plans.reduce(0) { $0 + $1.tasks.reduce(0) { $0 + $1.milestones.count } }
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        return "OK: "
            + [
                count(directory.agencies.count, "agency", "agencies"), count(directory.groups.count, "group", "groups"),
                count(plans.count, "plan", "plans"), count(tasks, "task", "tasks"),
                count(milestones, "milestone", "milestones"),
            ].joined(separator: ", ")
    }
}
