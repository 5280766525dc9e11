/// A plan issued by an office (e.g. 949/KH-UBND): its period and its tasks.
package struct Plan: Sendable {
    package var id: PlanID
    package var title: String
    package var issuer: String?
    package var issued: CivilDate?
    /// Every occurrence of every rule lies within this period.
    package var period: ClosedRange<CivilDate>
    package var tasks: [PlanTask]
    package var file: String
    package var location: SourceLocation?

    package init(
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
package struct PlanTask: Sendable {
    package var id: TaskID
    package var section: String?
    package var title: String
    package var content: String?
    package var product: String?
    package var lead: [AgencyReference]
    package var support: [AgencyReference]
    package var milestones: [Milestone]

    package init(
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
package struct Milestone: Sendable {
    package var id: MilestoneID
    /// The references as written (`lead` and `support` already replaced by the task's lists).
    package var who: [AgencyReference]
    /// The agencies that are reminded, groups expanded, sorted by id.
    package var assignees: [AgencyID]
    /// The recipient of the product, e.g. Văn phòng UBND tỉnh.
    package var recipient: AgencyReference?
    package var due: DueRule
    /// The day work starts ("Từ ngày 01/01/2026 …"): a "bắt đầu thực hiện" notice goes out on its working day.
    package var starts: CivilDate?
    package var text: String?
    /// Where a due date on a day off moves (milestone, else plan, else global setting).
    package var dayOffPolicy: DayOffPolicy
    /// The effective reminder policy (global, then plan, task and milestone overrides).
    package var reminders: ReminderPolicy
    package var location: SourceLocation?

    package init(
        id: MilestoneID, who: [AgencyReference], assignees: [AgencyID], recipient: AgencyReference? = nil,
        due: DueRule, starts: CivilDate? = nil, text: String? = nil, dayOffPolicy: DayOffPolicy = .previousWorkingDay,
        reminders: ReminderPolicy = ReminderPolicy(), location: SourceLocation? = nil
    ) {
        self.id = id
        self.who = who
        self.assignees = assignees
        self.recipient = recipient
        self.due = due
        self.starts = starts
        self.text = text
        self.dayOffPolicy = dayOffPolicy
        self.reminders = reminders
        self.location = location
    }
}
