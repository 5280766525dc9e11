import Foundation
import NhacViecCore
import NhacViecImport
import Testing

@Suite("Plan documents read from .docx, .pdf, .txt and .html")
struct DocumentReaderTests {
    /// A small plan as a province would sign it: identity, an assignment table with a lead merged over two rows.
    static func assignmentPlan() -> String {
        let header = Fixtures.row(
            Fixtures.cell("STT"), Fixtures.cell("Tên nhiệm vụ"), Fixtures.cell("Cơ quan chủ trì"),
            Fixtures.cell("Cơ quan phối hợp"), Fixtures.cell("Thời gian hoàn thành"))
        return [
            Fixtures.paragraph("Số: 12/KH-UBND"),
            Fixtures.paragraph("Gia Lai, ngày 02 tháng 01 năm 2026"),
            Fixtures.paragraph("KẾ HOẠCH"),
            Fixtures.paragraph("Chuyển đổi số năm 2026"),
            "<w:tbl>", header,
            Fixtures.row(Fixtures.cell("I. NHIỆM VỤ CHUNG", span: 5)),
            Fixtures.row(
                Fixtures.cell("1"), Fixtures.cell("Xây dựng bộ tiêu chí"), Fixtures.cell("Sở KH&CN", merge: "restart"),
                Fixtures.cell("Sở TP"), Fixtures.cell("Quý I/2026")),
            Fixtures.row(
                Fixtures.cell("2"), Fixtures.cell("Đánh giá mức độ"), Fixtures.cell("", merge: "continue"),
                Fixtures.cell("Các sở, ban, ngành tỉnh; UBND các xã, phường"),
                Fixtures.cell("Định kỳ hằng quý")),
            "</w:tbl>",
        ].joined()
    }

    @Test func docxTableKeepsRowsAndGivesAMergedCellItsTextInEveryRow() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("12-KH-UBND.docx")
        try Fixtures.docx(body: Self.assignmentPlan(), at: file)
        let document = try PlanDocumentReader.read(path: file.path)
        #expect(
            document.blocks.prefix(2) == [
                .paragraph("Số: 12/KH-UBND"), .paragraph("Gia Lai, ngày 02 tháng 01 năm 2026"),
            ])
        guard case .table(let rows) = document.blocks.last else {
            Issue.record("no table in \(document.blocks)")
            return
        }
        #expect(rows.count == 4)
        #expect(rows[1] == ["I. NHIỆM VỤ CHUNG", "", "", "", ""])
        #expect(rows[3][2] == "Sở KH&CN")
    }

    @Test func docxPlanBecomesTasksWithAgenciesAndRules() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("12-KH-UBND.docx")
        try Fixtures.docx(body: Self.assignmentPlan(), at: file)
        let plan = PlanImporter(directory: try Fixtures.shippedDirectory())
            .importPlan(try PlanDocumentReader.read(path: file.path), name: "12-KH-UBND")
        #expect(plan.id == "12/KH-UBND")
        #expect(plan.issuer == "UBND tỉnh Gia Lai")
        #expect(plan.issued == CivilDate(year: 2026, month: 1, day: 2))
        #expect(plan.title == "Kế hoạch chuyển đổi số năm 2026")
        #expect(plan.tasks.map(\.id) == ["1", "2"])
        #expect(plan.tasks.map { $0.lead.references.map(\.description) } == [["so-khcn"], ["so-khcn"]])
        #expect(plan.tasks[1].support.references.map(\.description) == ["so-ban-nganh", "ubnd-xa"])
        #expect(plan.tasks[0].support.references.map(\.description) == ["so-tu-phap"])
        #expect(plan.tasks[0].milestones.map(\.deadline.due) == [.endOf(.quarter(1, year: 2026))])
        #expect(plan.toReview.count == 1)
    }

    @Test func notADocxSaysSo() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("plan.docx")
        try Data("not a zip".utf8).write(to: file)
        #expect(throws: DocumentReadError.self) { try PlanDocumentReader.read(path: file.path) }
    }

    @Test func flattenedWebTextTablesBecomeRows() {
        let text = "Số: 5/KH-UBND\n|\n**STT**\n|\nTên\n|\n|\n1\n|\nViệc một\nnối dòng\n|\n\nĐoạn sau"
        let document = PlanDocument.fromText(text)
        #expect(
            document.blocks == [
                .paragraph("Số: 5/KH-UBND"), .table([["STT", "Tên"], ["1", "Việc một nối dòng"]]),
                .paragraph("Đoạn sau"),
            ])
    }

    @Test func htmlParagraphsAndTablesAreRead() {
        let html = "<p>Số: 7/KH-UBND</p><table><tr><td>STT</td><td>Thời&nbsp;hạn</td></tr></table><p>Hết &amp; xong</p>"
        #expect(
            PlanDocument.fromHTML(html).blocks == [
                .paragraph("Số: 7/KH-UBND"), .table([["STT", "Thời hạn"]]), .paragraph("Hết & xong"),
            ])
    }

    /// A one-page PDF whose text layer says `lines` (ASCII), with a correct cross-reference table.
    static func pdf(_ lines: [String]) -> Data {
        let stream = lines.enumerated().map { "BT /F1 12 Tf 72 \(720 - $0.offset * 20) Td (\($0.element)) Tj ET" }
            .joined(separator: "\n")
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { out += String(format: "%010d 00000 n \n", offset) }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(out.utf8)
    }

    static let hasPdftotext = FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext")

    @Test(.enabled(if: hasPdftotext, "pdftotext is missing: sudo apt-get install poppler-utils"))
    func pdfTextLayerIsRead() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("plan.pdf")
        try Self.pdf(["So: 31/KH-UBND", "1. Cong an tinh: Thuc hien truoc ngay 30/6/2026."]).write(to: file)
        let document = try PlanDocumentReader.read(path: file.path)
        #expect(document.blocks.contains(.paragraph("So: 31/KH-UBND")))
        #expect(document.blocks.contains(.paragraph("1. Cong an tinh: Thuc hien truoc ngay 30/6/2026.")))
    }

    @Test(.enabled(if: hasPdftotext, "pdftotext is missing: sudo apt-get install poppler-utils"))
    func scannedPdfWithoutTextSuggestsOcrmypdf() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("scan.pdf")
        try Self.pdf([]).write(to: file)
        let error = #expect(throws: DocumentReadError.self) { try PlanDocumentReader.read(path: file.path) }
        #expect(error?.description.contains("ocrmypdf -l vie") == true)
    }
}
