import Yams

/// A YAML node with the file it came from, and typed accessors that report problems at the node's position.
struct YAMLNode {
    let node: Node
    let file: String
    let sink: DiagnosticSink

    var location: SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    /// Whether the node is YAML null (`null`, `~` or nothing).
    var isNull: Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    var isMapping: Bool {
        if case .mapping = node { return true }
        return false
    }

    var isSequence: Bool {
        if case .sequence = node { return true }
        return false
    }

    /// The raw text of a scalar (nil for mappings and sequences).
    var scalarText: String? {
        if case .scalar(let scalar) = node { return scalar.string }
        return nil
    }

    private func child(_ node: Node) -> YAMLNode {
        YAMLNode(node: node, file: file, sink: sink)
    }

    private var kindName: String {
        switch node {
        case .scalar: isNull ? "null" : "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// The mapping's entries by key; reports unknown keys (with a suggestion) and non-string keys.
    func mapping(_ what: String, allowed: [String]) -> [String: YAMLNode]? {
        guard case .mapping(let mapping) = node else {
            sink.error(location, "\(what) must be a mapping, found \(kindName)", fix: "write 'key: value' pairs")
            return nil
        }
        var result: [String: YAMLNode] = [:]
        for (key, value) in mapping {
            let keyNode = child(key)
            guard let name = keyNode.scalarText, case .scalar = key else {
                sink.error(keyNode.location, "keys of \(what) must be plain words, found \(keyNode.kindName)")
                continue
            }
            guard allowed.contains(name) else {
                // In { …, email: a@x, b@y } the comma ends the value, so the second address becomes a key.
                let severalAddresses = name.contains("@") && allowed.contains("email")
                sink.error(
                    keyNode.location,
                    severalAddresses
                        ? "'\(name)' follows a comma, so it is read as a key" : "unknown key '\(name)' in \(what)",
                    fix: severalAddresses
                        ? "write several addresses as a list: email: [first@…, \(name)]"
                        : Suggestion.fix(
                            for: name, in: allowed, otherwise: "allowed keys: \(allowed.joined(separator: ", "))"))
                continue
            }
            result[name] = child(value)
        }
        return result
    }

    /// The elements of a list; a single scalar counts as a one-element list when `acceptsScalar`.
    func list(_ what: String, acceptsScalar: Bool = false) -> [YAMLNode]? {
        switch node {
        case .sequence(let sequence):
            return sequence.map(child)
        case .scalar where isNull:
            return []
        case .scalar where acceptsScalar:
            return [self]
        default:
            sink.error(
                location, "\(what) must be a list, found \(kindName)", fix: "write [a, b] or one '- item' per line")
            return nil
        }
    }

    /// A single-line string without control characters (it may end up in a mail header).
    func line(_ what: String) -> String? {
        guard let text = text(what, multiline: false) else { return nil }
        return text
    }

    /// A string; `multiline` allows line breaks and tabs, never other control characters.
    func text(_ what: String, multiline: Bool = true) -> String? {
        guard case .scalar = node, !isNull, let raw = scalarText else {
            sink.error(
                location, "\(what) must be text, found \(kindName)",
                fix: isNull ? "delete the line when there is none" : "write it in quotes")
            return nil
        }
        let text = multiline ? raw.trimmingLineBreaks : raw
        for scalar in text.unicodeScalars where YAMLNode.isForbidden(scalar, multiline: multiline) {
            let code = "U+" + String(scalar.value, radix: 16, uppercase: true)
            sink.error(
                location, "\(what) contains the control character \(code)",
                fix: multiline ? "remove it" : "keep \(what) on one line without control characters")
            return nil
        }
        if text.trimmingSpaces.isEmpty {
            sink.error(location, "\(what) is empty", fix: "write a value or remove the key")
            return nil
        }
        return text
    }

    static func isForbidden(_ scalar: Unicode.Scalar, multiline: Bool) -> Bool {
        if multiline && (scalar == "\n" || scalar == "\t") { return false }
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// An integer in `range`.
    func integer(_ what: String, in range: ClosedRange<Int>) -> Int? {
        guard case .scalar = node, let raw = scalarText, let value = Int(raw) else {
            sink.error(location, "\(what) must be a whole number, found \(describe)")
            return nil
        }
        guard range.contains(value) else {
            sink.error(location, "\(what) must be between \(range.lowerBound) and \(range.upperBound), found \(value)")
            return nil
        }
        return value
    }

    func boolean(_ what: String) -> Bool? {
        switch scalarText {
        case "true", "True", "TRUE", "yes": return true
        case "false", "False", "FALSE", "no": return false
        default:
            sink.error(location, "\(what) must be true or false, found \(describe)")
            return nil
        }
    }

    /// A calendar date written `2025-04-25`, `"2025-04-25"` or `"25/4/2025"`.
    func date(_ what: String) -> CivilDate? {
        guard case .scalar = node, let raw = scalarText, !isNull else {
            sink.error(location, "\(what) must be a date, found \(kindName)", fix: "write YYYY-MM-DD or D/M/YYYY")
            return nil
        }
        if let date = CivilDate(parsing: raw) { return date }
        if let (day, month, year) = YAMLNode.dateParts(raw) {
            sink.error(
                location,
                "\(what) '\(raw)' is not a real date: \(YAMLNode.whyImpossible(day: day, month: month, year: year))",
                fix: "check the day and month")
        } else {
            sink.error(location, "\(what) '\(raw)' is not a date in an accepted format", fix: CivilDate.formats)
        }
        return nil
    }

    /// A string from a fixed set (an enum's raw values), with a suggestion when misspelt.
    func choice<T: RawRepresentable & CaseIterable>(_ what: String, _ type: T.Type) -> T? where T.RawValue == String {
        guard let raw = scalarText, case .scalar = node else {
            sink.error(location, "\(what) must be one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        if let value = T(rawValue: raw) { return value }
        let names = T.allCases.map(\.rawValue)
        sink.error(
            location, "\(what) '\(raw)' is not valid",
            fix: Suggestion.fix(for: raw, in: names, otherwise: "use one of \(names.joined(separator: ", "))"))
        return nil
    }

    var describe: String {
        if case .scalar = node, let text = scalarText, !isNull { return "'\(text)'" }
        return kindName
    }

    /// Day, month and year of a date-shaped string in an accepted format (`YYYY-MM-DD`, `D/M/YYYY`), even an
    /// impossible one; nil for other shapes such as `15-01-2027` or `2027/01/15`.
    static func dateParts(_ raw: String) -> (Int, Int, Int)? {
        let text = raw.trimmingSpaces
        let dashed = text.split(separator: "-", omittingEmptySubsequences: false)
        if dashed.count == 3, dashed[0].count == 4, let year = Int(dashed[0]), let month = Int(dashed[1]),
            let day = Int(dashed[2])
        {
            return (day, month, year)
        }
        let slashed = text.split(separator: "/", omittingEmptySubsequences: false)
        if slashed.count == 3, slashed[2].count == 4, let day = Int(slashed[0]), let month = Int(slashed[1]),
            let year = Int(slashed[2])
        {
            return (day, month, year)
        }
        return nil
    }

    static func whyImpossible(day: Int, month: Int, year: Int?) -> String {
        guard (1...12).contains(month) else { return "there is no month \(month)" }
        if month == 2, day == 29, let year, !CivilDate.isLeapYear(year) { return "\(year) is not a leap year" }
        let length = CivilDate.daysIn(month: month, year: year ?? 2024)
        if day < 1 || day > length { return "month \(month) has \(length) days" }
        return "the year must be between 1 and 9999"
    }
}

extension CivilDate {
    /// The accepted date formats, as a fix.
    static let formats = "write YYYY-MM-DD or D/M/YYYY, e.g. 2025-04-25 or 25/4/2025"

    /// Why `text` is not a date, for a message: what is impossible about a date-shaped text
    /// (`not a real date: month 6 has 30 days`), or the accepted formats.
    package static func problem(parsing text: String) -> String {
        guard let (day, month, year) = YAMLNode.dateParts(text) else {
            return "not a date in an accepted format (\(formats))"
        }
        return "not a real date: \(YAMLNode.whyImpossible(day: day, month: month, year: year))"
    }
}

extension String {
    /// Without leading and trailing line breaks and spaces (YAML block scalars end with a newline).
    var trimmingLineBreaks: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
