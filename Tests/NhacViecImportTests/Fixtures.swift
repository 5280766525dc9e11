import Foundation
import NhacViecConfigFiles
import NhacViecCore
import ZIPFoundation

/// Files the import tests build or read: DOCX made with ZIPFoundation, the shipped directory, the real plans.
enum Fixtures {
    /// The repository root (this file is Tests/NhacViecImportTests/Fixtures.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `../shared/`, beside the repository: the real plans, absent on machines other than the project's.
    static let shared = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")

    static func sharedFile(_ path: String) -> URL? {
        let url = shared.appendingPathComponent(path)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// The directory of the shipped Config/agencies.yaml.
    static func shippedDirectory() throws -> Directory {
        let path = repositoryRoot.appendingPathComponent("Config/agencies.yaml").path
        return try ConfigCompiler.directory(
            from: ConfigSource(path: path, text: String(contentsOfFile: path, encoding: .utf8)))
    }

    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "nhacviec-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// A .docx holding `body` (WordprocessingML inside `<w:body>`), as Word would zip it.
    static func docx(body: String, at url: URL) throws {
        let document = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)</w:body></w:document>
            """
        let types = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
            """
        let archive = try Archive(url: url, accessMode: .create)
        for (path, text) in [("[Content_Types].xml", types), ("word/document.xml", document)] {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    static func paragraph(_ text: String) -> String {
        let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        return "<w:p><w:r><w:t xml:space=\"preserve\">\(escaped)</w:t></w:r></w:p>"
    }

    /// A table cell; `merge` is `restart` or `continue` for a cell merged down the rows.
    static func cell(_ text: String, merge: String? = nil, span: Int? = nil) -> String {
        var properties = ""
        if let span { properties += "<w:gridSpan w:val=\"\(span)\"/>" }
        if let merge { properties += merge == "restart" ? "<w:vMerge w:val=\"restart\"/>" : "<w:vMerge/>" }
        return "<w:tc><w:tcPr>\(properties)</w:tcPr>\(paragraph(text))</w:tc>"
    }

    static func row(_ cells: String...) -> String { "<w:tr>\(cells.joined())</w:tr>" }
}
