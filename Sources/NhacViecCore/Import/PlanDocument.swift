import Foundation

/// A plan document as its readers see it: paragraphs and tables in reading order, text already NFC.
///
/// The file adapters (DOCX, PDF text, web text) produce it; the importer reads only this, so it does no I/O.
package struct PlanDocument: Sendable, Hashable {
    /// One paragraph, or one table as rows of cells (a cell merged across rows repeats its text in each row).
    package enum Block: Sendable, Hashable {
        case paragraph(String)
        case table([[String]])
    }

    package var blocks: [Block]

    package init(blocks: [Block]) {
        self.blocks = blocks.compactMap { block in
            switch block {
            case .paragraph(let text):
                let clean = VietnameseText.normalized(text).trimmingCharacters(in: .whitespaces)
                return clean.isEmpty ? nil : .paragraph(clean)
            case .table(let rows):
                return .table(
                    rows.map { $0.map { VietnameseText.normalized($0).trimmingCharacters(in: .whitespaces) } })
            }
        }
    }

    /// Plain text as exported from a web page or a PDF: paragraphs separated by blank lines (their lines
    /// joined), Markdown marks (`#`, `**`, `*`, `\`) dropped, and tables flattened one cell per line between
    /// lines holding only `|` (two `|` lines in a row end a table row; a blank line after a `|` ends the table).
    package static func fromText(_ text: String) -> PlanDocument {
        var blocks: [Block] = []
        var paragraph: [String] = []
        var rows: [[String]] = []
        var row: [String] = []
        var cell: [String] = []
        var inTable = false
        var lastWasBar = false
        func flushParagraph() {
            if !paragraph.isEmpty { blocks.append(.paragraph(paragraph.joined(separator: " "))) }
            paragraph = []
        }
        func flushTable() {
            if !row.isEmpty { rows.append(row) }
            if !rows.isEmpty { blocks.append(.table(rows)) }
            (rows, row, cell, inTable) = ([], [], [], false)
        }
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line == "|" {
                if !inTable {
                    flushParagraph()
                    inTable = true
                } else if lastWasBar {
                    if !row.isEmpty { rows.append(row) }
                    row = []
                } else {
                    row.append(cleaned(cell.joined(separator: " ")))
                    cell = []
                }
                lastWasBar = true
                continue
            }
            if inTable {
                if line.isEmpty, lastWasBar {
                    flushTable()
                } else if !line.isEmpty {
                    cell.append(line)
                }
                lastWasBar = false
                continue
            }
            lastWasBar = false
            if line.isEmpty {
                flushParagraph()
            } else if line.hasPrefix("#") || line.hasPrefix("- ") && !paragraph.isEmpty {
                flushParagraph()
                paragraph.append(cleaned(line))
                if line.hasPrefix("#") { flushParagraph() }
            } else {
                paragraph.append(cleaned(line))
            }
        }
        flushParagraph()
        flushTable()
        return PlanDocument(blocks: blocks)
    }

    /// A line without Markdown emphasis, heading marks and escapes.
    static func cleaned(_ line: String) -> String {
        var text = line
        while text.hasPrefix("#") { text.removeFirst() }
        text = text.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "\\", with: "")
        text = text.replacingOccurrences(of: "*", with: "")
        return VietnameseText.normalized(text).trimmingCharacters(in: .whitespaces)
    }

    /// A page's text: block elements become paragraphs, `<table>` becomes a table, entities are decoded.
    package static func fromHTML(_ html: String) -> PlanDocument {
        var blocks: [Block] = []
        var rows: [[String]] = []
        var row: [String] = []
        var text = ""
        var inTable = 0
        var index = html.startIndex
        func flushText() {
            let clean = decodeEntities(text)
            if inTable == 0, !clean.trimmingCharacters(in: .whitespaces).isEmpty { blocks.append(.paragraph(clean)) }
            text = ""
        }
        while index < html.endIndex {
            guard html[index] == "<", let close = html[index...].firstIndex(of: ">") else {
                text.append(html[index])
                index = html.index(after: index)
                continue
            }
            let tag = html[html.index(after: index)..<close].lowercased()
            let name = String(tag.prefix { $0.isLetter || $0.isNumber || $0 == "/" })
            index = html.index(after: close)
            switch name {
            case "table":
                flushText()
                inTable += 1
            case "/table":
                inTable = max(0, inTable - 1)
                if !row.isEmpty { rows.append(row) }
                if inTable == 0, !rows.isEmpty { blocks.append(.table(rows)) }
                (rows, row) = inTable == 0 ? ([], []) : (rows, [])
            case "tr" where inTable > 0: row = []
            case "/tr" where inTable > 0:
                rows.append(row)
                row = []
            case "td", "th": text = ""
            case "/td", "/th":
                row.append(decodeEntities(text))
                text = ""
            case "br":
                text += inTable > 0 ? " " : "\n"
            case "p", "/p", "div", "/div", "li", "/li", "h1", "/h1", "h2", "/h2", "h3", "/h3", "h4", "/h4":
                if inTable == 0 { flushText() } else { text += " " }
            default: break
            }
        }
        flushText()
        return PlanDocument(blocks: blocks)
    }

    private static func decodeEntities(_ text: String) -> String {
        var result = text.replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'")
        while let match = result.firstMatch(of: #/&#(x?)([0-9a-fA-F]+);/#) {
            let value = UInt32(match.output.2, radix: match.output.1.isEmpty ? 10 : 16)
            let scalar = value.flatMap(Unicode.Scalar.init).map(String.init) ?? ""
            result.replaceSubrange(match.range, with: scalar)
        }
        return result.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "\n", with: " ")
    }
}
