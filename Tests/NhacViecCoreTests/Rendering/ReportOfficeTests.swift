import Foundation
import Testing

@testable import NhacViecCore

@Suite("Replies go to the office the plan says reports go to")
struct ReportOfficeTests {
    /// The occurrences of the digest `agency` gets on 10/6/2026.
    static func occurrences(
        _ configuration: Configuration, agency: String = "so-tu-phap"
    ) throws -> [Occurrence] {
        let date = CivilDate(year: 2026, month: 6, day: 10)!
        let reminders = ReminderPlanner(configuration: configuration).reminders(
            from: date, through: date, agency: AgencyID(agency))
        return try #require(Digest.group(reminders).first).items.map(\.occurrence)
    }

    @Test func replyToDefaultsToTheAddressOfTheOfficeReportsGoTo() throws {
        let configuration = try ConfigFixtures.compile()
        let replyTo = ReportOffice.replyTo(
            for: try Self.occurrences(configuration), to: AgencyID("so-tu-phap"), configuration: configuration)
        #expect(replyTo?.displayName == "Văn phòng UBND tỉnh")
        #expect(replyTo?.address == "vp-ubnd@gialai.example")
    }

    @Test func configuredReplyToWins() throws {
        let main = ConfigFixtures.main + "\ndelivery:\n  email:\n    reply_to: kstthc@gialai.example\n"
        let configuration = try ConfigFixtures.compile(main: main)
        let replyTo = ReportOffice.replyTo(
            for: try Self.occurrences(configuration), to: AgencyID("so-tu-phap"), configuration: configuration)
        #expect(replyTo?.address == "kstthc@gialai.example")
    }

    @Test func itemsReportingToSeveralOfficesNameThemAllAndReplyToTheSender() throws {
        let configuration = try ConfigFixtures.compile(
            plan: MessageRendererTests.planWithTwoTasksDue.replacingOccurrences(
                of: "to: vp-ubnd, due: \"15/6/2026\"", with: "to: so-khcn, due: \"15/6/2026\""))
        let occurrences = try Self.occurrences(configuration)
        let agency = AgencyID("so-tu-phap")
        #expect(
            ReportOffice.names(of: occurrences, for: agency, configuration: configuration)
                == "Văn phòng UBND tỉnh và Sở Khoa học và Công nghệ")
        #expect(ReportOffice.replyTo(for: occurrences, to: agency, configuration: configuration) == nil)
    }

    @Test func aGroupHasNoAddressToReplyTo() throws {
        let configuration = try ConfigFixtures.compile(
            plan: ConfigFixtures.plan.replacingOccurrences(of: "to: vp-ubnd", with: "to: so-ban-nganh"))
        let occurrences = try Self.occurrences(configuration)
        let agency = AgencyID("so-tu-phap")
        #expect(
            ReportOffice.names(of: occurrences, for: agency, configuration: configuration) == "Các sở, ban, ngành tỉnh")
        #expect(ReportOffice.replyTo(for: occurrences, to: agency, configuration: configuration) == nil)
    }
}
