/// One due date of one milestone: the nominal date the plan names and the effective working day.
///
/// The task and milestone live in a shared ``Subject``: a pass plans about 100,000 occurrences at national scale,
/// and copying the two structs (with their twenty-odd strings and arrays) into each dominated its time and memory.
package struct Occurrence: Sendable {
    /// The task and milestone an occurrence is of, created once per milestone and shared by all its occurrences.
    package final class Subject: Sendable {
        package let task: PlanTask
        package let milestone: Milestone

        package init(task: PlanTask, milestone: Milestone) {
            self.task = task
            self.milestone = milestone
        }
    }

    package var plan: PlanID
    package let subject: Subject
    package var task: PlanTask { subject.task }
    package var milestone: Milestone { subject.milestone }
    /// The date as the rule gives it (nil for ongoing work and undated requests).
    package var nominalDue: CivilDate?
    /// The date after moving off weekends and holidays.
    package var due: CivilDate?
    /// The milestone's start ("bắt đầu thực hiện", `starts:`) rather than a deadline: `nominalDue` is the start
    /// and `due` its working day.
    package var isStart: Bool

    package init(
        plan: PlanID, task: PlanTask, milestone: Milestone, nominalDue: CivilDate?, due: CivilDate?,
        isStart: Bool = false
    ) {
        self.init(
            plan: plan, subject: Subject(task: task, milestone: milestone), nominalDue: nominalDue, due: due,
            isStart: isStart)
    }

    package init(plan: PlanID, subject: Subject, nominalDue: CivilDate?, due: CivilDate?, isStart: Bool = false) {
        self.plan = plan
        self.subject = subject
        self.nominalDue = nominalDue
        self.due = due
        self.isStart = isStart
    }

    /// How the listings name the rule: the due rule's summary, or `starts` for a start.
    package var ruleSummary: String {
        isStart ? "starts" : milestone.due.summary
    }

    /// Stable identity of this occurrence, `plan:task:milestone:YYYY-MM-DD` (nominal date, or `undated`).
    package var key: String {
        reference.key
    }

    /// Plan, task, milestone and nominal date: enough to find this occurrence again after a reload.
    package var reference: OccurrenceReference {
        OccurrenceReference(plan: plan, task: task.id, milestone: milestone.id, nominalDue: nominalDue)
    }
}
