import Foundation

/// Vietnamese text as documents mix it (composed and decomposed forms, "hoá" and "hóa"), made comparable.
package enum VietnameseText {
    /// Unicode NFC, with non-breaking and other spaces as plain spaces and runs of spaces collapsed.
    package static func normalized(_ text: String) -> String {
        let composed = text.precomposedStringWithCanonicalMapping
        var result = ""
        var lastWasSpace = false
        for scalar in composed.unicodeScalars {
            let isSpace = scalar.properties.isWhitespace && scalar != "\n"
            if isSpace {
                if !lastWasSpace { result.unicodeScalars.append(" ") }
            } else {
                result.unicodeScalars.append(scalar)
            }
            lastWasSpace = isSpace
        }
        return result
    }

    /// Lowercase without diacritics, one character for each character of `text` (so offsets carry over):
    /// "Quí IV-2025" → "qui iv-2025", "Đồng Tháp" → "dong thap"; old and new tone placement fold alike.
    package static func folded(_ text: String) -> String {
        String(text.map(fold))
    }

    private static func fold(_ character: Character) -> Character {
        if character.isASCII { return Character(character.lowercased()) }
        let base = String(character).lowercased().decomposedStringWithCanonicalMapping.unicodeScalars.first {
            !(0x0300...0x036F).contains($0.value)
        }
        guard let base else { return character }
        return base == "đ" ? "d" : Character(base)
    }
}
