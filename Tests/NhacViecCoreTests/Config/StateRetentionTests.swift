import Foundation
import Testing

@testable import NhacViecCore

@Suite("state.retention_days: how long the ledger keeps one row per delivery")
struct StateRetentionTests {
    @Test func defaultsToFourHundredDays() throws {
        #expect(try ConfigFixtures.compile().retention == StateRetention(days: 400))
    }

    @Test func isReadFromTheStateSection() throws {
        let configuration = try ConfigFixtures.compile(main: ConfigFixtures.main + "\nstate: { retention_days: 730 }\n")
        #expect(configuration.retention.days == 730)
    }

    @Test func fewerDaysThanTheDashboardsHistoryAreRefusedWhereTheyAreWritten() throws {
        let main = ConfigFixtures.main + "\nstate:\n  retention_days: 30\n"
        let errors = ConfigFixtures.errors(main: main)
        #expect(errors.map(\.message) == ["state.retention_days must be between 90 and 36500, found 30"])
        let line = main.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        #expect(errors.first?.location?.file == "Config/nhacviec.yaml")
        #expect(errors.first?.location?.line == line)
    }

    @Test func aMistypedKeyGetsASuggestion() {
        let errors = ConfigFixtures.errors(main: ConfigFixtures.main + "\nstate: { retention_day: 500 }\n")
        #expect(errors.map(\.message) == ["unknown key 'retention_day' in state"])
        #expect(errors.first?.fix?.contains("retention_days") == true)
    }

    @Test func theCutoffIsThatManyDaysBeforeThePass() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(StateRetention(days: 90).cutoff(now: now) == now.addingTimeInterval(-90 * 86_400))
    }
}
