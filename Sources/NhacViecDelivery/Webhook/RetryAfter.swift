import Foundation
import NhacViecCore

/// Parses an HTTP `Retry-After` value (RFC 9110 §10.2.3) into a delay from `now`.
enum RetryAfter {
    /// `120` → 120 s; `Sun, 06 Nov 1994 08:49:37 GMT` → that instant minus `now`, at least zero.
    ///
    /// - Parameter now: Unix seconds.
    static func delay(_ value: String, now: Double) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return Int(text).map { .seconds($0) }
        }
        guard let instant = imfFixdate(text) else { return nil }
        return .seconds(max(0, Int((Double(instant) - now).rounded(.up))))
    }

    /// Unix seconds of an IMF-fixdate such as `Sun, 06 Nov 1994 08:49:37 GMT`.
    private static func imfFixdate(_ text: String) -> Int? {
        let fields = text.split(separator: " ")
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard fields.count == 6, fields[0].hasSuffix(","), fields[5] == "GMT",
            let day = Int(fields[1]), let monthIndex = months.firstIndex(of: String(fields[2])),
            let year = Int(fields[3]), let date = CivilDate(year: year, month: monthIndex + 1, day: day)
        else { return nil }
        let time = fields[4].split(separator: ":").compactMap { Int($0) }
        guard time.count == 3, (0...23).contains(time[0]), (0...59).contains(time[1]), (0...60).contains(time[2])
        else { return nil }
        return date.dayNumber * 86_400 + time[0] * 3600 + time[1] * 60 + time[2]
    }
}
