public import Foundation

extension LocalTime {
    /// "08:15 ngày 3/12/2026", in this zone: how a person in the office reads an instant.
    public func vietnameseDateTime(_ instant: Date) -> String {
        let date = civilDate(of: instant)
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: instant)
        let ofDay = ((seconds % 86_400) + 86_400) % 86_400
        let time = TimeOfDay(hour: ofDay / 3600, minute: ofDay % 3600 / 60)
        return "\(time) ngày \(date.vietnamese)"
    }
}
