import Foundation
import NhacViecCore
import Testing

@Suite("Deadline phrases of real plans read as due rules")
struct DeadlinePhraseTests {
    static let reader = DeadlinePhraseReader(defaultYear: 2025)

    /// Each phrase as plans write it, and the `due:` (and `starts:`) the draft gets.
    static let table: [(phrase: String, due: [String])] = [
        ("Quý IV/2025", ["{ by: quarter, quarter: 4, year: 2025 }"]),
        ("Quí IV-2025", ["{ by: quarter, quarter: 4, year: 2025 }"]),
        ("quý 2 năm 2026", ["{ by: quarter, quarter: 2, year: 2026 }"]),
        ("Tháng 12/2025", ["{ by: month, month: 12, year: 2025 }"]),
        ("Tháng 11 - 12/2025", ["{ by: month, month: 12, year: 2025 }"]),
        ("tháng 3 năm 2026", ["{ by: month, month: 3, year: 2026 }"]),
        ("Năm 2026", ["{ by: year, year: 2026 }"]),
        ("Hoàn thành trong năm 2025", ["{ by: year, year: 2025 }"]),
        ("trước ngày 25/4/2025", ["2025-04-25"]),
        ("trước ngày 15-6-2026", ["2026-06-15"]),
        ("trước ngày 15 tháng 6 năm 2026", ["2026-06-15"]),
        ("Từ ngày 01/01/2026 đến ngày 31/3/2026", ["2026-03-31 starts 2026-01-01"]),
        ("Từ tháng 11/2025 đến khi kết thúc Tổng kiểm kê", ["ongoing starts 2025-11-01"]),
        ("trước ngày 15/6 hàng năm", ["{ every: year, date: \"15/6\" }"]),
        ("trước ngày 15 tháng 6 hằng năm", ["{ every: year, date: \"15/6\" }"]),
        (
            "định kỳ trước ngày 01/6 và 15/11 hằng năm (hoặc đột xuất khi có yêu cầu)",
            ["{ every: year, date: [\"1/6\", \"15/11\"] }"]
        ),
        ("6 tháng (trước ngày 16/6)", ["{ every: year, date: \"16/6\" }"]),
        ("Định kỳ hàng tháng (trước ngày 16 hàng tháng)", ["{ every: month, day: 16 }"]),
        ("Định kỳ hằng tháng báo cáo tình hình", ["{ every: month } open"]),
        ("Thường xuyên, định kỳ hằng quý báo cáo", ["{ every: quarter } open", "ongoing"]),
        ("Hằng năm", ["{ every: year } open"]),
        ("Thường xuyên, hằng năm", ["{ every: year } open", "ongoing"]),
        ("Thường xuyên.", ["ongoing"]),
        ("Theo thời hạn yêu cầu của Văn phòng Chính phủ.", ["{ on_request: \"Văn phòng Chính phủ\" }"]),
        (
            "Trong năm 2025 hoặc theo thời hạn yêu cầu của Văn phòng Chính phủ, Bộ ngành liên quan.",
            ["{ on_request: \"Văn phòng Chính phủ, Bộ ngành liên quan\", date: 2025-12-31 }"]
        ),
        (
            "Theo kế hoạch công tác tư pháp hàng năm",
            ["{ when: \"Theo kế hoạch công tác tư pháp hàng năm\" }"]
        ),
        ("Sau khi Nghị định … ban hành", ["{ when: \"Sau khi Nghị định … ban hành\" }"]),
        ("Khi có phát sinh", ["{ when: \"Khi có phát sinh\" }"]),
        (
            "Các đơn vị gửi dự thảo trước ngày 20/4/2025; Văn phòng UBND tỉnh trình trước ngày 30/4/2025.",
            ["2025-04-20", "2025-04-30"]
        ),
    ]

    static func describe(_ reading: DeadlineReading) -> [String] {
        reading.deadlines.map { deadline in
            PlanDraftWriter.yaml(deadline) + (deadline.starts.map { " starts \($0.iso8601)" } ?? "")
                + (deadline.dayLeftOpen ? " open" : "")
        }
    }

    @Test(arguments: table.indices)
    func phraseBecomesTheRuleAnAdminWouldWrite(index: Int) {
        let (phrase, expected) = Self.table[index]
        let reading = Self.reader.read(phrase)
        #expect(reading.review == nil, "\(phrase)")
        #expect(Self.describe(reading).sorted() == expected.sorted(), "\(phrase)")
    }

    @Test func decomposedTextAndOldTonePlacementReadLikeComposedText() {
        let decomposed = "Quý IV/2025".decomposedStringWithCanonicalMapping
        #expect(Self.describe(Self.reader.read(decomposed)) == ["{ by: quarter, quarter: 4, year: 2025 }"])
        #expect(Self.describe(Self.reader.read("Hoàn thành trong năm 2025, hoá đơn")) == ["{ by: year, year: 2025 }"])
    }

    @Test func aPhraseWithNoDeadlineIsMarkedForReviewWithItsWords() {
        let reading = Self.reader.read("Kịp thời")
        #expect(reading.deadlines.isEmpty)
        #expect(reading.review == "chưa đọc được thời hạn: \"Kịp thời\"")
    }

    @Test func quarterEndIsTheLastDayOfTheQuarter() {
        #expect(DuePeriod.quarter(4, year: 2025).lastDay == CivilDate(year: 2025, month: 12, day: 31))
        #expect(DuePeriod.quarter(1, year: 2024).lastDay == CivilDate(year: 2024, month: 3, day: 31))
        #expect(DuePeriod.month(2, year: 2024).lastDay == CivilDate(year: 2024, month: 2, day: 29))
    }
}
