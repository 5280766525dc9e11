import ArgumentParser
import Foundation
import NhacViecCore
import NhacViecImport

/// `nhacviec import`: drafts a plan file from the plan document as it was signed.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Draft a plan file (YAML) from a plan document: .docx, .pdf, .txt, .md or .html.",
        discussion: """
            Reads the plan as it is written and drafts Config/plans/NAME.yaml in the format `check` reads: \
            the plan's number and symbol as id, its issuer, date, title and period; one task per numbered item \
            of the assignment table or list (and per agency under "Tổ chức thực hiện" / "Chế độ báo cáo"), \
            keeping the plan's numbering and words; lead and support agencies matched against the directory \
            without diacritics and with the usual abbreviations (Sở TP, Sở KH&CN, VP UBND, BQL KKT, "các sở, \
            ban, ngành" → the group); every deadline phrase kept as text: and read into a due: rule.

            What it cannot settle is marked "XEM LẠI" in the draft: phrases it could not read, report days the \
            plan leaves open ("định kỳ hằng quý": `check` warns until you set the day), names missing from the \
            directory (with the closest ids). A summary goes to stderr. A PDF needs its text layer \
            (pdftotext, package poppler-utils); a scanned PDF must go through `ocrmypdf -l vie` first.

            Examples:
              nhacviec import 617-KH-UBND.docx -o Config/plans/617-KH-UBND.yaml
              nhacviec import ke-hoach.pdf --directory /etc/nhacviec/agencies.yaml
              nhacviec import trang-web.html -o Config/plans/new.yaml

            The summary, e.g. for the Đồng Tháp plan 617/KH-UBND:
              617/KH-UBND: 18 nhiệm vụ, 13 thời hạn đã hiểu, 3 mục cần xem lại,
              3 tên cơ quan chưa khớp danh bạ
                chưa khớp: "Hiệp hội Doanh nghiệp tỉnh" (gần nhất: so-nn-mt)

            Then: grep -n "XEM LẠI" Config/plans/617-KH-UBND.yaml; nhacviec check; nhacviec upcoming --plan \
            617/KH-UBND --all to compare with the document; systemctl reload nhacviec.
            """
    )

    @Argument(help: ArgumentHelp("The plan document.", valueName: "file"))
    var file: String
    @Option(help: ArgumentHelp("The agency directory to match names against.", valueName: "path"))
    var directory = "Config/agencies.yaml"
    @Option(
        name: [.customShort("o"), .long],
        help: ArgumentHelp("Write the draft here (default: stdout).", valueName: "path"))
    var output: String?
    @Flag(help: "Overwrite the --output file if it exists.")
    var force = false

    func run() throws {
        if let output, !force, FileManager.default.fileExists(atPath: output) {
            throw CommandFailure("\(output) đã có (already exists): chọn tên khác hoặc thêm --force")
        }
        guard let data = FileManager.default.contents(atPath: directory),
            let text = String(bytes: data, encoding: .utf8)
        else {
            throw CommandFailure(
                "không đọc được danh bạ \(directory) (cannot read the directory); give --directory PATH")
        }
        let agencies: Directory
        do {
            agencies = try ConfigCompiler.directory(from: ConfigSource(path: directory, text: text))
        } catch {
            for diagnostic in error.diagnostics { StandardError.print(diagnostic.description) }
            throw ExitCode(1)
        }
        let document: PlanDocument
        do {
            document = try PlanDocumentReader.read(path: file)
        } catch {
            throw CommandFailure(error.description)
        }
        let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let plan = PlanImporter(directory: agencies).importPlan(document, name: name)
        let writer = PlanDraftWriter(plan: plan, source: URL(fileURLWithPath: file).lastPathComponent)
        let draft = writer.render()
        if let output {
            do {
                try draft.write(toFile: output, atomically: true, encoding: .utf8)
            } catch {
                throw CommandFailure("không ghi được \(output): \(error.localizedDescription)")
            }
        } else {
            print(draft, terminator: "")
        }
        StandardError.print(writer.summary)
    }
}
