import Foundation

/// Finds the agencies and groups of the directory that a plan names, as plans write them: without caring for
/// diacritics, with the usual abbreviations (Sở TP, Sở KH&CN, VP UBND, BQL KKT …) and group phrases
/// ("các sở, ban, ngành" → the group of the sở, ban, ngành; "UBND các cấp" → the group of the xã, phường).
package struct AgencyMatcher: Sendable {
    /// A name of the plan that matches nothing, with the closest ids of the directory.
    package struct Unmatched: Sendable, Hashable {
        package var name: String
        package var candidates: [String]
    }

    /// What a list of names in a plan resolves to.
    package struct Match: Sendable, Hashable {
        package var references: [AgencyReference] = []
        package var unmatched: [Unmatched] = []
        /// "… và cơ quan liên quan": bodies the plan does not name, which cannot be reminded.
        package var related: [String] = []
    }

    private struct Entry {
        var reference: AgencyReference
        var key: String
    }

    private let entries: [Entry]
    /// The group of the province's departments and of its communes, found by name.
    private let departments: GroupID?
    private let communes: GroupID?

    package init(directory: Directory) {
        var entries: [Entry] = []
        for agency in directory.agencies.values {
            entries.append(
                Entry(reference: .agency(agency.id), key: AgencyMatcher.key(agency.name, keepSeparators: true)))
        }
        for group in directory.groups.values {
            entries.append(Entry(reference: .group(group.id), key: AgencyMatcher.key(group.name, keepSeparators: true)))
        }
        self.entries = entries.sorted { ($0.key.count, $0.key) > ($1.key.count, $1.key) }
        let groups = directory.groups.values.sorted { $0.id.rawValue < $1.id.rawValue }
        departments = groups.first { AgencyMatcher.key($0.name).contains("so ban nganh") }?.id
        communes = groups.first { AgencyMatcher.key($0.name).contains(#/\bxa\b|\bphuong\b/#) }?.id
    }

    /// The agency that follows up plans when a plan's own name matches nothing: Văn phòng UBND, else the first.
    package static func fallback(in directory: Directory) -> AgencyID? {
        let agencies = directory.agencies.values.sorted { $0.id.rawValue < $1.id.rawValue }
        return (agencies.first { key($0.name).hasPrefix("van phong uy ban nhan dan") } ?? agencies.first)?.id
    }

    /// Every agency and group a cell or heading names, e.g. "Sở Tư pháp; UBND các cấp và cơ quan liên quan".
    package func match(_ text: String) -> Match {
        var result = Match()
        var folded = " " + AgencyMatcher.key(text, keepSeparators: true) + " "
        // Where each reference is named, to list them in the plan's order.
        var found: [(position: Int, reference: AgencyReference)] = []
        func add(_ reference: AgencyReference?, at range: Range<String.Index>?) {
            guard let reference, let range, !found.contains(where: { $0.reference == reference }) else { return }
            found.append((folded.distance(from: folded.startIndex, to: range.lowerBound), reference))
        }
        for entry in entries where folded.contains(" \(entry.key) ") {
            add(entry.reference, at: folded.range(of: " \(entry.key) "))
            folded = folded.replacingOccurrences(of: " \(entry.key) ", with: " ; ")
        }
        for (pattern, groups) in groupPhrases {
            if let range = folded.firstMatch(of: pattern)?.range {
                groups.forEach { add($0.map(AgencyReference.group), at: range) }
                folded = folded.replacing(pattern, with: " ; ")
            }
        }
        result.references = found.sorted { $0.position < $1.position }.map(\.reference)
        enum Kind { case none, related, unmatched }
        var previous = Kind.none
        for piece in folded.split(whereSeparator: { $0 == ";" || $0 == "," }) {
            var name = piece.trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("de nghi ") { name = String(name.dropFirst(8)) }
            guard !name.isEmpty else {
                previous = .none
                continue
            }
            let words = name.split(separator: " ").filter { !AgencyMatcher.fillers.contains(String($0)) }
            let written =
                originalPieces(of: text).first { piece in
                    let key = AgencyMatcher.key(piece)
                    return !key.isEmpty && (key.contains(name) || name.contains(key))
                } ?? name
            // "Trung tâm Xúc tiến đầu tư, thương mại và du lịch": a comma inside one name.
            let continues = written.first?.isLowercase == true
            if continues, previous == .related, let last = result.related.indices.last {
                result.related[last] += ", " + written
            } else if name.contains("lien quan") || name.hasPrefix("cac ") {
                result.related.append(written)
                previous = .related
            } else if continues, previous == .unmatched, let last = result.unmatched.indices.last {
                result.unmatched[last].name += ", " + written
            } else if words.isEmpty {
                previous = .none
            } else {
                result.unmatched.append(Unmatched(name: written, candidates: candidates(for: name)))
                previous = .unmatched
            }
        }
        return result
    }

    /// The agency or group a sentence starts with ("Văn phòng UBND tỉnh tham mưu …"), if any.
    package func leading(_ sentence: String) -> [AgencyReference] {
        let folded = AgencyMatcher.key(sentence, keepSeparators: true)
        let start = folded.hasPrefix("cac ") ? String(folded.dropFirst(4)) : folded
        let starts = { (text: String, key: String) in text.hasPrefix(key + " ") || text == key }
        if let entry = entries.first(where: { starts(start, $0.key) || starts(folded, $0.key) }) {
            return [entry.reference]
        }
        for (pattern, groups) in groupPhrases
        where folded.firstMatch(of: pattern)?.range.lowerBound == folded.startIndex {
            return groups.compactMap { $0.map(AgencyReference.group) }
        }
        return []
    }

    private var groupPhrases: [(Regex<Substring>, [GroupID?])] {
        [
            (#/(?:cac )?co quan ?, don vi ?, dia phuong/#, [departments, communes]),
            (#/(?:cac )?so ?,? ban ?,? nganh(?: lien quan)?|(?:cac )?so ?, nganh(?: lien quan)?/#, [departments]),
            (#/uy ban nhan dan (?:cac cap|cac xa ?,? phuong|cap xa|xa ?,? phuong)|chinh quyen dia phuong/#, [communes]),
        ]
    }

    /// The names of a list as written, split at `;` and `,`, without "Đề nghị:".
    private func originalPieces(of text: String) -> [String] {
        text.split(whereSeparator: { $0 == ";" || $0 == "," }).map { piece in
            var name = piece.trimmingCharacters(in: .whitespaces)
            if VietnameseText.folded(name).hasPrefix("de nghi") { name = String(name.dropFirst(7)) }
            return name.trimmingCharacters(in: CharacterSet(charactersIn: ": ")).trimmingCharacters(in: .whitespaces)
        }
    }

    /// Up to three ids of the directory whose names share the most words with `name`.
    private func candidates(for name: String) -> [String] {
        let words = Set(name.split(separator: " ").map(String.init)).subtracting(AgencyMatcher.fillers)
        let scored = entries.compactMap { entry -> (Int, String)? in
            let common = words.intersection(entry.key.split(separator: " ").map(String.init)).count
            return common > 0 ? (common, entry.reference.description) : nil
        }
        return scored.sorted { ($0.0, $1.1) > ($1.0, $0.1) }.prefix(3).map(\.1)
    }

    /// Words that do not tell agencies apart.
    private static let fillers: Set<String> = [
        "so", "ban", "uy", "nhan", "dan", "va", "cac", "tinh", "de", "nghi", "co", "quan", "don", "vi", "hoi",
    ]

    /// Abbreviations of agency names, folded, and what they stand for.
    private static let abbreviations: [(String, String)] = [
        ("ubnd", "uy ban nhan dan"), ("hdnd", "hoi dong nhan dan"), ("vpubnd", "van phong uy ban nhan dan"),
        ("vpub", "van phong uy ban nhan dan"), ("vp", "van phong"), ("kh&cn", "khoa hoc va cong nghe"),
        ("khcn", "khoa hoc va cong nghe"), ("kh&dt", "ke hoach va dau tu"), ("khdt", "ke hoach va dau tu"),
        ("nn&mt", "nong nghiep va moi truong"), ("nnmt", "nong nghiep va moi truong"),
        ("nn&ptnt", "nong nghiep va phat trien nong thon"), ("tn&mt", "tai nguyen va moi truong"),
        ("tnmt", "tai nguyen va moi truong"), ("gd&dt", "giao duc va dao tao"), ("gddt", "giao duc va dao tao"),
        ("vhttdl", "van hoa , the thao va du lich"), ("vh,tt&dl", "van hoa , the thao va du lich"),
        ("vh , tt&dl", "van hoa , the thao va du lich"), ("tt&tt", "thong tin va truyen thong"),
        ("tp", "tu phap"), ("tc", "tai chinh"), ("nv", "noi vu"), ("ct", "cong thuong"), ("xd", "xay dung"),
        ("bql", "ban quan ly"), ("kkt", "khu kinh te"), ("dt&tg", "dan toc va ton giao"), ("ca", "cong an"),
    ]

    /// A name folded for comparison: no diacritics, abbreviations spelled out, "tỉnh" and punctuation dropped
    /// (`,` and `;` kept as words when `keepSeparators`).
    static func key(_ name: String, keepSeparators: Bool = false) -> String {
        var text = VietnameseText.folded(VietnameseText.normalized(name))
        text = text.replacingOccurrences(of: " & ", with: "&")
        var spaced = ""
        for character in text {
            if character == "," || character == ";" {
                spaced += keepSeparators ? " \(character) " : " "
            } else if character.isLetter || character.isNumber || character == "&" {
                spaced.append(character)
            } else {
                spaced += " "
            }
        }
        let words = spaced.split(separator: " ").map(String.init)
        var expanded: [String] = []
        for (index, word) in words.enumerated() {
            let afterSo = index > 0 && words[index - 1] == "so"
            let short = ["tp", "tc", "nv", "ct", "xd"].contains(word)
            if let long = abbreviations.first(where: { $0.0 == word })?.1, !short || afterSo {
                expanded.append(long)
            } else if word != "tinh" {
                expanded.append(word)
            }
        }
        return expanded.joined(separator: " ")
    }
}
