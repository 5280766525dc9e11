import Foundation

/// Writes an imported plan as a plan file in today's format, with comments where a person must look
/// ("XEM LẠI"), ready for `nhacviec check`.
package struct PlanDraftWriter: Sendable {
    let plan: ImportedPlan
    /// The document it was read from, named in the header.
    let source: String

    package init(plan: ImportedPlan, source: String) {
        self.plan = plan
        self.source = source
    }

    /// One line per figure, as the summary on stderr prints it.
    package var summary: String {
        let review = plan.toReview.count
        let unmatched = plan.unmatchedAgencies
        var lines = [
            "\(plan.id): \(plan.tasks.count) nhiệm vụ, \(plan.deadlinesUnderstood) thời hạn đã hiểu, "
                + "\(review) mục cần xem lại, \(unmatched.count) tên cơ quan chưa khớp danh bạ"
        ]
        for item in unmatched {
            let near = item.candidates.isEmpty ? "" : " (gần nhất: \(item.candidates.joined(separator: ", ")))"
            lines.append("  chưa khớp: \"\(item.name)\"\(near)")
        }
        return lines.joined(separator: "\n")
    }

    package func render() -> String {
        var out: [String] = [
            "# Bản nháp do `nhacviec import` tạo từ \(source); xem lại trước khi dùng.",
            "# \(summary.split(separator: "\n").first ?? "").",
            "# Tìm \"XEM LẠI\" để thấy từng chỗ cần xem; `nhacviec check` cảnh báo các ngày kế hoạch bỏ ngỏ.",
            "plan:",
            "  id: \(quoted(plan.id))",
            "  title: \(quoted(plan.title))",
        ]
        if let issuer = plan.issuer { out.append("  issuer: \(quoted(issuer))") }
        if let issued = plan.issued { out.append("  issued: \(issued.iso8601)") }
        out.append(
            "  period: { from: \(plan.period.lowerBound.iso8601), until: \(plan.period.upperBound.iso8601) }"
                + "   # \(plan.periodSource)")
        out.append("")
        out.append("tasks:")
        for task in plan.tasks { out += lines(of: task) }
        return out.joined(separator: "\n") + "\n"
    }

    private func lines(of task: ImportedTask) -> [String] {
        var out = ["  - id: \(quoted(task.id))"]
        if let section = task.section { out.append("    section: \(quoted(section))") }
        out.append("    title: \(quoted(task.title.isEmpty ? task.id : task.title))")
        if let content = task.content { out += block("content", content) }
        var lead = task.lead.references.map(\.description)
        if lead.isEmpty, let fallback = plan.fallbackLead {
            lead = [fallback.rawValue]
            out.append("    # XEM LẠI: kế hoạch giao chủ trì cho cơ quan chưa có trong danh bạ; tạm giao \(fallback)")
        }
        out.append("    lead: [\(lead.joined(separator: ", "))]\(note(task.lead))")
        out += unmatched(task.lead)
        out.append(
            "    support: [\(task.support.references.map(\.description).joined(separator: ", "))]\(note(task.support))")
        out += unmatched(task.support)
        if let product = task.product { out.append("    product: \(quoted(product))") }
        out.append("    milestones:")
        for milestone in task.milestones {
            out.append("      - id: \(milestone.id)")
            if let review = milestone.review { out.append("        # XEM LẠI: \(review)") }
            if milestone.deadline.dayLeftOpen {
                out.append("        # XEM LẠI: kế hoạch không ghi ngày; điền ngày theo quy định báo cáo của tỉnh")
            }
            if milestone.phrase == nil {
                out.append("        # kế hoạch không ghi thời hạn: thực hiện thường xuyên")
            }
            let who = milestone.who.map { "[\($0.map(\.description).joined(separator: ", "))]" } ?? "lead"
            out.append("        who: \(who)")
            out.append("        due: \(PlanDraftWriter.yaml(milestone.deadline, issued: plan.issued))")
            if let starts = milestone.deadline.starts { out.append("        starts: \(starts.iso8601)") }
            if let phrase = milestone.phrase { out.append("        text: \(quoted(phrase))") }
        }
        out.append("")
        return out
    }

    private func note(_ match: AgencyMatcher.Match) -> String {
        match.related.isEmpty ? "" : "   # + \(match.related.map { "\"\($0)\"" }.joined(separator: ", ")) (no id)"
    }

    private func unmatched(_ match: AgencyMatcher.Match) -> [String] {
        match.unmatched.map { item in
            let near = item.candidates.isEmpty ? "" : "; gần nhất: \(item.candidates.joined(separator: ", "))"
            return "    # XEM LẠI: \"\(item.name)\" không có trong danh bạ\(near)"
        }
    }

    private func block(_ key: String, _ text: String) -> [String] {
        guard text.contains("\n") else { return ["    \(key): \(quoted(text))"] }
        return ["    \(key): |-"] + text.split(separator: "\n").map { "      \($0)" }
    }

    private func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A deadline's rule as `due:` spells it; a day the plan leaves open stays open (`{ every: quarter }`), and
    /// such a periodic report starts the day after the plan is `issued` (none is due the day it is signed).
    package static func yaml(_ deadline: DeadlineReading.Deadline, issued: CivilDate? = nil) -> String {
        func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        if deadline.dayLeftOpen, case .recurring(let recurrence, _, _) = deadline.due,
            let open = OpenDay.allCases.first(where: { $0.rule == recurrence })
        {
            let from = issued.map { ", from: \($0.adding(days: 1).iso8601)" } ?? ""
            return "{ every: \(open.rawValue)\(from) }"
        }
        switch deadline.due {
        case .once(let date): return date.iso8601
        case .endOf(.year(let year)): return "{ by: year, year: \(year) }"
        case .endOf(.quarter(let quarter, let year)): return "{ by: quarter, quarter: \(quarter), year: \(year) }"
        case .endOf(.month(let month, let year)): return "{ by: month, month: \(month), year: \(year) }"
        case .recurring(let recurrence, _, _):
            switch recurrence {
            case .yearly(let month, let day): return "{ every: year, date: \"\(day)/\(month)\" }"
            case .yearlyDates(let days):
                return "{ every: year, date: [\(days.map { "\"\($0)\"" }.joined(separator: ", "))] }"
            case .monthly(let day): return "{ every: month, day: \(day) }"
            case .quarterly(let month, let day): return "{ every: quarter, month: \(month), day: \(day) }"
            case .weekly(let weekday): return "{ every: week, weekday: \(weekday.rawValue) }"
            }
        case .ongoing: return "ongoing"
        case .onRequest(let by, let date):
            let date = date.map { ", date: \($0.iso8601)" } ?? ""
            return "{ on_request: \(by.map(quoted) ?? "true")\(date) }"
        case .onEvent(let words, let date):
            return "{ when: \(quoted(words))\(date.map { ", date: \($0.iso8601)" } ?? "") }"
        }
    }
}
