import Yams

/// Turns the text of one config file into raw values, reporting syntax, key and type errors with positions.
struct FragmentParser {
    let file: String
    let sink: DiagnosticSink
    let isMain: Bool

    static let mainKeys = ["timezone", "state_dir", "state", "include", "calendar", "reminders", "delivery", "http"]
    static let fragmentKeys = ["groups", "agencies", "plan", "tasks"]
    static let mainCalendarKeys = ["weekend", "holidays", "days_off", "working_days", "due_on_day_off"]
    static let fragmentCalendarKeys = ["days_off", "working_days"]
    static let reminderKeys = [
        "before", "on_due_date", "overdue_every", "overdue_max", "escalate_after", "escalate_to", "send_at",
        "catch_up_days",
    ]

    /// Parses `text`; returns nil only when the file is not YAML at all.
    func parse(_ text: String) -> (main: RawMainSettings, fragment: RawFragment)? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            reportSyntax(error)
            return nil
        } catch {
            sink.error(SourceLocation(file: file, line: 1, column: 1), "cannot read YAML: \(error)")
            return nil
        }
        var main = RawMainSettings()
        var fragment = RawFragment(file: file)
        guard let root else { return (main, fragment) }
        let node = YAMLNode(node: root, file: file, sink: sink)
        if node.isNull { return (main, fragment) }
        let allowed =
            isMain ? FragmentParser.mainKeys + FragmentParser.fragmentKeys : FragmentParser.fragmentKeys + ["calendar"]
        guard let keys = node.mapping(isMain ? "the main config" : "an included file", allowed: allowed) else {
            return (main, fragment)
        }
        if isMain { parseMainSettings(keys, into: &main) }
        if let calendar = keys["calendar"] { parseCalendar(calendar, main: &main, fragment: &fragment) }
        if let groups = keys["groups"] { fragment.groups = parseGroups(groups) }
        if let agencies = keys["agencies"] { fragment.agencies = parseAgencies(agencies) }
        if let plan = keys["plan"] {
            fragment.plan = parsePlan(plan, tasks: keys["tasks"])
        } else if let tasks = keys["tasks"] {
            sink.error(
                tasks.location, "'tasks' without a 'plan' in this file",
                fix: "add a 'plan:' block with id, title and period")
        }
        return (main, fragment)
    }

    private func reportSyntax(_ error: YamlError) {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { " \($0.text)" } ?? ""
            sink.error(
                at(mark), "YAML syntax: \(problem)\(detail)", fix: "check indentation, quotes and colons on this line")
        case .duplicatedKeysInMapping(let duplicates, let context):
            sink.error(
                at(context.mark), "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in a mapping",
                fix: "keep one of them")
        case .reader(let problem, _, _, _):
            sink.error(
                SourceLocation(file: file, line: 1, column: 1), "cannot read the file: \(problem)",
                fix: "save it as UTF-8")
        default:
            sink.error(SourceLocation(file: file, line: 1, column: 1), "cannot read YAML: \(error)")
        }
    }

    // MARK: Main settings

    private func parseMainSettings(_ keys: [String: YAMLNode], into main: inout RawMainSettings) {
        if let zone = keys["timezone"], let name = zone.line("timezone") {
            main.timeZone = Located(value: name, location: zone.location)
        }
        if let state = keys["state_dir"] { main.stateDirectory = state.line("state_dir") }
        if let state = keys["state"], let settings = state.mapping("state", allowed: ["retention_days"]),
            let days = settings["retention_days"]
        {
            main.retentionDays = days.integer("state.retention_days", in: StateRetention.allowedDays)
        }
        if let include = keys["include"], let items = include.list("include", acceptsScalar: true) {
            for item in items {
                if let pattern = item.line("an include pattern") {
                    main.includes.append(Located(value: pattern, location: item.location))
                }
            }
        }
        if let reminders = keys["reminders"] { main.reminders = parseReminders(reminders, what: "reminders") }
        if let delivery = keys["delivery"] { main.delivery = DeliveryParser(sink: sink).parse(delivery) }
        if let http = keys["http"] { main.http = HTTPParser(sink: sink).parse(http) }
    }

    private func parseCalendar(_ node: YAMLNode, main: inout RawMainSettings, fragment: inout RawFragment) {
        let allowed = isMain ? FragmentParser.mainCalendarKeys : FragmentParser.fragmentCalendarKeys
        guard let keys = node.mapping("calendar", allowed: allowed) else { return }
        if let weekend = keys["weekend"], let items = weekend.list("calendar.weekend") {
            main.weekend = Set(items.compactMap { $0.choice("a weekend day", Weekday.self) })
        }
        if let holidays = keys["holidays"] {
            switch holidays.scalarText {
            case "vietnam": main.statutoryHolidays = true
            case "none": main.statutoryHolidays = false
            default:
                sink.error(
                    holidays.location, "calendar.holidays must be 'vietnam' or 'none', found \(holidays.describe)")
            }
        }
        if let policy = keys["due_on_day_off"] { main.dueOnDayOff = policy.choice("due_on_day_off", DayOffPolicy.self) }
        if let daysOff = keys["days_off"] {
            fragment.daysOff = parseAnnouncedDays(daysOff, working: false, into: &fragment.dayLocations)
        }
        if let workingDays = keys["working_days"] {
            fragment.workingDays = parseAnnouncedDays(workingDays, working: true, into: &fragment.dayLocations)
        }
    }

    private func parseAnnouncedDays(
        _ node: YAMLNode, working: Bool, into locations: inout [SourceLocation]
    ) -> [AnnouncedDay] {
        let what = working ? "calendar.working_days" : "calendar.days_off"
        guard let items = node.list(what) else { return [] }
        var result: [AnnouncedDay] = []
        for item in items {
            guard let keys = item.mapping("an entry of \(what)", allowed: ["date", "from", "to", "name", "kind"]) else {
                continue
            }
            let name = keys["name"].flatMap { $0.line("name") }
            if keys["name"] == nil {
                sink.error(item.location, "an entry of \(what) needs a 'name'", fix: "e.g. name: \"Tết Nguyên Đán\"")
            }
            var kind = DayKind.announced
            if let kindNode = keys["kind"] { kind = kindNode.choice("kind", DayKind.self) ?? .announced }
            var first: CivilDate?
            var last: CivilDate?
            if let date = keys["date"] {
                if keys["from"] != nil || keys["to"] != nil {
                    sink.error(date.location, "use either 'date' or 'from'/'to', not both")
                }
                first = date.date("date")
                last = first
            } else if let from = keys["from"], let to = keys["to"] {
                first = from.date("from")
                last = to.date("to")
                if let a = first, let b = last, b < a {
                    sink.error(to.location, "'to' (\(b)) is before 'from' (\(a))", fix: "swap them")
                    continue
                }
                if let a = first, let b = last, a.days(to: b) > 31 {
                    sink.error(
                        to.location, "a range of \(a.days(to: b) + 1) days is too long for days off",
                        fix: "check the year")
                    continue
                }
            } else {
                sink.error(item.location, "an entry of \(what) needs 'date' or both 'from' and 'to'")
            }
            if let first, let last, let name {
                result.append(
                    AnnouncedDay(
                        first: first, last: last, name: name, kind: kind, working: working, file: file,
                        location: item.location))
                locations.append(item.location)
            }
        }
        return result
    }

    // MARK: Agencies

    private func parseGroups(_ node: YAMLNode) -> [RawGroup] {
        guard case .mapping(let mapping) = node.node else {
            sink.error(
                node.location, "groups must be a mapping of id to { name: … }",
                fix: "e.g. so-ban-nganh: { name: \"Các sở, ban, ngành tỉnh\" }")
            return []
        }
        var result: [RawGroup] = []
        for (key, value) in mapping {
            let keyNode = YAMLNode(node: key, file: file, sink: sink)
            let valueNode = YAMLNode(node: value, file: file, sink: sink)
            guard let id = keyNode.line("a group id") else { continue }
            checkAgencyID(id, at: keyNode.location, what: "group id")
            guard let keys = valueNode.mapping("group '\(id)'", allowed: ["name"]) else { continue }
            guard let nameNode = keys["name"] else {
                sink.error(valueNode.location, "group '\(id)' needs a 'name'")
                continue
            }
            if let name = nameNode.line("the group name") {
                result.append(RawGroup(id: Located(value: id, location: keyNode.location), name: name))
            }
        }
        return result
    }

    private func parseAgencies(_ node: YAMLNode) -> [RawAgency] {
        guard let items = node.list("agencies") else { return [] }
        var result: [RawAgency] = []
        for item in items {
            guard let keys = item.mapping("an agency", allowed: ["id", "name", "email", "webhook", "groups"]) else {
                continue
            }
            guard let idNode = keys["id"], let id = idNode.line("the agency id") else {
                if keys["id"] == nil {
                    sink.error(item.location, "an agency needs an 'id'", fix: "e.g. id: so-tu-phap")
                }
                continue
            }
            checkAgencyID(id, at: idNode.location, what: "agency id")
            let name = keys["name"].flatMap { $0.line("the agency name") }
            if keys["name"] == nil { sink.error(item.location, "agency '\(id)' needs a 'name'") }
            var emails: [Located<String>] = []
            if let email = keys["email"], let list = email.list("email", acceptsScalar: true) {
                for entry in list {
                    guard let address = entry.line("an email address") else { continue }
                    if address.contains(",") {
                        let addresses = address.split(separator: ",").map { String($0).trimmingSpaces }
                        sink.error(
                            entry.location, "email '\(address)' holds several addresses in one text",
                            fix: "write a list: email: [\(addresses.joined(separator: ", "))]")
                        continue
                    }
                    do {
                        _ = try MailAddress(address: address)
                        emails.append(Located(value: address, location: entry.location))
                    } catch {
                        sink.error(
                            entry.location, "invalid email address '\(address)': \(error.explanation)",
                            fix: "write a plain address like name@gialai.gov.vn")
                    }
                }
            }
            var webhook: Located<String>?
            if let hook = keys["webhook"], !hook.isNull, let url = hook.line("webhook") {
                do {
                    webhook = Located(value: try WebhookEndpoint(url).url, location: hook.location)
                } catch {
                    sink.error(
                        hook.location, "\(error)", fix: "use https://… (http:// only for 127.0.0.1 or localhost)")
                }
            }
            var groups: [Located<String>] = []
            if let groupNode = keys["groups"], let list = groupNode.list("groups", acceptsScalar: true) {
                groups = list.compactMap { entry in
                    entry.line("a group id").map { Located(value: $0, location: entry.location) }
                }
            }
            if let name {
                result.append(
                    RawAgency(
                        id: Located(value: id, location: idNode.location), name: name, emails: emails, webhook: webhook,
                        groups: groups, location: item.location))
            }
        }
        return result
    }

    private func checkAgencyID(_ id: String, at location: SourceLocation, what: String) {
        let valid = id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        if !valid || id.hasPrefix("-") || ["lead", "support"].contains(id) {
            sink.error(
                location, "\(what) '\(id)' is not valid",
                fix: "use lowercase letters without diacritics, digits and '-', e.g. so-tu-phap")
        }
    }

    // MARK: Plans

    private func parsePlan(_ node: YAMLNode, tasks tasksNode: YAMLNode?) -> RawPlan? {
        let allowed = ["id", "title", "issuer", "issued", "period", "due_on_day_off", "reminders", "source"]
        guard let keys = node.mapping("plan", allowed: allowed) else { return nil }
        guard let idNode = keys["id"], let id = idNode.line("the plan id") else {
            if keys["id"] == nil {
                sink.error(node.location, "the plan needs an 'id'", fix: "e.g. id: \"949/KH-UBND\"")
            }
            return nil
        }
        checkKeyPart(id, at: idNode.location, what: "plan id")
        let title = keys["title"].flatMap { $0.line("the plan title") }
        if keys["title"] == nil { sink.error(node.location, "plan '\(id)' needs a 'title'") }
        let issuer = keys["issuer"].flatMap { $0.line("issuer") }
        let issued = keys["issued"].flatMap { $0.date("issued") }
        if let source = keys["source"] { _ = source.line("source") }
        var period: ClosedRange<CivilDate>?
        if let periodNode = keys["period"], let parts = periodNode.mapping("period", allowed: ["from", "until"]) {
            let from = parts["from"]?.date("period.from")
            let until = parts["until"]?.date("period.until")
            if parts["from"] == nil || parts["until"] == nil {
                sink.error(
                    periodNode.location, "period needs 'from' and 'until'",
                    fix: "e.g. { from: 2025-04-15, until: 2026-12-31 }")
            }
            if let from, let until {
                if until < from {
                    sink.error(parts["until"]?.location, "period.until (\(until)) is before period.from (\(from))")
                } else {
                    period = from...until
                }
            }
        } else if keys["period"] == nil {
            sink.error(
                node.location, "plan '\(id)' needs a 'period'",
                fix: "e.g. period: { from: 2025-04-15, until: 2026-12-31 }")
        }
        let dueOnDayOff = keys["due_on_day_off"].flatMap { $0.choice("due_on_day_off", DayOffPolicy.self) }
        let reminders = keys["reminders"].flatMap { parseReminders($0, what: "plan reminders") }
        var tasks: [RawTask] = []
        if let tasksNode, let items = tasksNode.list("tasks") {
            tasks = items.compactMap(parseTask)
        }
        guard let title else { return nil }
        return RawPlan(
            id: Located(value: id, location: idNode.location), title: title, issuer: issuer, issued: issued,
            period: period, periodLocation: keys["period"]?.location ?? node.location, dueOnDayOff: dueOnDayOff,
            reminders: reminders, tasks: tasks, location: node.location)
    }

    /// Ids that become part of a reminder key must be one printable line without ':'.
    private func checkKeyPart(_ id: String, at location: SourceLocation, what: String) {
        if id.contains(":") || id.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
            sink.error(location, "\(what) '\(id)' must not contain spaces or ':'", fix: "e.g. \"1.2.a\" or gui-vp")
        }
    }

    private func parseTask(_ node: YAMLNode) -> RawTask? {
        let allowed = ["id", "section", "title", "content", "lead", "support", "product", "reminders", "milestones"]
        guard let keys = node.mapping("a task", allowed: allowed) else { return nil }
        guard let idNode = keys["id"], let id = idNode.line("the task id") else {
            if keys["id"] == nil { sink.error(node.location, "a task needs an 'id'", fix: "e.g. id: \"1.2.a\"") }
            return nil
        }
        checkKeyPart(id, at: idNode.location, what: "task id")
        let title = keys["title"].flatMap { $0.line("the task title") }
        if keys["title"] == nil { sink.error(node.location, "task '\(id)' needs a 'title'") }
        let lead = references(keys["lead"], what: "lead")
        let support = references(keys["support"], what: "support")
        if keys["lead"] == nil {
            sink.error(node.location, "task '\(id)' needs 'lead' (cơ quan chủ trì)", fix: "e.g. lead: [so-ban-nganh]")
        }
        var milestones: [RawMilestone] = []
        if let list = keys["milestones"]?.list("milestones") {
            milestones = list.compactMap(parseMilestone)
        }
        if keys["milestones"] == nil || milestones.isEmpty, keys["milestones"]?.isSequence != false {
            sink.error(
                keys["milestones"]?.location ?? node.location, "task '\(id)' has no milestones",
                fix: "add at least one milestone with a 'due'")
        }
        guard let title else { return nil }
        return RawTask(
            id: Located(value: id, location: idNode.location), section: keys["section"].flatMap { $0.line("section") },
            title: title, content: keys["content"].flatMap { $0.text("content") },
            product: keys["product"].flatMap { $0.text("product") }, lead: lead, support: support,
            leadLocation: keys["lead"]?.location, supportLocation: keys["support"]?.location,
            reminders: keys["reminders"].flatMap { parseReminders($0, what: "task reminders") }, milestones: milestones,
            location: node.location)
    }

    private func references(_ node: YAMLNode?, what: String) -> [Located<String>] {
        guard let node, let list = node.list(what, acceptsScalar: true) else { return [] }
        return list.compactMap { entry in
            entry.line("an agency or group id").map { Located(value: $0, location: entry.location) }
        }
    }

    private func parseMilestone(_ node: YAMLNode) -> RawMilestone? {
        let allowed = ["id", "who", "to", "due", "starts", "text", "due_on_day_off", "reminders", "nudge"]
        guard let keys = node.mapping("a milestone", allowed: allowed) else { return nil }
        guard let idNode = keys["id"], let id = idNode.line("the milestone id") else {
            if keys["id"] == nil { sink.error(node.location, "a milestone needs an 'id'", fix: "e.g. id: gui-vp") }
            return nil
        }
        checkKeyPart(id, at: idNode.location, what: "milestone id")
        var who: Located<RawWho>?
        if let whoNode = keys["who"] {
            switch whoNode.scalarText {
            case "lead" where !whoNode.isSequence: who = Located(value: .lead, location: whoNode.location)
            case "support" where !whoNode.isSequence: who = Located(value: .support, location: whoNode.location)
            default:
                let refs = references(whoNode, what: "who")
                who = Located(value: .references(refs), location: whoNode.location)
            }
        } else {
            sink.error(
                node.location, "milestone '\(id)' needs 'who'",
                fix: "write who: lead, who: support or a list of agency/group ids")
        }
        var recipient: Located<String>?
        if let to = keys["to"], !to.isNull, let value = to.line("to") {
            recipient = Located(value: value, location: to.location)
        }
        let text = keys["text"].flatMap { $0.text("text") }
        var due: Located<DueRule>?
        if let dueNode = keys["due"] {
            if let rule = DueRuleParser(sink: sink, phrase: text).parse(dueNode, nudge: keys["nudge"]) {
                due = Located(value: rule, location: dueNode.location)
            }
        } else {
            sink.error(
                node.location, "milestone '\(id)' needs 'due'",
                fix: "e.g. due: 2025-04-25, due: { every: year, date: \"15/6\" } or due: ongoing")
        }
        return RawMilestone(
            id: Located(value: id, location: idNode.location), who: who, recipient: recipient, due: due,
            starts: keys["starts"].flatMap { node in
                node.date("starts").map { Located(value: $0, location: node.location) }
            },
            text: text,
            dueOnDayOff: keys["due_on_day_off"].flatMap { $0.choice("due_on_day_off", DayOffPolicy.self) },
            reminders: keys["reminders"].flatMap { parseReminders($0, what: "milestone reminders") },
            location: node.location)
    }

    // MARK: Reminder policy

    func parseReminders(_ node: YAMLNode, what: String) -> RawReminderOverride? {
        guard let keys = node.mapping(what, allowed: FragmentParser.reminderKeys) else { return nil }
        var result = RawReminderOverride()
        if let before = keys["before"], let items = before.list("reminders.before", acceptsScalar: true) {
            let days = items.compactMap { $0.integer("a 'before' day count", in: 1...365) }
            result.before = Array(Set(days)).sorted(by: >)
        }
        result.onDueDate = keys["on_due_date"].flatMap { $0.boolean("on_due_date") }
        result.overdueEvery = keys["overdue_every"].flatMap { $0.integer("overdue_every", in: 0...365) }
        result.overdueMax = keys["overdue_max"].flatMap { $0.integer("overdue_max", in: 0...100) }
        if let escalate = keys["escalate_after"] {
            result.escalateAfter =
                escalate.isNull ? .some(nil) : escalate.integer("escalate_after", in: 1...365).map { .some($0) }
        }
        if let target = keys["escalate_to"] {
            if target.isNull {
                result.escalateTo = .some(nil)
            } else if let id = target.line("escalate_to") {
                result.escalateTo = .some(Located(value: id, location: target.location))
            }
        }
        if let sendAt = keys["send_at"] {
            if let text = sendAt.scalarText, let time = TimeOfDay(parsing: text) {
                result.sendAt = time
            } else {
                sink.error(
                    sendAt.location, "send_at must be a time HH:MM, found \(sendAt.describe)",
                    fix: "quote it: send_at: \"08:00\"")
            }
        }
        result.catchUpDays = keys["catch_up_days"].flatMap { $0.integer("catch_up_days", in: 0...366) }
        return result
    }
}
