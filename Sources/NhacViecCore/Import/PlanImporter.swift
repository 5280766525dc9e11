import Foundation

/// A plan read from its document, before it is written as a draft plan file.
package struct ImportedPlan: Sendable {
    package var id: String
    package var title: String
    package var issuer: String?
    package var issued: CivilDate?
    package var period: ClosedRange<CivilDate>
    /// Where the period comes from, for the draft's comment ("the years of the title", …).
    package var periodSource: String
    package var tasks: [ImportedTask]
    /// The agency given the tasks whose lead matches nothing (Văn phòng UBND), marked for review.
    package var fallbackLead: AgencyID?

    /// Counts for the summary on stderr.
    package var deadlinesUnderstood: Int {
        tasks.flatMap(\.milestones).filter { $0.review == nil && $0.phrase != nil }.count
    }

    /// Milestones marked for review: phrases not read, and recurring rules whose day the plan leaves open.
    package var toReview: [ImportedMilestone] {
        tasks.flatMap(\.milestones).filter { $0.review != nil || $0.deadline.dayLeftOpen }
    }

    /// Names of the plan that match no agency of the directory, each once.
    package var unmatchedAgencies: [AgencyMatcher.Unmatched] {
        var seen: Set<String> = []
        return tasks.flatMap { $0.lead.unmatched + $0.support.unmatched }.filter { seen.insert($0.name).inserted }
    }
}

/// One numbered item of the plan's assignment table or list, or one agency's duties under "Tổ chức thực hiện".
package struct ImportedTask: Sendable {
    package var id: String
    package var section: String?
    package var title: String
    package var content: String?
    package var product: String?
    package var lead: AgencyMatcher.Match
    package var support: AgencyMatcher.Match
    package var milestones: [ImportedMilestone]
}

/// One deadline of a task: the plan's phrase verbatim and the rule read from it.
package struct ImportedMilestone: Sendable {
    package var id: String
    /// nil: the task's lead.
    package var who: [AgencyReference]?
    /// The plan's words; nil when the plan gives the task no deadline at all (written as ongoing).
    package var phrase: String?
    package var deadline: DeadlineReading.Deadline
    /// Why a person must look at it (the phrase could not be read).
    package var review: String?
}

/// Drafts a plan from a `PlanDocument`: identity, tasks with their agencies, and deadlines as due rules.
package struct PlanImporter: Sendable {
    let matcher: AgencyMatcher
    let fallback: AgencyID?

    package init(directory: Directory) {
        matcher = AgencyMatcher(directory: directory)
        fallback = AgencyMatcher.fallback(in: directory)
    }

    package func importPlan(_ document: PlanDocument, name: String) -> ImportedPlan {
        let identity = Identity(document: document, name: name)
        let reader = DeadlinePhraseReader(defaultYear: identity.issued?.year ?? 2025)
        var builder = TaskBuilder(matcher: matcher, reader: reader)
        builder.walk(document)
        let (period, source) = PlanImporter.period(
            of: builder.tasks, issued: identity.issued, titleYears: identity.titleYears)
        return ImportedPlan(
            id: identity.id, title: identity.title, issuer: identity.issuer, issued: identity.issued, period: period,
            periodSource: source, tasks: builder.tasks, fallbackLead: fallback)
    }

    /// The years of the title ("năm 2025 và 2026", "giai đoạn 2026 - 2030") from the issue date, else the issue
    /// date to the end of the year after the last deadline's; widened to hold every dated deadline.
    private static func period(
        of tasks: [ImportedTask], issued: CivilDate?, titleYears: [Int]
    ) -> (ClosedRange<CivilDate>, String) {
        let dates = tasks.flatMap(\.milestones).flatMap { [$0.deadline.due.singleDate, $0.deadline.starts] }
            .compactMap { $0 }
        let first = issued ?? dates.min() ?? CivilDate(year: 2025, month: 1, day: 1)!
        let lastYear: Int
        let source: String
        if let last = titleYears.max() {
            lastYear = last
            let years = Set(titleYears).sorted().map(String.init).joined(separator: ", ")
            source = "các năm ghi trong tên kế hoạch (\(years))"
        } else {
            lastYear = max(first.year + 1, dates.map(\.year).max() ?? first.year)
            source = "từ ngày ban hành đến hết năm sau thời hạn cuối cùng (tên kế hoạch không ghi năm)"
        }
        let lower = min(first, dates.min() ?? first)
        let upper = max(CivilDate(year: lastYear, month: 12, day: 31)!, dates.max() ?? first)
        return (lower...upper, source)
    }
}

