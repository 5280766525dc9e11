import Foundation

/// The text of one config file and the path it is reported under.
package struct ConfigSource: Sendable {
    package var path: String
    package var text: String

    package init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// An `include:` entry of the main file; the file adapter expands it.
package struct IncludePattern: Sendable, Hashable {
    package var pattern: String
    package var location: SourceLocation
}

/// Builds a validated `Configuration` from file texts; all cross-file checks happen here. Does no I/O.
package enum ConfigCompiler {
    /// The include patterns of the main file, in order (empty when it cannot be parsed; `compile` reports why).
    package static func includePatterns(of main: ConfigSource) -> [IncludePattern] {
        let sink = DiagnosticSink()
        let parsed = FragmentParser(file: main.path, sink: sink, isMain: true).parse(main.text)
        return parsed?.main.includes.map { IncludePattern(pattern: $0.value, location: $0.location) } ?? []
    }

    /// The agencies and groups of one directory file (`Config/agencies.yaml`), checked alone.
    package static func directory(from source: ConfigSource) throws(ConfigErrors) -> Directory {
        try compile(main: ConfigSource(path: source.path, text: ""), included: [source]).configuration.directory
    }

    /// Checks everything and returns the configuration with its warnings.
    ///
    /// - Parameters:
    ///   - main: the main file (`Config/nhacviec.yaml`).
    ///   - included: the files its includes matched, in include order.
    ///   - diagnostics: problems the caller already found (unreadable files, globs matching nothing).
    /// - Throws: `ConfigErrors` with every diagnostic, sorted by file and line, when any is an error.
    package static func compile(
        main: ConfigSource, included: [ConfigSource], diagnostics: [ConfigDiagnostic] = []
    ) throws(ConfigErrors) -> (configuration: Configuration, warnings: [ConfigDiagnostic]) {
        let sink = DiagnosticSink()
        diagnostics.forEach(sink.append)
        let mainParsed = FragmentParser(file: main.path, sink: sink, isMain: true).parse(main.text)
        var fragments: [RawFragment] = mainParsed.map { [$0.fragment] } ?? []
        for source in included {
            if let parsed = FragmentParser(file: source.path, sink: sink, isMain: false).parse(source.text) {
                fragments.append(parsed.fragment)
            }
        }
        let settings = mainParsed?.main ?? RawMainSettings()
        let resolver = Resolver(sink: sink, fragments: fragments, settings: settings)
        let configuration = resolver.resolve(files: [main.path] + included.map(\.path))
        let sorted = sink.diagnostics.sorted {
            ($0.location ?? .init(file: "", line: 0, column: 0)) < ($1.location ?? .init(file: "", line: 0, column: 0))
        }
        if sink.hasErrors { throw ConfigErrors(sorted) }
        return (configuration, sorted)
    }
}

/// Cross-checks raw fragments: duplicate ids, references, periods, the calendar and the reminder policy.
private struct Resolver {
    let sink: DiagnosticSink
    let fragments: [RawFragment]
    let settings: RawMainSettings

    func resolve(files: [String]) -> Configuration {
        let (zone, offset) = timeZone()
        let groups = uniqueGroups()
        let groupIDs = Set(groups.map(\.id))
        let agencies = uniqueAgencies(groups: groupIDs)
        let directory = Directory(agencies: agencies, groups: groups)
        for group in groups where directory.members(of: group.id).isEmpty {
            sink.warning(group.location, "group '\(group.id)' has no members", fix: "add it to some agency's 'groups'")
        }
        let references = ReferenceResolver(sink: sink, directory: directory)
        let calendar = CalendarCache.calendar(
            weekend: settings.weekend ?? [.saturday, .sunday], statutoryHolidays: settings.statutoryHolidays ?? true,
            announced: announcedDays())
        let globalPolicy = ReminderPolicy()
        let policy = references.apply(settings.reminders, to: globalPolicy)
        var plans: [Plan] = []
        var seenPlans: [String: SourceLocation] = [:]
        for fragment in fragments {
            guard let raw = fragment.plan else { continue }
            if let first = seenPlans[raw.id.value] {
                // Reported in both files: which one is the new copy only the admin knows.
                sink.error(
                    raw.id.location, "duplicate plan id '\(raw.id.value)'", fix: "it is already defined at \(first)")
                sink.error(
                    first, "duplicate plan id '\(raw.id.value)'", fix: "it is defined again at \(raw.id.location)")
                continue
            }
            seenPlans[raw.id.value] = raw.id.location
            if let plan = resolvePlan(raw, file: fragment.file, policy: policy, references: references) {
                plans.append(plan)
            }
        }
        return Configuration(
            timeZone: zone, utcOffsetSeconds: offset, stateDirectory: settings.stateDirectory ?? "var",
            retention: StateRetention(days: settings.retentionDays ?? StateRetention.defaultDays), calendar: calendar,
            reminders: policy, delivery: settings.delivery ?? .default, http: settings.http, directory: directory,
            plans: plans, files: files
        )
    }

    private func timeZone() -> (String, Int) {
        guard let zone = settings.timeZone else { return ("Asia/Ho_Chi_Minh", 7 * 3600) }
        guard let timeZone = TimeZone(identifier: zone.value) else {
            let known = TimeZone.knownTimeZoneIdentifiers
            sink.error(
                zone.location, "unknown time zone '\(zone.value)'",
                fix: Suggestion.fix(for: zone.value, in: known, otherwise: "use an IANA name such as Asia/Ho_Chi_Minh"))
            return ("Asia/Ho_Chi_Minh", 7 * 3600)
        }
        return (zone.value, timeZone.secondsFromGMT())
    }

    private func uniqueGroups() -> [AgencyGroup] {
        var seen: [String: SourceLocation] = [:]
        var result: [AgencyGroup] = []
        for group in fragments.flatMap(\.groups) {
            if let first = seen[group.id.value] {
                sink.error(
                    group.id.location, "duplicate group id '\(group.id.value)'",
                    fix: "it is already defined at \(first)")
                continue
            }
            seen[group.id.value] = group.id.location
            result.append(AgencyGroup(id: GroupID(group.id.value), name: group.name, location: group.id.location))
        }
        return result
    }

    private func uniqueAgencies(groups: Set<GroupID>) -> [Agency] {
        var seen: [String: SourceLocation] = [:]
        var result: [Agency] = []
        let groupNames = groups.map(\.rawValue)
        for agency in fragments.flatMap(\.agencies) {
            let id = agency.id.value
            if let first = seen[id] {
                sink.error(agency.id.location, "duplicate agency id '\(id)'", fix: "it is already defined at \(first)")
                continue
            }
            if groups.contains(GroupID(id)) {
                sink.error(
                    agency.id.location, "agency id '\(id)' is also a group id",
                    fix: "rename one of them; plans could not tell which is meant")
            }
            seen[id] = agency.id.location
            var memberOf: [GroupID] = []
            for group in agency.groups {
                if groups.contains(GroupID(group.value)) {
                    memberOf.append(GroupID(group.value))
                } else {
                    sink.error(
                        group.location, "unknown group '\(group.value)'",
                        fix: Suggestion.fix(for: group.value, in: groupNames, otherwise: "define it under 'groups:'"))
                }
            }
            if agency.emails.isEmpty && agency.webhook == nil {
                sink.warning(
                    agency.location, "agency '\(id)' has neither email nor webhook and will not receive reminders")
            }
            result.append(
                Agency(
                    id: AgencyID(id), name: agency.name, emails: agency.emails.map(\.value),
                    webhook: agency.webhook?.value,
                    groups: memberOf, location: agency.id.location))
        }
        return result
    }

    private func announcedDays() -> [AnnouncedDay] {
        var result: [AnnouncedDay] = []
        var seen: [CivilDate: SourceLocation] = [:]
        for fragment in fragments {
            let days = fragment.daysOff + fragment.workingDays
            for (day, location) in zip(days, fragment.dayLocations) {
                var clash = false
                var date = day.first
                while date <= day.last {
                    if let first = seen[date] {
                        sink.error(location, "\(date) is already listed at \(first)", fix: "keep one entry per day")
                        clash = true
                        break
                    }
                    seen[date] = location
                    date = date.adding(days: 1)
                }
                if !clash {
                    checkAnnounced(day, at: location)
                    result.append(day)
                }
            }
        }
        return result
    }

    /// A swapped working day must be a weekend day; an announced day off that overlaps a computed holiday
    /// of another kind (or of none) adds to the law instead of replacing it, which is worth a warning.
    private func checkAnnounced(_ day: AnnouncedDay, at location: SourceLocation) {
        let weekend = Set(settings.weekend ?? [.saturday, .sunday])
        let dates = (day.first.dayNumber...day.last.dayNumber).map(CivilDate.init(dayNumber:))
        if day.working {
            if let weekday = dates.first(where: { !weekend.contains($0.weekday) }) {
                sink.error(
                    location,
                    "working day \(weekday) is a \(weekday.weekday.vietnameseName), already a working day",
                    fix:
                        "working_days lists the weekend days worked in exchange for a day off; give the Saturday or Sunday"
                )
            }
            return
        }
        guard settings.statutoryHolidays ?? true else { return }
        let computed = (day.first.year...day.last.year).flatMap(StatutoryHolidays.days(inYear:))
        guard let holiday = computed.first(where: { dates.contains($0.date) && $0.kind != day.kind }) else { return }
        sink.warning(
            location,
            "'\(day.name)' overlaps \(holiday.name) (\(holiday.date)) but has kind '\(day.kind.rawValue)', so the computed days of that holiday stay too, with their compensatory days",
            fix: "add kind: \(holiday.kind.rawValue) to replace them")
    }

    private func resolvePlan(
        _ raw: RawPlan, file: String, policy: ReminderPolicy, references: ReferenceResolver
    ) -> Plan? {
        let planPolicy = references.apply(raw.reminders, to: policy)
        let dayOff = raw.dueOnDayOff ?? settings.dueOnDayOff ?? .previousWorkingDay
        var tasks: [PlanTask] = []
        var seenTasks: [String: SourceLocation] = [:]
        for task in raw.tasks {
            if let first = seenTasks[task.id.value] {
                sink.error(
                    task.id.location, "duplicate task id '\(task.id.value)' in plan '\(raw.id.value)'",
                    fix: "it is already used at \(first)")
                continue
            }
            seenTasks[task.id.value] = task.id.location
            let lead = references.resolve(task.lead)
            let support = references.resolve(task.support)
            let taskPolicy = references.apply(task.reminders, to: planPolicy)
            var milestones: [Milestone] = []
            var seenMilestones: [String: SourceLocation] = [:]
            for milestone in task.milestones {
                if let first = seenMilestones[milestone.id.value] {
                    sink.error(
                        milestone.id.location,
                        "duplicate milestone id '\(milestone.id.value)' in task '\(task.id.value)'",
                        fix: "it is already used at \(first)")
                    continue
                }
                seenMilestones[milestone.id.value] = milestone.id.location
                let who: [AgencyReference]
                // Whether a problem with who: is already reported where it lies (an unknown id, an empty lead).
                let reported: Bool
                switch milestone.who?.value {
                case .lead?:
                    who = lead
                    reported = lead.count < task.lead.count || reportEmptyRole("lead", of: task, for: milestone)
                case .support?:
                    who = support
                    reported =
                        support.count < task.support.count || reportEmptyRole("support", of: task, for: milestone)
                case .references(let list)?:
                    who = references.resolve(list, roles: true)
                    reported = who.count < list.count
                case nil:
                    (who, reported) = ([], true)
                }
                let assignees = references.directory.expand(who)
                if let whoLocation = milestone.who?.location, assignees.isEmpty, !reported {
                    sink.error(
                        whoLocation, "'who' of milestone '\(milestone.id.value)' names no agency",
                        fix: "list at least one agency, or add members to the group")
                }
                let recipient = milestone.recipient.flatMap { references.resolve([$0]).first }
                if let due = milestone.due { checkPeriod(due, plan: raw) }
                guard let due = milestone.due?.value else { continue }
                if let starts = milestone.starts { checkStart(starts, of: due, plan: raw) }
                milestones.append(
                    Milestone(
                        id: MilestoneID(milestone.id.value), who: who, assignees: assignees, recipient: recipient,
                        due: due, starts: milestone.starts?.value,
                        text: milestone.text, dayOffPolicy: milestone.dueOnDayOff ?? dayOff,
                        reminders: references.apply(milestone.reminders, to: taskPolicy), location: milestone.location))
            }
            tasks.append(
                PlanTask(
                    id: TaskID(task.id.value), section: task.section, title: task.title, content: task.content,
                    product: task.product, lead: lead, support: support, milestones: milestones))
        }
        guard let period = raw.period else { return nil }
        return Plan(
            id: PlanID(raw.id.value), title: raw.title, issuer: raw.issuer, issued: raw.issued, period: period,
            tasks: tasks, file: file, location: raw.location)
    }

    /// An empty `lead:`/`support:` that a milestone's `who` relies on is reported where it is written; returns
    /// whether the role is empty (then also when the task has no such key, which the parser reported).
    private func reportEmptyRole(_ role: String, of task: RawTask, for milestone: RawMilestone) -> Bool {
        let (ids, location) = role == "lead" ? (task.lead, task.leadLocation) : (task.support, task.supportLocation)
        guard ids.isEmpty else { return false }
        if let location {
            sink.error(
                location,
                "task '\(task.id.value)' has an empty \(role), but milestone '\(milestone.id.value)' is for it",
                fix: role == "lead"
                    ? "name the cơ quan chủ trì, e.g. lead: [so-ban-nganh]"
                    : "name the cơ quan phối hợp, or give the milestone its own who: list")
        }
        return true
    }

    /// A milestone starts inside its plan's period, and not after its one deadline.
    private func checkStart(_ starts: Located<CivilDate>, of due: DueRule, plan: RawPlan) {
        if let period = plan.period, !period.contains(starts.value) {
            sink.error(
                starts.location, "starts \(starts.value) is outside its plan's period",
                fix: "the period of plan '\(plan.id.value)' is \(period.lowerBound) to \(period.upperBound)")
        } else if let date = due.singleDate, date < starts.value {
            sink.error(starts.location, "starts \(starts.value) is after the due date \(date)", fix: "swap them")
        }
    }

    /// A milestone's dates must lie in its plan's period.
    private func checkPeriod(_ due: Located<DueRule>, plan: RawPlan) {
        guard let period = plan.period else { return }
        let fix =
            "the period of plan '\(plan.id.value)' is \(period.lowerBound) to \(period.upperBound) (\(plan.periodLocation))"
        switch due.value {
        case .once, .endOf, .onRequest(_, _?), .onEvent(_, _?):
            if let date = due.value.singleDate, !period.contains(date) {
                sink.error(due.location, "due date \(date) is outside its plan's period", fix: fix)
            }
        case .recurring(let recurrence, let from, let until):
            let lower = max(from ?? period.lowerBound, period.lowerBound)
            let upper = min(until ?? period.upperBound, period.upperBound)
            if let from, !period.contains(from) {
                sink.error(due.location, "due.from \(from) is outside its plan's period", fix: fix)
            }
            if let until, !period.contains(until) {
                sink.error(due.location, "due.until \(until) is outside its plan's period", fix: fix)
            }
            if lower > upper || recurrence.dates(in: lower...upper).isEmpty {
                sink.error(due.location, "this rule has no date inside its plan's period", fix: fix)
            }
        case .ongoing, .onRequest(_, nil), .onEvent(_, nil):
            break
        }
    }
}

/// Resolves agency and group ids written in plans, with suggestions for typos.
private struct ReferenceResolver {
    let sink: DiagnosticSink
    let directory: Directory

    /// The Vietnamese names of the roles a milestone's `who` can name.
    static let roleWords = [
        "chu-tri": "lead", "chủ trì": "lead", "chu tri": "lead", "phoi-hop": "support", "phối hợp": "support",
        "phoi hop": "support",
    ]

    /// - Parameter roles: the ids are a milestone's `who`, where `lead` and `support` are also meant.
    func resolve(_ ids: [Located<String>], roles: Bool = false) -> [AgencyReference] {
        ids.compactMap { id in
            if directory.agencies[AgencyID(id.value)] != nil { return .agency(AgencyID(id.value)) }
            if directory.groups[GroupID(id.value)] != nil { return .group(GroupID(id.value)) }
            let candidates = directory.agencies.keys.map(\.rawValue) + directory.groups.keys.map(\.rawValue)
            var fix = Suggestion.fix(for: id.value, in: candidates, otherwise: "define it in agencies.yaml")
            if roles,
                let role = Self.roleWords[id.value.lowercased()]
                    ?? Suggestion.closest(to: id.value, in: ["lead", "support"])
            {
                fix = "write who: \(role) (without brackets) for the task's \(role)"
            }
            sink.error(id.location, "unknown agency or group '\(id.value)'", fix: fix)
            return nil
        }
    }

    /// `policy` with the keys set in `override` replaced.
    func apply(_ override: RawReminderOverride?, to policy: ReminderPolicy) -> ReminderPolicy {
        guard let override else { return policy }
        var result = policy
        if let before = override.before { result.before = before }
        if let onDueDate = override.onDueDate { result.onDueDate = onDueDate }
        if let every = override.overdueEvery { result.overdueEvery = every }
        if let max = override.overdueMax { result.overdueMax = max }
        if let escalateAfter = override.escalateAfter { result.escalateAfter = escalateAfter }
        if let escalateTo = override.escalateTo {
            if let target = escalateTo {
                if directory.agencies[AgencyID(target.value)] != nil {
                    result.escalateTo = AgencyID(target.value)
                } else {
                    sink.error(
                        target.location, "unknown agency '\(target.value)' in escalate_to",
                        fix: Suggestion.fix(
                            for: target.value, in: directory.agencies.keys.map(\.rawValue),
                            otherwise: "name one agency id"))
                }
            } else {
                result.escalateTo = nil
            }
        }
        if let sendAt = override.sendAt { result.sendAt = sendAt }
        if let catchUp = override.catchUpDays { result.catchUpDays = catchUp }
        return result
    }
}
