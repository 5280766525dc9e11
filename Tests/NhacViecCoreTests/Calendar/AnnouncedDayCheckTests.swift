import Foundation
import Testing

@testable import NhacViecCore

@Suite("An announced calendar entry cannot silently change the law")
struct AnnouncedDayCheckTests {
    static func compile(_ calendar: String) throws -> [ConfigDiagnostic] {
        try ConfigCompiler.compile(
            main: ConfigSource(path: "Config/nhacviec.yaml", text: ConfigFixtures.main + "\n" + calendar),
            included: [
                ConfigSource(path: "Config/agencies.yaml", text: ConfigFixtures.agencies),
                ConfigSource(path: "Config/plans/p.yaml", text: ConfigFixtures.plan),
            ]
        ).warnings
    }

    @Test func tetAnnouncedWithoutItsKindIsWarnedAbout() throws {
        let warnings = try Self.compile(
            "calendar: { days_off: [{ from: 2027-02-05, to: 2027-02-14, name: \"Tết Đinh Mùi\" }] }")
        #expect(
            warnings.map(\.description) == [
                "Config/nhacviec.yaml:4:24: warning: 'Tết Đinh Mùi' overlaps Tết Nguyên Đán (29 Tết) (2027-02-05) but has kind 'announced', so the computed days of that holiday stay too, with their compensatory days (add kind: tet to replace them)"
            ])
    }

    @Test func tetAnnouncedWithItsKindReplacesTheComputedDaysQuietly() throws {
        let warnings = try Self.compile(
            "calendar: { days_off: [{ from: 2027-02-05, to: 2027-02-14, name: \"Tết Đinh Mùi\", kind: tet }] }")
        #expect(warnings.isEmpty)
    }

    @Test func aSwappedWorkingDayOnATuesdayIsRejected() {
        let main = ConfigFixtures.main + "\ncalendar: { working_days: [{ date: 2027-01-12, name: \"Làm bù\" }] }"
        let errors = ConfigFixtures.errors(main: main)
        #expect(
            errors.map(\.description) == [
                "Config/nhacviec.yaml:4:28: error: working day 2027-01-12 is a Thứ Ba, already a working day (working_days lists the weekend days worked in exchange for a day off; give the Saturday or Sunday)"
            ])
        #expect(ConfigFixtures.errors(main: main.replacingOccurrences(of: "2027-01-12", with: "2027-01-09")).isEmpty)
    }
}
