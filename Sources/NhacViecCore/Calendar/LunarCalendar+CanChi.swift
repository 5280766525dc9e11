extension LunarCalendar {
    /// Thiên can, in cycle order from Giáp.
    static let heavenlyStems = ["Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"]
    /// Địa chi, in cycle order from Tý (Vietnamese zodiac: Mão is the cat, Sửu the buffalo).
    static let earthlyBranches = ["Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"]

    /// The can-chi name of lunar year `year`: "Giáp Tý" for 1984, "Ất Tỵ" for 2025, "Bính Ngọ" for 2026.
    ///
    /// The sexagenary cycle has no range limit, so this answers for any year.
    package static func canChi(ofYear year: Int) -> String {
        let stem = (year % 10 + 16) % 10
        let branch = (year % 12 + 20) % 12
        return heavenlyStems[stem] + " " + earthlyBranches[branch]
    }
}
