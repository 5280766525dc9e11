import Foundation
import NhacViecCore

extension Configuration {
    /// Today in the configured time zone.
    var today: CivilDate {
        LocalTime(identifier: timeZone).civilDate(of: Date())
    }
}
