import Foundation
package import NhacViecCore
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Why a plan document could not be read, in Vietnamese first, with what to do.
package struct DocumentReadError: Error, CustomStringConvertible {
    package var description: String
}

/// Reads a plan document from disk into a `PlanDocument`: `.docx` (Office Open XML through ZIPFoundation and
/// XMLParser, tables and merged cells included), `.pdf` (its text layer through `pdftotext -layout`), and
/// `.txt`, `.md`, `.html`.
package enum PlanDocumentReader {
    package static let extensions = ["docx", "pdf", "txt", "md", "html", "htm"]

    package static func read(path: String) throws(DocumentReadError) -> PlanDocument {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw DocumentReadError(description: "không đọc được \(path): tệp không có hoặc không có quyền đọc")
        }
        switch url.pathExtension.lowercased() {
        case "docx": return try docx(url)
        case "pdf": return try pdf(path)
        case "html", "htm": return PlanDocument.fromHTML(try text(url))
        case "txt", "md": return PlanDocument.fromText(try text(url))
        default:
            throw DocumentReadError(
                description:
                    "không đọc được loại tệp '.\(url.pathExtension)' (\(path)); nhận: \(extensions.map { ".\($0)" }.joined(separator: ", ")). Với .doc: mở bằng Word/LibreOffice và lưu thành .docx"
            )
        }
    }

    private static func text(_ url: URL) throws(DocumentReadError) -> String {
        guard let data = FileManager.default.contents(atPath: url.path),
            let text = String(bytes: data, encoding: .utf8)
        else {
            throw DocumentReadError(description: "\(url.path) không phải văn bản UTF-8: lưu lại với mã hóa UTF-8")
        }
        return text
    }

    // MARK: DOCX

    private static func docx(_ url: URL) throws(DocumentReadError) -> PlanDocument {
        var xml = Data()
        do {
            let archive = try Archive(url: url, accessMode: .read)
            guard let entry = archive["word/document.xml"] else {
                throw DocumentReadError(description: "\(url.path) không phải tệp .docx: thiếu word/document.xml")
            }
            _ = try archive.extract(entry) { xml.append($0) }
        } catch let error as DocumentReadError {
            throw error
        } catch {
            throw DocumentReadError(description: "\(url.path) không phải tệp .docx (ZIP) hợp lệ: \(error)")
        }
        let reader = WordprocessingReader()
        let parser = XMLParser(data: xml)
        parser.delegate = reader
        guard parser.parse() else {
            throw DocumentReadError(
                description: "\(url.path): word/document.xml hỏng: \(parser.parserError.map { "\($0)" } ?? "")")
        }
        return PlanDocument(blocks: reader.blocks)
    }

    // MARK: PDF

    /// The text layer, one paragraph per line (the importer joins lines that a line break cut).
    private static func pdf(_ path: String) throws(DocumentReadError) -> PlanDocument {
        let candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/pdftotext" }
        guard let tool = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw DocumentReadError(
                description:
                    "cần pdftotext để đọc PDF: sudo apt-get install poppler-utils (hoặc lưu văn bản thành .docx)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-layout", "-enc", "UTF-8", path, "-"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        let data: Data
        do {
            try process.run()
            data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
        } catch {
            throw DocumentReadError(description: "không chạy được \(tool): \(error)")
        }
        guard process.terminationStatus == 0, let text = String(bytes: data, encoding: .utf8) else {
            throw DocumentReadError(
                description: "pdftotext không đọc được \(path) (mã lỗi \(process.terminationStatus))")
        }
        guard text.filter(\.isLetter).count >= 20 else {
            throw DocumentReadError(
                description:
                    "\(path) không có lớp chữ (bản quét): nhận dạng chữ trước với `ocrmypdf -l vie \(path) ban-chu.pdf` (gói ocrmypdf, tesseract-ocr-vie) rồi import ban-chu.pdf"
            )
        }
        let lines = text.split(separator: "\n").map { $0.replacingOccurrences(of: "\u{0C}", with: "") }
        return PlanDocument.fromText(lines.joined(separator: "\n\n"))
    }
}

/// Collects the paragraphs and tables of `word/document.xml`: `w:p` paragraphs with their `w:t` runs, `w:tbl`
/// tables row by row, a cell spanning columns (`w:gridSpan`) followed by empty cells, and a cell merged with the
/// one above (`w:vMerge` without `restart`) given that cell's text.
private final class WordprocessingReader: NSObject, XMLParserDelegate {
    var blocks: [PlanDocument.Block] = []
    private var paragraph = ""
    private var inText = false
    private var tableDepth = 0
    private var rows: [[String]] = []
    private var row: [String] = []
    private var cell: [String] = []
    private var span = 1
    private var mergedWithAbove = false
    /// The text of each grid column in the row above, for merged cells.
    private var above: [String] = []

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch name {
        case "w:t": inText = true
        case "w:tab": paragraph += " "
        case "w:br", "w:cr": paragraph += " "
        case "w:tbl":
            tableDepth += 1
            if tableDepth == 1 { (rows, above) = ([], []) }
        case "w:tr" where tableDepth == 1: row = []
        case "w:tc" where tableDepth == 1: (cell, span, mergedWithAbove) = ([], 1, false)
        case "w:gridSpan" where tableDepth == 1: span = Int(attributes["w:val"] ?? "1") ?? 1
        case "w:vMerge" where tableDepth == 1: mergedWithAbove = attributes["w:val"] != "restart"
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { paragraph += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "w:t": inText = false
        case "w:p":
            if tableDepth > 0 {
                cell.append(paragraph)
            } else {
                blocks.append(.paragraph(paragraph))
            }
            paragraph = ""
        case "w:tc" where tableDepth == 1:
            var text = cell.filter { !$0.isEmpty }.joined(separator: "\n")
            if mergedWithAbove, row.count < above.count { text = above[row.count] }
            row.append(text)
            row += Array(repeating: "", count: max(0, span - 1))
        case "w:tr" where tableDepth == 1:
            rows.append(row)
            above = row
        case "w:tbl":
            tableDepth -= 1
            if tableDepth == 0 { blocks.append(.table(rows)) }
        default: break
        }
    }
}
