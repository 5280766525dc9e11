/// A value with the place it was written, kept until references are resolved.
struct Located<Value> {
    var value: Value
    var location: SourceLocation
}

/// What one file contributed, parsed but not yet cross-checked.
struct RawFragment {
    var file: String
    var groups: [RawGroup] = []
    var agencies: [RawAgency] = []
    var plan: RawPlan?
    var daysOff: [AnnouncedDay] = []
    var workingDays: [AnnouncedDay] = []
    var dayLocations: [SourceLocation] = []
}

/// Settings only the main file may hold.
struct RawMainSettings {
    var timeZone: Located<String>?
    var stateDirectory: String?
    var retentionDays: Int?
    var includes: [Located<String>] = []
    var weekend: Set<Weekday>?
    var statutoryHolidays: Bool?
    var dueOnDayOff: DayOffPolicy?
    var reminders: RawReminderOverride?
    var delivery: DeliverySettings?
    var http: HTTPSettings?
}

struct RawGroup {
    var id: Located<String>
    var name: String
}

struct RawAgency {
    var id: Located<String>
    var name: String
    var emails: [Located<String>]
    var webhook: Located<String>?
    var groups: [Located<String>]
    var location: SourceLocation
}

struct RawPlan {
    var id: Located<String>
    var title: String
    var issuer: String?
    var issued: CivilDate?
    var period: ClosedRange<CivilDate>?
    var periodLocation: SourceLocation
    var dueOnDayOff: DayOffPolicy?
    var reminders: RawReminderOverride?
    var tasks: [RawTask]
    var location: SourceLocation
}

struct RawTask {
    var id: Located<String>
    var section: String?
    var title: String
    var content: String?
    var product: String?
    var lead: [Located<String>]
    var support: [Located<String>]
    /// Where `lead:` and `support:` are written, to report an empty one that a milestone's `who` relies on.
    var leadLocation: SourceLocation?
    var supportLocation: SourceLocation?
    var reminders: RawReminderOverride?
    var milestones: [RawMilestone]
    var location: SourceLocation
}

/// `who:` as written: the task's lead or support list, or explicit ids.
enum RawWho {
    case lead
    case support
    case references([Located<String>])
}

struct RawMilestone {
    var id: Located<String>
    var who: Located<RawWho>?
    var recipient: Located<String>?
    var due: Located<DueRule>?
    /// "bắt đầu thực hiện": the day work on the milestone starts.
    var starts: Located<CivilDate>?
    var text: String?
    var dueOnDayOff: DayOffPolicy?
    var reminders: RawReminderOverride?
    var location: SourceLocation
}

/// The keys of a `reminders:` block that were set; each level overrides the one above.
struct RawReminderOverride {
    var before: [Int]?
    var onDueDate: Bool?
    var overdueEvery: Int?
    var overdueMax: Int?
    var escalateAfter: Int??
    var escalateTo: Located<String>??
    var sendAt: TimeOfDay?
    var catchUpDays: Int?
}
