/// A day of the week, named as in the config (`saturday`, `sunday`, …).
package enum Weekday: String, CaseIterable, Sendable, Hashable, Codable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    /// 0 = Sunday … 6 = Saturday.
    init(sundayBasedIndex: Int) {
        self = [.sunday, .monday, .tuesday, .wednesday, .thursday, .friday, .saturday][sundayBasedIndex]
    }

    /// Vietnamese name as used in letters ("Thứ Hai" … "Chủ nhật").
    package var vietnameseName: String {
        switch self {
        case .monday: "Thứ Hai"
        case .tuesday: "Thứ Ba"
        case .wednesday: "Thứ Tư"
        case .thursday: "Thứ Năm"
        case .friday: "Thứ Sáu"
        case .saturday: "Thứ Bảy"
        case .sunday: "Chủ nhật"
        }
    }

    /// English three-letter abbreviation, as RFC 5322 and RFC 5545 need.
    package var englishAbbreviation: String {
        switch self {
        case .monday: "Mon"
        case .tuesday: "Tue"
        case .wednesday: "Wed"
        case .thursday: "Thu"
        case .friday: "Fri"
        case .saturday: "Sat"
        case .sunday: "Sun"
        }
    }
}
