/// A plain-text table whose columns line up in a terminal, measuring Vietnamese text by display width.
package struct TextTable: Sendable {
    package var headers: [String]
    package var rows: [[String]]

    package init(headers: [String], rows: [[String]]) {
        self.headers = headers
        self.rows = rows
    }

    /// The table with a header line, a rule and one line per row; cells never contain newlines.
    package func render() -> String {
        let all = [headers] + rows
        let columns = headers.count
        var widths = [Int](repeating: 0, count: columns)
        for row in all {
            for (index, cell) in row.prefix(columns).enumerated() {
                widths[index] = max(widths[index], TextTable.displayWidth(TextTable.singleLine(cell)))
            }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for index in 0..<columns {
                let cell = index < cells.count ? TextTable.singleLine(cells[index]) : ""
                let padding = index == columns - 1 ? 0 : widths[index] - TextTable.displayWidth(cell)
                parts.append(cell + String(repeating: " ", count: max(0, padding)))
            }
            return parts.joined(separator: "  ")
        }
        var output = [line(headers), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        output.append(contentsOf: rows.map(line))
        return output.joined(separator: "\n") + "\n"
    }

    static func singleLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }

    /// Terminal columns taken by `text`: combining marks take none, East Asian wide characters two.
    package static func displayWidth(_ text: String) -> Int {
        var width = 0
        for scalar in text.unicodeScalars {
            let properties = scalar.properties
            switch properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format, .control:
                continue
            default:
                width += isWide(scalar.value) ? 2 : 1
            }
        }
        return width
    }

    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
