import Yams

/// Reads a milestone's `due:` (and `nudge:`) into a `DueRule`.
struct DueRuleParser {
    let sink: DiagnosticSink
    /// The milestone's `text:`, named by the warning about a day the plan leaves open.
    var phrase: String?

    static let example = "e.g. due: 2025-04-25, due: { every: year, date: \"15/6\" }, due: ongoing"

    func parse(_ node: YAMLNode, nudge: YAMLNode?) -> DueRule? {
        let rule = parseRule(node, nudge: nudge)
        if let nudge, let rule {
            if case .ongoing = rule {
            } else {
                sink.error(
                    nudge.location, "'nudge' only applies to 'due: ongoing'",
                    fix: "remove it or make the milestone ongoing")
            }
        }
        return rule
    }

    private func parseRule(_ node: YAMLNode, nudge: YAMLNode?) -> DueRule? {
        if !node.isMapping {
            switch node.scalarText {
            case "ongoing": return .ongoing(nudge: nudge.flatMap { recurrence($0, what: "nudge") })
            case "on_request": return .onRequest(by: nil, date: nil)
            default:
                if node.isSequence || node.isNull {
                    sink.error(
                        node.location, "due must be a date, a rule or 'ongoing', found \(node.describe)",
                        fix: DueRuleParser.example)
                    return nil
                }
                return node.date("due").map(DueRule.once)
            }
        }
        guard case .mapping(let mapping) = node.node else { return nil }
        let present = Set(mapping.keys.compactMap(\.string))
        if present.contains("on_request") {
            guard let keys = node.mapping("due", allowed: ["on_request", "date"]) else { return nil }
            let by = keys["on_request"].flatMap { value -> String? in
                if value.isNull || value.scalarText == "true" { return nil }
                return value.line("on_request")
            }
            let date = keys["date"].flatMap { $0.isNull ? nil : $0.date("due.date") }
            return .onRequest(by: by, date: date)
        }
        if present.contains("when") {
            guard let keys = node.mapping("due", allowed: ["when", "date"]), let event = keys["when"]?.line("when")
            else { return nil }
            let date = keys["date"].flatMap { $0.isNull ? nil : $0.date("due.date") }
            return .onEvent(event, date: date)
        }
        if present.contains("by") { return periodEnd(node) }
        if present.contains("ongoing") {
            guard let keys = node.mapping("due", allowed: ["ongoing", "nudge"]) else { return nil }
            if let flag = keys["ongoing"], flag.boolean("ongoing") == false {
                sink.error(flag.location, "'ongoing: false' has no meaning", fix: "give a date or a rule instead")
            }
            if keys["nudge"] != nil, nudge != nil {
                sink.error(nudge?.location, "'nudge' is given twice", fix: "keep the one inside 'due'")
            }
            let nudgeNode = keys["nudge"] ?? nudge
            return .ongoing(nudge: nudgeNode.flatMap { recurrence($0, what: "nudge") })
        }
        guard present.contains("every") else {
            let hint =
                present.contains("date")
                ? "add 'every: year' for a yearly date, or write the date directly" : DueRuleParser.example
            sink.error(node.location, "due needs 'every' (year, quarter, month or week)", fix: hint)
            return nil
        }
        guard let keys = node.mapping("due", allowed: ["every", "date", "day", "month", "weekday", "from", "until"])
        else {
            return nil
        }
        guard let recurrence = recurrence(node, what: "due", openDayAllowed: true) else { return nil }
        let from = keys["from"].flatMap { $0.date("due.from") }
        let until = keys["until"].flatMap { $0.date("due.until") }
        if let from, let until, until < from {
            sink.error(keys["until"]?.location, "due.until (\(until)) is before due.from (\(from))")
            return nil
        }
        return .recurring(recurrence, from: from, until: until)
    }

