import Foundation
import Testing

@testable import NhacViecCore

@Suite("Config validation points at the exact place and says how to fix it")
struct ConfigValidationTests {
    @Test func validConfigLoadsWithCounts() throws {
        let configuration = try ConfigFixtures.compile()
        #expect(configuration.summary == "OK: 3 agencies, 1 group, 1 plan, 2 tasks, 3 milestones")
        #expect(
            configuration.directory.members(of: GroupID("so-ban-nganh")) == [
                AgencyID("so-khcn"), AgencyID("so-tu-phap"),
            ])
    }

    @Test func unknownAgencyReferenceSuggestsTheClosestId() {
        let plan = ConfigFixtures.plan.replacingOccurrences(of: "support: [so-khcn]", with: "support: [so-khcn2]")
        let errors = ConfigFixtures.errors(plan: plan)
        #expect(errors.count == 1)
        #expect(
            errors.first?.description
                == "Config/plans/p.yaml:6:15: error: unknown agency or group 'so-khcn2' (did you mean 'so-khcn'?)")
    }

    @Test func unknownKeySuggestsTheIntendedKey() {
        let main = ConfigFixtures.main + "\nstate_dri: var\n"
        let errors = ConfigFixtures.errors(main: main)
        #expect(
            errors.map(\.description) == [
                "Config/nhacviec.yaml:4:1: error: unknown key 'state_dri' in the main config (did you mean 'state_dir'?)"
            ])
    }

    @Test func everyErrorIsReportedInOneRun() {
        let agencies = ConfigFixtures.agencies.replacingOccurrences(
            of: "so-tu-phap@gialai.example", with: "so tu phap@gialai")
        let plan = ConfigFixtures.plan
            .replacingOccurrences(of: "\"25/4/2025\"", with: "\"31/2/2025\"")
            .replacingOccurrences(of: "date: \"30/6\"", with: "date: \"31/6\"")
        let errors = ConfigFixtures.errors(agencies: agencies, plan: plan)
        #expect(errors.count == 3)
        #expect(
            errors.contains {
                $0.description.contains("agencies.yaml:5:")
                    && $0.message.contains("invalid email address 'so tu phap@gialai'")
            })
        #expect(errors.contains { $0.message == "due '31/2/2025' is not a real date: month 2 has 28 days" })
        #expect(errors.contains { $0.message.contains("'31/6' is not a real day: month 6 has 30 days") })
    }

    @Test func februaryTwentyNinthNeedsALeapYear() {
        let plan = ConfigFixtures.plan.replacingOccurrences(of: "\"25/4/2025\"", with: "2025-02-29")
        let errors = ConfigFixtures.errors(plan: plan)
        #expect(errors.map(\.message) == ["due '2025-02-29' is not a real date: 2025 is not a leap year"])
    }

    @Test func duplicateIdsPointAtTheFirstDefinition() {
        let agencies = ConfigFixtures.agencies + "\n  - { id: so-khcn, name: \"Trùng\", email: [x@gialai.example] }\n"
        let errors = ConfigFixtures.errors(agencies: agencies)
        #expect(errors.count == 1)
        #expect(errors.first?.message == "duplicate agency id 'so-khcn'")
        #expect(errors.first?.fix == "it is already defined at Config/agencies.yaml:6:11")
    }

    @Test func milestoneOutsideThePlanPeriodIsRefused() {
        let plan = ConfigFixtures.plan.replacingOccurrences(of: "\"25/4/2025\"", with: "2024-12-01")
        let errors = ConfigFixtures.errors(plan: plan)
        #expect(errors.first?.message == "due date 2024-12-01 is outside its plan's period")
        #expect(errors.first?.location?.line == 14)
    }

    @Test func emptyWhoIsRefused() {
        let plan = ConfigFixtures.plan.replacingOccurrences(of: "who: [vp-ubnd]", with: "who: []")
        let errors = ConfigFixtures.errors(plan: plan)
        #expect(errors.map(\.message) == ["'who' of milestone 'trinh-ct' names no agency"])
    }

    @Test func badTimeZoneIsRefusedWithASuggestion() {
        let main = ConfigFixtures.main.replacingOccurrences(of: "Asia/Ho_Chi_Minh", with: "Asia/Ho_Chi_Mihn")
        let errors = ConfigFixtures.errors(main: main)
        #expect(errors.first?.message == "unknown time zone 'Asia/Ho_Chi_Mihn'")
        #expect(errors.first?.fix == "did you mean 'Asia/Ho_Chi_Minh'?")
    }

    @Test func controlCharactersInHeaderTextAreRefused() {
        let agencies = ConfigFixtures.agencies.replacingOccurrences(
            of: "\"Sở Tư pháp\"", with: "\"Sở Tư pháp\\r\\nBcc: x@evil.example\"")
        let errors = ConfigFixtures.errors(agencies: agencies)
        #expect(errors.first?.message == "the agency name contains the control character U+D")
    }

    @Test func yamlSyntaxErrorHasALineAndColumn() {
        let errors = ConfigFixtures.errors(plan: "plan: { id: x\ntasks: [")
        #expect(errors.count == 1)
        #expect(errors.first?.location?.file == "Config/plans/p.yaml")
        #expect(errors.first?.message.hasPrefix("YAML syntax:") == true)
    }

    @Test func wrongTypeIsNamed() {
        let main = ConfigFixtures.main.replacingOccurrences(of: "before: [7, 3, 1]", with: "before: [7, soon]")
        let errors = ConfigFixtures.errors(main: main)
        #expect(errors.map(\.message) == ["a 'before' day count must be a whole number, found 'soon'"])
    }

    @Test func unknownGroupOfAnAgencyIsRefused() {
        let agencies = ConfigFixtures.agencies.replacingOccurrences(
            of: "groups: [so-ban-nganh] }\n  - { id: so-khcn", with: "groups: [so-ban-ngan] }\n  - { id: so-khcn")
        let errors = ConfigFixtures.errors(agencies: agencies)
        #expect(
            errors.map(\.description) == [
                "Config/agencies.yaml:5:88: error: unknown group 'so-ban-ngan' (did you mean 'so-ban-nganh'?)"
            ])
    }

    @Test func escalationTargetMustExist() {
        let main = ConfigFixtures.main.replacingOccurrences(of: "escalate_to: vp-ubnd", with: "escalate_to: vp-ubd")
        #expect(ConfigFixtures.errors(main: main).map(\.fix) == ["did you mean 'vp-ubnd'?"])
    }
}
