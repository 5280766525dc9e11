/// Renders occurrences for `nhacviec upcoming` as a table, JSON, CSV or an iCalendar file.
package struct OccurrenceListing: Sendable {
    package let configuration: Configuration
    package let occurrences: [Occurrence]
    /// For each occurrence key, the reports of the agencies that have done it (from the service's state).
    package let acknowledged: [String: [Acknowledgement]]

    package init(
        configuration: Configuration, occurrences: [Occurrence], acknowledged: [String: [Acknowledgement]] = [:]
    ) {
        self.configuration = configuration
        self.occurrences = occurrences
        self.acknowledged = acknowledged
    }

    /// The assigned agencies' reports, by agency.
    private func reports(_ occurrence: Occurrence) -> [Acknowledgement] {
        (acknowledged[occurrence.key] ?? []).filter { occurrence.milestone.assignees.contains($0.agency) }
            .sorted { $0.agency < $1.agency }
    }

    private func done(_ occurrence: Occurrence) -> [AgencyID] {
        reports(occurrence).map(\.agency)
    }

    private var directory: Directory { configuration.directory }

    /// Writes a JSON array, one object per line with the documented keys, in chunks through `write`.
    ///
    /// The fields that do not depend on the date are rendered once per milestone: a ten-year export of a
    /// national config holds hundreds of thousands of objects.
    package func writeJSON(chunkSize: Int = 1 << 20, to write: (String) -> Void) {
        var fragments: [String: (head: String, tail: String)] = [:]
        let localTime = LocalTime(identifier: configuration.timeZone)
        var buffer = "["
        buffer.reserveCapacity(chunkSize + 4096)
        for (index, occurrence) in occurrences.enumerated() {
            let milestoneKey =
                "\(occurrence.plan):\(occurrence.task.id):\(occurrence.milestone.id):\(occurrence.isStart)"
            let fragment = fragments[milestoneKey] ?? fixedFields(of: occurrence)
            fragments[milestoneKey] = fragment
            buffer += index == 0 ? "\n" : ",\n"
            buffer += fragment.head
            buffer += ",\"nominal_due\":" + OccurrenceListing.quoted(occurrence.nominalDue?.iso8601)
            buffer += ",\"due\":" + OccurrenceListing.quoted(occurrence.due?.iso8601)
            buffer += ",\"weekday\":" + OccurrenceListing.quoted(occurrence.due?.weekday.rawValue)
            let reports = reports(occurrence)
            buffer += ",\"done\":" + JSONValue.array(reports.map { .string($0.agency.rawValue) }).render()
            buffer += ",\"reports\":" + JSONValue.array(reports.map { $0.json(in: localTime) }).render()
            buffer += fragment.tail
            if buffer.utf8.count >= chunkSize {
                write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        buffer += occurrences.isEmpty ? "]\n" : "\n]\n"
        write(buffer)
    }

    private static func quoted(_ value: String?) -> String {
        guard let value else { return "null" }
        return "\"" + value + "\""
    }

    /// `{"plan":…,"task":…,"milestone":…,"title":…,"text":…` and `,"who":…,…,"day_off_policy":…}`.
    private func fixedFields(of occurrence: Occurrence) -> (head: String, tail: String) {
        let milestone = occurrence.milestone
        let task = occurrence.task
        func members(_ list: [(String, JSONValue)]) -> String {
            let object = JSONValue.object(list).render()
            return String(object.dropFirst().dropLast())
        }
        let head =
            "{"
            + members([
                ("plan", .string(occurrence.plan.rawValue)),
                ("task", .string(task.id.rawValue)),
                ("milestone", .string(milestone.id.rawValue)),
                ("title", .string(task.title)),
                ("text", .optional(milestone.text)),
            ])
        let tail =
            ","
            + members([
                ("who", .array(milestone.assignees.map { .string($0.rawValue) })),
                ("lead", .array(directory.expand(task.lead).map { .string($0.rawValue) })),
                ("support", .array(directory.expand(task.support).map { .string($0.rawValue) })),
                ("to", .optional(milestone.recipient?.description)),
                ("product", .optional(task.product)),
                ("rule", .string(occurrence.ruleSummary)),
                ("day_off_policy", .string(milestone.dayOffPolicy.rawValue)),
            ]) + "}"
        return (head, tail)
    }

    static let columns = ["due", "nominal_due", "plan", "task", "milestone", "who", "done", "rule", "title", "text"]

    private func row(_ occurrence: Occurrence, compact: Bool) -> [String] {
        let milestone = occurrence.milestone
        let who =
            compact
            ? milestone.who.map(\.description).joined(separator: ", ")
            : milestone.assignees.map(\.rawValue).joined(separator: " ")
        return [
            occurrence.due.map { compact ? "\($0.iso8601) \($0.weekday.vietnameseName)" : $0.iso8601 } ?? "",
            occurrence.nominalDue.map { compact && $0 == occurrence.due ? "" : $0.iso8601 } ?? "",
            occurrence.plan.rawValue, occurrence.task.id.rawValue, milestone.id.rawValue, who,
            compact
                ? "\(done(occurrence).count)/\(milestone.assignees.count)"
                : done(occurrence).map(\.rawValue).joined(separator: " "),
            occurrence.ruleSummary,
            occurrence.task.title, milestone.text ?? "",
        ]
    }

    /// Aligned columns; long titles are shortened to keep one line per deadline.
    package func table() -> String {
        let rows = occurrences.map { occurrence in
            var cells = row(occurrence, compact: true)
            cells.removeLast()
            cells[cells.count - 1] = OccurrenceListing.shorten(cells[cells.count - 1], to: 60)
            return cells
        }
        return TextTable(
            headers: ["DUE", "NOMINAL", "PLAN", "TASK", "MILESTONE", "WHO", "DONE", "RULE", "TITLE"], rows: rows
        ).render()
    }

    /// RFC 4180 CSV with the same fields as the table, `who` as space-separated agency ids.
    package func csv() -> String {
        CSV.render(headers: OccurrenceListing.columns, rows: occurrences.map { row($0, compact: false) })
    }

    /// One all-day VEVENT per dated occurrence.
    package func ics(stamp: String = "20250101T000000Z") -> String {
        let events = occurrences.compactMap { OccurrenceListing.event($0, directory: directory) }
        return ICalendar(name: "nhacviec", events: events, stamp: stamp).render()
    }

    /// The all-day event of a dated occurrence, as both `upcoming --format ics` and the subscribed feeds publish it;
    /// nil for undated work.
    package static func event(_ occurrence: Occurrence, directory: Directory) -> ICalendar.Event? {
        guard let due = occurrence.due else { return nil }
        let task = occurrence.task
        let milestone = occurrence.milestone
        var description: [String] = []
        if let text = milestone.text { description.append(text) }
        if let product = task.product { description.append("Sản phẩm: " + product) }
        description.append("Cơ quan thực hiện: " + milestone.who.map(directory.name(of:)).joined(separator: "; "))
        if let nominal = occurrence.nominalDue, nominal != due {
            description.append(
                "Hạn theo kế hoạch: \(nominal.vietnamese); hạn thực tế (ngày làm việc): \(due.vietnamese)")
        }
        description.append("Kế hoạch \(occurrence.plan), nhiệm vụ \(task.id), mốc \(milestone.id)")
        return ICalendar.Event(
            uid: uid((occurrence.isStart ? "start:" : "") + occurrence.key), date: due,
            summary: "\(occurrence.isStart ? "Bắt đầu" : "Hạn"): \(task.title) (\(task.id))",
            description: description.joined(separator: "\n"), categories: [occurrence.plan.rawValue])
    }

    /// A UID that stays the same across exports of the same occurrence.
    static func uid(_ key: String) -> String {
        var out = ""
        for scalar in key.unicodeScalars {
            if scalar.isASCII,
                scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "."
            {
                out.unicodeScalars.append(scalar)
            } else {
                out += "_"
            }
        }
        return out + "@nhacviec"
    }

    static func shorten(_ text: String, to width: Int) -> String {
        guard TextTable.displayWidth(text) > width else { return text }
        var result = ""
        for character in text {
            if TextTable.displayWidth(result + String(character)) > width - 1 { break }
            result.append(character)
        }
        return result + "…"
    }
}
