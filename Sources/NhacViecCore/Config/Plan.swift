/// A plan issued by an office (e.g. 949/KH-UBND): its period and its tasks.
public struct Plan: Sendable {
    public var id: PlanID
    public var title: String
    public var issuer: String?
    public var issued: CivilDate?
    /// Every occurrence of every rule lies within this period.
    public var period: ClosedRange<CivilDate>
    public var tasks: [PlanTask]
    public var file: String
    public var location: SourceLocation?

    public init(
        id: PlanID, title: String, issuer: String? = nil, issued: CivilDate? = nil, period: ClosedRange<CivilDate>,
        tasks: [PlanTask], file: String, location: SourceLocation? = nil
    ) {
        self.id = id
        self.title = title
        self.issuer = issuer
        self.issued = issued
        self.period = period
        self.tasks = tasks
        self.file = file
        self.location = location
    }
}

/// A task of a plan: who leads, who supports, what product is expected, and its milestones.
public struct PlanTask: Sendable {
    public var id: TaskID
    public var section: String?
    public var title: String
    public var content: String?
    public var product: String?
    public var lead: [AgencyReference]
    public var support: [AgencyReference]
    public var milestones: [Milestone]

    public init(
        id: TaskID, section: String? = nil, title: String, content: String? = nil, product: String? = nil,
        lead: [AgencyReference], support: [AgencyReference], milestones: [Milestone]
    ) {
        self.id = id
        self.section = section
        self.title = title
        self.content = content
        self.product = product
        self.lead = lead
        self.support = support
        self.milestones = milestones
    }
}

/// One deadline of a task: who must act, for whom, by when, in the plan's own words.
public struct Milestone: Sendable {
    public var id: MilestoneID
    /// The references as written (`lead` and `support` already replaced by the task's lists).
    public var who: [AgencyReference]
    /// The agencies that are reminded, groups expanded, sorted by id.
    public var assignees: [AgencyID]
    /// The recipient of the product, e.g. Văn phòng UBND tỉnh.
    public var recipient: AgencyReference?
    public var due: DueRule
    public var text: String?
    /// Where a due date on a day off moves (milestone, else plan, else global setting).
    public var dayOffPolicy: DayOffPolicy
    /// The effective reminder policy (global, then plan, task and milestone overrides).
    public var reminders: ReminderPolicy
    public var location: SourceLocation?

    public init(
        id: MilestoneID, who: [AgencyReference], assignees: [AgencyID], recipient: AgencyReference? = nil,
        due: DueRule, text: String? = nil, dayOffPolicy: DayOffPolicy = .previousWorkingDay,
        reminders: ReminderPolicy = ReminderPolicy(), location: SourceLocation? = nil
    ) {
        self.id = id
        self.who = who
        self.assignees = assignees
        self.recipient = recipient
        self.due = due
        self.text = text
        self.dayOffPolicy = dayOffPolicy
        self.reminders = reminders
        self.location = location
    }
}
