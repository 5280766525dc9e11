import Foundation

/// Template values that describe one occurrence and one report, shared by the web page and the receipt email.
package enum OccurrenceContext {
    package static func values(
        occurrence: Occurrence, agency: AgencyID, configuration: Configuration
    )
        -> [String: Any]
    {
        let plan = configuration.plans.first { $0.id == occurrence.plan }
        var values: [String: Any] = [
            "agency_id": agency.rawValue,
            "agency_name": configuration.directory.name(of: .agency(agency)),
            "plan": occurrence.plan.rawValue,
            "plan_title": plan?.title ?? "",
            "task": occurrence.task.id.rawValue,
            "section": occurrence.task.section ?? occurrence.task.id.rawValue,
            "task_title": occurrence.task.title,
            "milestone": occurrence.milestone.id.rawValue,
        ]
        if let office = ReportOffice.names(of: [occurrence], for: agency, configuration: configuration) {
            values["report_to"] = office
        }
        if let text = occurrence.milestone.text { values["milestone_text"] = text }
        if let recipient = occurrence.milestone.recipient {
            values["to"] = configuration.directory.name(of: recipient)
        }
        if let due = occurrence.due {
            values["due"] = due.vietnamese
            values["due_weekday"] = due.weekday.vietnameseName
            if let nominal = occurrence.nominalDue, nominal != due { values["nominal_due"] = nominal.vietnamese }
        }
        return values
    }

    /// `recorded_at` ("08:15 ngày 3/12/2026"), `reporter`, `note`, `source_label`, `on_behalf_by`.
    package static func values(of acknowledgement: Acknowledgement, configuration: Configuration) -> [String: Any] {
        let localTime = LocalTime(identifier: configuration.timeZone)
        var values: [String: Any] = [
            "recorded_at": localTime.vietnameseDateTime(acknowledgement.recordedAt),
            "source_label": acknowledgement.source.vietnamese,
        ]
        if let reporter = acknowledgement.reporter { values["reporter"] = reporter }
        if let note = acknowledgement.note { values["note"] = note }
        if let by = acknowledgement.onBehalfBy {
            values["on_behalf_by"] = configuration.directory.name(of: .agency(by))
        }
        return values
    }
}