/// Number, symbol, issuer, date and title, from the first lines of the document.
private struct Identity {
    var id: String
    var title: String
    var issuer: String?
    var issued: CivilDate?
    var titleYears: [Int]

    init(document: PlanDocument, name: String) {
        let texts = document.blocks.flatMap { block -> [String] in
            switch block {
            case .paragraph(let text): [text]
            case .table(let rows): rows.flatMap { $0 }
            }
        }
        var id = name
        var place: String?
        var issued: CivilDate?
        for text in texts.prefix(60) {
            let folded = VietnameseText.folded(text)
            if id == name, let match = folded.firstMatch(of: #/so\s*:?\s*(\d+)\s*\/\s*([a-z0-9-]+)/#) {
                let symbol = Identity.slice(text, folded, match.output.2.startIndex..<match.output.2.endIndex)
                id = "\(match.output.1)/\(symbol)"
            }
            if issued == nil,
                let match = folded.firstMatch(
                    of: #/([a-z ]+),\s*ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})/#)
            {
                place = Identity.slice(text, folded, match.output.1.startIndex..<match.output.1.endIndex)
                    .trimmingCharacters(in: .whitespaces)
                issued = Int(match.output.4).flatMap { year in
                    Int(match.output.3).flatMap { month in
                        Int(match.output.2).flatMap { CivilDate(year: year, month: month, day: $0) }
                    }
                }
            }
        }
        let paragraphs = document.blocks.compactMap { block -> String? in
            if case .paragraph(let text) = block { return text }
            return nil
        }
        var title = ""
        if let heading = paragraphs.firstIndex(where: { VietnameseText.folded($0) == "ke hoach" }),
            heading + 1 < paragraphs.count
        {
            title = Identity.sentenceCase(paragraphs[heading + 1], keeping: place)
        }
        self.id = id
        self.title = title.isEmpty ? name : "Kế hoạch " + title
        self.issued = issued
        self.issuer = id.uppercased().contains("UBND") ? place.map { "UBND tỉnh \($0)" } : nil
        titleYears = title.matches(of: #/\b(20\d\d)\b/#).compactMap { Int($0.output.1) }
    }

    /// `text`'s characters at the offsets of `range` in `folded` (folding keeps one character per character).
    static func slice(_ text: String, _ folded: String, _ range: Range<String.Index>) -> String {
        let lower = folded.distance(from: folded.startIndex, to: range.lowerBound)
        let length = folded.distance(from: range.lowerBound, to: range.upperBound)
        return String(Array(text)[lower..<lower + length])
    }

    /// "XUẤT KHẨU … TỈNH SƠN LA …" → "xuất khẩu … tỉnh Sơn La …"; a title in mixed case keeps its case, only
    /// its first letter lowered ("Triển khai …" → "triển khai …").
    static func sentenceCase(_ text: String, keeping place: String?) -> String {
        let letters = text.filter(\.isLetter)
        guard letters.contains(where: \.isLowercase) == false else {
            return text.prefix(1).lowercased() + text.dropFirst()
        }
        var lowered = text.lowercased()
        if let place { lowered = lowered.replacingOccurrences(of: place.lowercased(), with: place) }
        return lowered
    }
}

/// Walks the document and collects tasks: from an assignment table, from lists with "Cơ quan chủ trì:" lines,
/// and from the numbered agencies of "Tổ chức thực hiện" and "Chế độ báo cáo".
private struct TaskBuilder {
    let matcher: AgencyMatcher
    let reader: DeadlinePhraseReader
    var tasks: [ImportedTask] = []

    private enum Mode { case other, organisation }
    private enum Field { case content, deadline, none }

    private var mode = Mode.other
    private var roman: String?
    private var path: String?
    private var headings: [String: String] = [:]
    private var candidate: (id: String, title: String)?
    private var current: ImportedTask?
    private var phrases: [String] = []
    private var body: [String] = []
    private var field = Field.none

    init(matcher: AgencyMatcher, reader: DeadlinePhraseReader) {
        self.matcher = matcher
        self.reader = reader
    }

    mutating func walk(_ document: PlanDocument) {
        var paragraphs: [String] = []
        for block in document.blocks {
            switch block {
            case .paragraph(let text):
                if let last = paragraphs.last, TaskBuilder.continues(last, with: text) {
                    paragraphs[paragraphs.count - 1] = last + " " + text
                } else {
                    paragraphs.append(text)
                }
            case .table(let rows):
                for paragraph in paragraphs { visit(paragraph) }
                paragraphs = []
                readTable(rows)
            }
        }
        for paragraph in paragraphs { visit(paragraph) }
        finish()
    }

    /// A paragraph that a page or line break cut from the previous one.
    private static func continues(_ previous: String, with next: String) -> Bool {
        guard previous.count > 60, let end = previous.last, !".:;!?)".contains(end),
            !next.contains(#/^(?:[a-zđ]|[ivx]+)\)/#)
        else { return false }
        return next.first.map { $0.isLowercase || $0.isNumber && !next.contains(#/^\d+(\.\d+)*\.\s/#) } ?? false
    }

    // MARK: Lists

    private mutating func visit(_ raw: String) {
        var text = raw
        var bullet = false
        while let first = text.first, "-+•*".contains(first) {
            bullet = bullet || first == "+"
            text = String(text.dropFirst()).trimmingCharacters(in: .whitespaces)
        }
        let folded = VietnameseText.folded(text)
        // The signature block, an appendix, or the closing "Trong quá trình thực hiện, nếu có khó khăn …".
        if folded.hasPrefix("noi nhan") || folded.hasPrefix("phu luc")
            || mode == .organisation && folded.contains(#/^trong qua trinh (?:to chuc )?thuc hien/#)
        {
            finish()
            mode = .other
            roman = nil
            return
        }
        if let match = text.firstMatch(of: #/^([IVX]+)\.\s+(.+)$/#), isUpper(String(match.output.2)) {
            finish()
            roman = String(match.output.1)
            let title = VietnameseText.folded(String(match.output.2))
            mode = title.contains("to chuc thuc hien") || title.contains("che do bao cao") ? .organisation : .other
            path = nil
            candidate = nil
            return
        }
        if let match = text.firstMatch(of: #/^(\d+(?:\.\d+)*)\.?\s+(.+)$/#), !bullet {
            let label = String(match.output.1)
            let rest = String(match.output.2)
            if mode == .organisation, !label.contains(".") {
                finish()
                startOrganisationTask(label: label, text: rest)
                return
            }
            if mode == .other {
                finish()
                path = label
                let title = rest.trimmingCharacters(in: CharacterSet(charactersIn: ": "))
                headings[label] = title
                candidate = (label, title)
                return
            }
        }
        if mode == .other, let match = text.firstMatch(of: #/^([a-zđ])\)\s*(.*)$/#), let path {
            finish()
            candidate = ("\(path).\(match.output.1)", headings[path] ?? "")
            text = String(match.output.2)
        }
        if mode == .organisation {
            if current != nil { body.append(text) }
            return
        }
        readField(text, bullet: bullet)
    }

    private mutating func readField(_ text: String, bullet: Bool) {
        let folded = VietnameseText.folded(text)
        func value(after colon: Substring.Index?) -> String {
            guard let colon else { return "" }
            return String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        let colon = text.firstIndex(of: ":")
        let label = colon.map { VietnameseText.folded(String(text[..<$0])) } ?? ""
        if label.hasPrefix("noi dung cong viec") || label.hasPrefix("noi dung nhiem vu") {
            materialize()
            field = .content
            let rest = value(after: colon)
            if !rest.isEmpty { current?.content = rest }
        } else if label.hasPrefix("co quan chu tri") || label.hasPrefix("don vi chu tri") {
            materialize()
            field = .none
            current?.lead = matcher.match(value(after: colon))
        } else if label.hasPrefix("co quan phoi hop") || label.hasPrefix("don vi phoi hop") {
            materialize()
            field = .none
            current?.support = matcher.match(value(after: colon))
        } else if current != nil, label.hasPrefix("san pham") || label.hasPrefix("ket qua") {
            field = .none
            current?.product = value(after: colon)
        } else if label.hasPrefix("thoi gian") || label.hasPrefix("thoi han") || label.hasPrefix("tien do") {
            materialize()
            field = .deadline
            let rest = value(after: colon)
            if !rest.isEmpty { phrases.append(rest) }
        } else if current != nil {
            switch field {
            case .deadline where bullet || !folded.isEmpty: phrases.append(text)
            case .content:
                let content = [current?.content, text].compactMap { $0 }.joined(separator: "\n")
                current?.content = content
            default: break
            }
        }
    }

    /// Turns the numbered item being read into a task when its first field appears.
    private mutating func materialize() {
        guard current == nil, let candidate else { return }
        current = ImportedTask(
            id: candidate.id, section: roman.map { "\($0).\(candidate.id)" }, title: candidate.title, content: nil,
            product: nil, lead: .init(), support: .init(), milestones: [])
        self.candidate = nil
    }

    private mutating func startOrganisationTask(label: String, text: String) {
        var text = text
        // "Đề nghị: Hiệp hội Doanh nghiệp tỉnh, …": bodies the plan asks rather than orders.
        if let request = VietnameseText.folded(text).firstMatch(of: #/^de nghi\s*:?\s*/#) {
            text = String(text.dropFirst(request.output.count))
        }
        var heading = text
        var rest = ""
        if let colon = text.firstIndex(of: ":"), text.distance(from: text.startIndex, to: colon) < 140 {
            heading = String(text[..<colon])
            rest = String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        var lead = matcher.match(heading)
        // "Sở Công Thương tổng hợp báo cáo …": no heading of its own, the agency opens the sentence.
        let leading = matcher.leading(text)
        if heading == text || lead.references.isEmpty, !leading.isEmpty {
            lead = AgencyMatcher.Match(references: leading)
            (heading, rest) = text.count > 80 ? (text, text) : (text, "")
        }
        let id = roman.map { "\($0).\(label)" } ?? label
        current = ImportedTask(
            id: id, section: id, title: heading.trimmingCharacters(in: CharacterSet(charactersIn: ": ")),
            content: nil, product: nil, lead: lead, support: .init(), milestones: [])
        if !rest.isEmpty { body.append(rest) }
    }

    /// Closes the task being read: its deadlines become milestones.
    private mutating func finish() {
        defer {
            (current, phrases, body, field) = (nil, [], [], .none)
        }
        guard var task = current else { return }
        if !body.isEmpty {
            let content = body.joined(separator: "\n")
            task.content = content
            phrases = TaskBuilder.sentences(of: content).filter { sentence in
                VietnameseText.folded(sentence).contains(
                    #/dinh ky|truoc ngay|thoi han|hang thang|hang quy|hang nam|hoan thanh trong|thuong xuyen/#)
            }
            if let first = TaskBuilder.sentences(of: content).first {
                task.title = "\(task.title) – \(first.count > 120 ? String(first.prefix(117)) + "…" : first)"
            }
        }
        task.milestones = milestones(for: task, from: phrases)
        add(task)
    }

    private static func sentences(of text: String) -> [String] {
        text.split(separator: "\n").flatMap { line in
            line.split(separator: #/\.\s+(?=\p{Lu})|\.$/#).map { $0.trimmingCharacters(in: .whitespaces) }
        }.filter { !$0.isEmpty }
    }

    private func milestones(for task: ImportedTask, from phrases: [String]) -> [ImportedMilestone] {
        var result: [ImportedMilestone] = []
        let leadSet = Set(task.lead.references)
        for phrase in phrases {
            let reading = reader.read(phrase)
            if let review = reading.review {
                result.append(
                    ImportedMilestone(
                        id: "", who: nil, phrase: phrase, deadline: .init(due: .onEvent(phrase, date: nil)),
                        review: review))
                continue
            }
            for deadline in reading.deadlines {
                let words = deadline.words ?? phrase
                let leading = matcher.leading(words)
                let who = leading.isEmpty || Set(leading).isSubset(of: leadSet) ? nil : leading
                result.append(ImportedMilestone(id: "", who: who, phrase: words, deadline: deadline, review: nil))
            }
        }
        if result.isEmpty {
            result.append(ImportedMilestone(id: "", who: nil, phrase: nil, deadline: .init(due: .ongoing(nudge: nil))))
        }
        for index in result.indices { result[index].id = "moc-\(index + 1)" }
        return result
    }

    private mutating func add(_ task: ImportedTask) {
        var task = task
        var suffix = 2
        let base = task.id
        while tasks.contains(where: { $0.id == task.id }) {
            task.id = "\(base)-\(suffix)"
            suffix += 1
        }
        tasks.append(task)
    }

    private func isUpper(_ text: String) -> Bool {
        let letters = text.filter(\.isLetter)
        return !letters.isEmpty && letters.filter(\.isUppercase).count * 10 >= letters.count * 8
    }

    // MARK: Tables

    /// An assignment table: a header with the lead ("chủ trì") and a deadline ("thời gian", "thời hạn") column;
    /// one task per numbered row, rows of one cell are section titles.
    private mutating func readTable(_ rows: [[String]]) {
        guard
            let headerIndex = rows.firstIndex(where: { row in
                let folded = row.map(VietnameseText.folded)
                return folded.contains { $0.contains("chu tri") }
                    && folded.contains { $0.contains("thoi gian") || $0.contains("thoi han") || $0.contains("tien do") }
            })
        else { return }
        finish()
        let header = rows[headerIndex].map(VietnameseText.folded)
        func column(_ words: [String]) -> Int? {
            header.firstIndex { cell in words.contains { cell.contains($0) } }
        }
        let lead = column(["chu tri"])
        let support = column(["phoi hop"])
        let deadline = column(["thoi gian", "thoi han", "tien do"])
        let product = column(["san pham", "ket qua"])
        let name = column(["ten nhiem vu", "nhiem vu", "noi dung", "ten"])
        var section: String?
        var previous: [String]?
        for row in rows[(headerIndex + 1)...] {
            let cells = row.filter { !$0.isEmpty }
            if cells.count == 1 {
                section = cells[0]
                continue
            }
            guard row.count > 1, let number = row.first?.firstMatch(of: #/^\s*(\d+(?:\.\d+)*)\.?\s*$/#) else {
                continue
            }
            let full = TaskBuilder.align(row, width: header.count, previous: previous)
            previous = full
            func cell(_ index: Int?) -> String? {
                guard let index, index < full.count, !full[index].isEmpty else { return nil }
                return full[index]
            }
            var task = ImportedTask(
                id: String(number.output.1), section: section, title: cell(name) ?? "", content: nil,
                product: cell(product), lead: matcher.match(cell(lead) ?? ""),
                support: matcher.match(cell(support) ?? ""),
                milestones: [])
            task.milestones = milestones(for: task, from: cell(deadline).map { [$0] } ?? [])
            add(task)
        }
    }

    /// A row with fewer cells than the header (cells merged with the row above appear once): number and name
    /// on the left, the rest on the right, the gap filled from the row above.
    private static func align(_ row: [String], width: Int, previous: [String]?) -> [String] {
        guard row.count < width, row.count >= 2 else { return row }
        let missing = width - row.count
        let filler = (0..<missing).map { index in previous.map { $0[2 + index] } ?? "" }
        return Array(row.prefix(2)) + filler + Array(row.dropFirst(2))
    }
}
