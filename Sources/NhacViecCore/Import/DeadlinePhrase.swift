import Foundation

/// What a plan's deadline phrase ("Quý IV/2025", "trước ngày 15/6 hàng năm", "Thường xuyên") means as due rules.
package struct DeadlineReading: Sendable, Hashable {
    /// One deadline the phrase gives: its rule and, for a window ("Từ ngày 01/01/2026 …"), its start.
    package struct Deadline: Sendable, Hashable {
        package var due: DueRule
        package var starts: CivilDate?
        /// The plan leaves the day of this recurring rule open ("định kỳ hằng quý"): `check` warns.
        package var dayLeftOpen: Bool
        /// The clause of the phrase it was read from.
        package var words: String?

        package init(due: DueRule, starts: CivilDate? = nil, dayLeftOpen: Bool = false, words: String? = nil) {
            self.due = due
            self.starts = starts
            self.dayLeftOpen = dayLeftOpen
            self.words = words
        }
    }

    package var deadlines: [Deadline]
    /// Why a person must read the phrase (nil when every part of it became a rule).
    package var review: String?
}

/// Turns deadline phrases into due rules. Works on folded text (no diacritics, lowercase), so "Quý"/"Quí",
/// "hằng"/"hàng" and composed or decomposed input read alike; wording is kept from the original.
package struct DeadlinePhraseReader: Sendable {
    /// The year of a date written without one and not repeated yearly ("trước ngày 15/6").
    package var defaultYear: Int

    package init(defaultYear: Int) {
        self.defaultYear = defaultYear
    }

    /// Reads `phrase`; several clauses (";") may give several deadlines.
    package func read(_ phrase: String) -> DeadlineReading {
        let original = VietnameseText.normalized(phrase)
        var deadlines: [DeadlineReading.Deadline] = []
        for clause in original.split(separator: ";").map(String.init) {
            let words = clause.trimmingCharacters(in: .whitespaces)
            deadlines += readClause(clause).map { deadline in
                var deadline = deadline
                deadline.words = words
                return deadline
            }
        }
        if deadlines.isEmpty {
            return DeadlineReading(deadlines: [], review: "chưa đọc được thời hạn: \"\(original)\"")
        }
        return DeadlineReading(deadlines: deadlines, review: nil)
    }

    // MARK: One clause

    /// The text of one clause, folded, with the parts already read blanked out.
    private struct Scan {
        let original: [Character]
        var folded: String

        init(_ text: String) {
            original = Array(text)
            folded = VietnameseText.folded(text)
        }

        /// Every match of `regex`, blanking each one so that later patterns do not read it again.
        mutating func take<Output>(_ regex: Regex<Output>) -> [Regex<Output>.Match] {
            let matches = folded.matches(of: regex)
            for match in matches {
                let lower = folded.distance(from: folded.startIndex, to: match.range.lowerBound)
                let length = folded.distance(from: match.range.lowerBound, to: match.range.upperBound)
                var characters = Array(folded)
                characters.replaceSubrange(lower..<lower + length, with: repeatElement(" ", count: length))
                folded = String(characters)
            }
            return matches
        }

        func contains<Output>(_ regex: Regex<Output>) -> Bool { folded.contains(regex) }

        /// The original words from the start of `range` (a range of `folded`) to the end of the clause.
        func originalText(from index: String.Index) -> String {
            let offset = folded.distance(from: folded.startIndex, to: index)
            return String(original[offset...])
        }
    }

    private func readClause(_ clause: String) -> [DeadlineReading.Deadline] {
        var scan = Scan(clause)
        // Set by an event or another document: "Sau khi Nghị định … ban hành", "Theo kế hoạch … hàng năm".
        if scan.contains(
            #/^\s*(sau khi|khi |theo ke hoach|theo chuong trinh|theo quy dinh|theo tien do|ngay sau khi|dot xuat)/#)
        {
            return [.init(due: .onEvent(clause.trimmingCharacters(in: .punctuationAndSpace), date: nil))]
        }
        let starts = readStart(&scan)
        var result: [DeadlineReading.Deadline] = []
        for match in scan.take(#/ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})/#) {
            if let date = date(match.output.3, match.output.2, match.output.1) {
                result.append(.init(due: .once(date)))
            }
        }
        for match in scan.take(#/qu[yi]\s+(iv|iii|ii|i|[1-4])\s*(?:[\/-]|nam)\s*(\d{4})/#) {
            if let quarter = quarterNumber(String(match.output.1)), let year = Int(match.output.2) {
                result.append(.init(due: .endOf(.quarter(quarter, year: year))))
            }
        }
        for match in scan.take(#/thang\s+((?:\d{1,2}\s*(?:-|–|,|va|den)\s*)*)(\d{1,2})\s*(?:[\/-]|nam)\s*(\d{4})/#) {
            if let month = Int(match.output.2), (1...12).contains(month), let year = Int(match.output.3) {
                result.append(.init(due: .endOf(.month(month, year: year))))
            }
        }
        for match in scan.take(#/(\d{1,2})\s*[\/.-]\s*(\d{1,2})\s*[\/.-]\s*(\d{4})/#) {
            if let date = date(match.output.3, match.output.2, match.output.1) {
                result.append(.init(due: .once(date)))
            }
        }
        for match in scan.take(#/nam\s+(\d{4})/#) {
            if let year = Int(match.output.1) { result.append(.init(due: .endOf(.year(year)))) }
        }
        result += recurring(&scan)
        if scan.contains(#/thuong xuyen|lien tuc|hang ngay/#) { result.append(.init(due: .ongoing(nudge: nil))) }
        if let request = scan.folded.firstMatch(of: #/theo\s+(?:thoi han\s+|tien do\s+)?yeu cau\s+(?:cua\s+)?/#) {
            let by = scan.originalText(from: request.range.upperBound).trimmingCharacters(in: .punctuationAndSpace)
            let date = result.count == 1 ? result[0].due.singleDate : nil
            let rule = DueRule.onRequest(by: by.isEmpty ? nil : by, date: date)
            if date != nil { result = [] }
            result.append(.init(due: rule))
        }
        if let starts {
            if result.isEmpty, scan.contains(#/den khi|den het|ket thuc|tro di|tro ve sau/#) {
                result.append(.init(due: .ongoing(nudge: nil)))
            }
            for index in result.indices where result[index].due.singleDate.map({ $0 >= starts }) ?? true {
                result[index].starts = starts
            }
        }
        return result
    }

    /// "Từ ngày 01/01/2026", "từ tháng 11/2025", "từ quý I/2026", "từ năm 2026": the first day.
    private func readStart(_ scan: inout Scan) -> CivilDate? {
        if let match = scan.take(#/tu\s+(?:ngay\s+)?(\d{1,2})\s*[\/.-]\s*(\d{1,2})\s*[\/.-]\s*(\d{4})/#).first {
            return date(match.output.3, match.output.2, match.output.1)
        }
        if let match = scan.take(#/tu\s+thang\s+(\d{1,2})\s*(?:[\/-]|nam)\s*(\d{4})/#).first {
            return date(match.output.2, match.output.1, "1")
        }
        if let match = scan.take(#/tu\s+qu[yi]\s+(iv|iii|ii|i|[1-4])\s*(?:[\/-]|nam)\s*(\d{4})/#).first,
            let quarter = quarterNumber(String(match.output.1))
        {
            return date(match.output.2, Substring(String(quarter * 3 - 2)), "1")
        }
        if let match = scan.take(#/tu\s+nam\s+(\d{4})/#).first { return date(match.output.1, "1", "1") }
        return nil
    }

    /// "hằng tháng (trước ngày 16 hàng tháng)", "trước ngày 01/6 và 15/11 hằng năm", "định kỳ hằng quý", "Hằng năm".
    private func recurring(_ scan: inout Scan) -> [DeadlineReading.Deadline] {
        var result: [DeadlineReading.Deadline] = []
        let monthly = scan.contains(#/(hang|moi)\s+thang/#)
        let monthDays = scan.take(#/ngay\s+(\d{1,2})\s+(?:hang|moi|cua)\s+thang/#).compactMap { Int($0.output.1) }
        var yearDays: [DayOfYear] = []
        for match in scan.take(
            #/(?:^|[^\d\/])(\d{1,2})\s*\/\s*(\d{1,2})(?![\d\/])|ngay\s+(\d{1,2})\s*-\s*(\d{1,2})(?![\d-])|ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})/#
        ) {
            let day = Int(match.output.1 ?? match.output.3 ?? match.output.5 ?? "")
            let month = Int(match.output.2 ?? match.output.4 ?? match.output.6 ?? "")
            if let day, let month, (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: 2024)
            {
                yearDays.append(DayOfYear(month: month, day: day))
            }
        }
        if let day = monthDays.first, (1...31).contains(day) {
            result.append(.init(due: .recurring(.monthly(day: .day(day)), from: nil, until: nil)))
        } else if monthly {
            result.append(open(.month))
        }
        let yearly = scan.contains(#/(hang|moi)\s+nam|thuong nien|6 thang|sau thang|tong ket nam|dinh ky/#)
        if !yearDays.isEmpty {
            let days = Array(Set(yearDays)).sorted()
            if yearly || monthly {
                let rule: Recurrence =
                    days.count == 1 ? .yearly(month: days[0].month, day: days[0].day) : .yearlyDates(days)
                result.append(.init(due: .recurring(rule, from: nil, until: nil)))
            } else {
                for day in days {
                    if let date = CivilDate(year: defaultYear, month: day.month, day: day.day) {
                        result.append(.init(due: .once(date)))
                    }
                }
            }
        } else if scan.contains(#/(hang|moi)\s+nam|thuong nien/#) {
            result.append(open(.year))
        }
        if scan.contains(#/(hang|moi)\s+quy|dinh ky\s+quy|theo quy/#) {
            result.append(open(.quarter))
        }
        if scan.contains(#/(hang|moi)\s+tuan/#) { result.append(open(.week)) }
        return result
    }

    private func open(_ every: OpenDay) -> DeadlineReading.Deadline {
        .init(due: .recurring(every.rule, from: nil, until: nil), dayLeftOpen: true)
    }

    private func date(_ year: Substring, _ month: Substring, _ day: Substring) -> CivilDate? {
        guard let year = Int(year), let month = Int(month), let day = Int(day) else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }

    private func quarterNumber(_ text: String) -> Int? {
        ["i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4][text]
    }
}

extension CharacterSet {
    /// Spaces and punctuation around a phrase: "(hoặc đột xuất khi có yêu cầu)." → "hoặc đột xuất khi có yêu cầu".
    static let punctuationAndSpace = CharacterSet.whitespacesAndNewlines.union(.punctuationCharacters)
}