    /// `{ every: year, date: "15/6" }`, `{ every: month, day: 20 }`, `{ every: quarter, month: 3, day: last }`,
    /// `{ every: week, weekday: friday }`.
    ///
    /// - Parameter openDayAllowed: a rule without its day ("định kỳ hằng quý") takes the default of `OpenDay`
    ///   with a warning naming the plan's phrase; a nudge always needs its day.
    func recurrence(_ node: YAMLNode, what: String, openDayAllowed: Bool = false) -> Recurrence? {
        guard case .mapping(let mapping) = node.node else {
            sink.error(node.location, "\(what) must be a mapping like { every: month, day: 1 }")
            return nil
        }
        let keys = Dictionary(
            mapping.compactMap { key, value in
                key.string.map { ($0, YAMLNode(node: value, file: node.file, sink: sink)) }
            },
            uniquingKeysWith: { first, _ in first })
        if what == "nudge" {
            _ = node.mapping(what, allowed: ["every", "date", "day", "month", "weekday"])
        }
        guard let every = keys["every"] else {
            sink.error(node.location, "\(what) needs 'every'", fix: "every: year, quarter, month or week")
            return nil
        }
        func require(_ key: String, _ example: String) -> YAMLNode? {
            if let value = keys[key] { return value }
            sink.error(node.location, "'every: \(every.scalarText ?? "")' needs '\(key)'", fix: "e.g. \(example)")
            return nil
        }
        func forbid(_ names: [String], because reason: String) {
            for name in names {
                if let extra = keys[name] {
                    sink.error(extra.location, "'\(name)' does not apply to \(reason)", fix: "remove it")
                }
            }
        }
        let dayKeys = ["date", "day", "month", "weekday"]
        if openDayAllowed, let kind = every.scalarText, let open = OpenDay(rawValue: kind),
            !dayKeys.contains(where: { keys[$0] != nil })
        {
            let quoted = phrase.map { "'\($0)' leaves" } ?? "the plan leaves"
            sink.warning(
                node.location, "\(quoted) the day of this rule open; reminders use \(open.written) until you set it",
                fix: "write the day your province's reporting rules set, e.g. { every: \(kind), \(open.written) }")
            return open.rule
        }
        switch every.scalarText {
        case "year":
            forbid(["day", "month", "weekday"], because: "a yearly rule (use date: \"D/M\")")
            guard let dateNode = require("date", "date: \"15/6\"") else { return nil }
            return yearlyDate(dateNode)
        case "month":
            forbid(["date", "month", "weekday"], because: "a monthly rule")
            guard let dayNode = require("day", "day: 20 or day: last") else { return nil }
            return dayOfMonth(dayNode).map(Recurrence.monthly)
        case "quarter":
            forbid(["date", "weekday"], because: "a quarterly rule")
            guard let monthNode = require("month", "month: 3 (the last month of each quarter)"),
                let dayNode = require("day", "day: last")
            else { return nil }
            guard let month = monthNode.integer("month of the quarter", in: 1...3), let day = dayOfMonth(dayNode) else {
                return nil
            }
            return .quarterly(monthInQuarter: month, day: day)
        case "week":
            forbid(["date", "day", "month"], because: "a weekly rule")
            guard let weekdayNode = require("weekday", "weekday: friday") else { return nil }
            return weekdayNode.choice("weekday", Weekday.self).map(Recurrence.weekly)
        default:
            let options = ["year", "quarter", "month", "week"]
            sink.error(
                every.location, "every must be year, quarter, month or week, found \(every.describe)",
                fix: Suggestion.fix(for: every.scalarText ?? "", in: options))
            return nil
        }
    }

    private func dayOfMonth(_ node: YAMLNode) -> DayOfMonth? {
        if node.scalarText == "last" { return .last }
        return node.integer("day", in: 1...31).map(DayOfMonth.day)
    }

    /// `{ by: quarter, quarter: 4, year: 2025 }`, `{ by: month, month: 12, year: 2025 }`, `{ by: year, year: 2026 }`.
    private func periodEnd(_ node: YAMLNode) -> DueRule? {
        guard let keys = node.mapping("due", allowed: ["by", "year", "quarter", "month"]), let by = keys["by"] else {
            return nil
        }
        let example = "e.g. due: { by: quarter, quarter: 4, year: 2025 }"
        guard let yearNode = keys["year"] else {
            sink.error(node.location, "'by: \(by.scalarText ?? "")' needs 'year'", fix: example)
            return nil
        }
        guard let year = yearNode.integer("year", in: 2000...2100) else { return nil }
        func part(_ key: String, in range: ClosedRange<Int>) -> Int? {
            guard let value = keys[key] else {
                sink.error(node.location, "'by: \(key)' needs '\(key)'", fix: example)
                return nil
            }
            return value.integer(key, in: range)
        }
        switch by.scalarText {
        case "year": return .endOf(.year(year))
        case "quarter": return part("quarter", in: 1...4).map { .endOf(.quarter($0, year: year)) }
        case "month": return part("month", in: 1...12).map { .endOf(.month($0, year: year)) }
        default:
            sink.error(
                by.location, "by must be year, quarter or month, found \(by.describe)",
                fix: Suggestion.fix(for: by.scalarText ?? "", in: ["year", "quarter", "month"]))
            return nil
        }
    }

    /// `"15/6"` (day/month), or a list of them for several days a year; 29/2 is allowed and means 28/2 in
    /// common years.
    private func yearlyDate(_ node: YAMLNode) -> Recurrence? {
        if node.isSequence {
            let days = (node.list("date") ?? []).compactMap(yearlyDate)
            var result: [DayOfYear] = []
            for case .yearly(let month, let day) in days { result.append(DayOfYear(month: month, day: day)) }
            guard !result.isEmpty else {
                sink.error(node.location, "date lists no day", fix: "e.g. date: [\"1/6\", \"15/11\"]")
                return nil
            }
            return result.count == 1 ? days[0] : .yearlyDates(Array(Set(result)).sorted())
        }
        guard let raw = node.scalarText, !node.isMapping else {
            sink.error(node.location, "date must be \"D/M\", e.g. \"15/6\"")
            return nil
        }
        let parts = raw.trimmingSpaces.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let day = Int(parts[0]), let month = Int(parts[1]) else {
            sink.error(
                node.location, "date '\(raw)' must be day/month, e.g. \"15/6\"",
                fix: "a yearly rule has no year; quote it")
            return nil
        }
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: 2024) else {
            sink.error(
                node.location,
                "date '\(raw)' is not a real day: \(YAMLNode.whyImpossible(day: day, month: month, year: nil))")
            return nil
        }
        return .yearly(month: month, day: day)
    }
}
