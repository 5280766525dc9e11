import ArgumentParser
import NhacViecCore

extension CivilDate {
    /// Parses a date option, saying what is wrong with it (ArgumentParser alone would only say "invalid").
    static func argument(_ text: String) throws -> CivilDate {
        guard let date = CivilDate(parsing: text) else {
            throw ValidationError("'\(text)' is \(CivilDate.problem(parsing: text))")
        }
        return date
    }
}
