import Foundation
import Testing

@testable import NhacViecCore

@Suite("Config errors point at the right fix")
struct ConfigMessageTests {
    @Test(arguments: ["15-04-2025", "2025/04/15"])
    func aDateInAnotherFormatSaysWhichFormatsAreAccepted(_ written: String) {
        let plan = ConfigFixtures.plan.replacingOccurrences(of: "due: \"25/4/2025\"", with: "due: \"\(written)\"")
        let errors = ConfigFixtures.errors(plan: plan).map(\.description)
        #expect(errors.count == 1)
        #expect(errors.first?.contains("'\(written)' is not a date in an accepted format") == true, "\(errors)")
        #expect(errors.first?.contains("write YYYY-MM-DD or D/M/YYYY") == true)
        #expect(errors.first?.contains("days") == false)
    }

    @Test func oneUnknownIdInWhoIsOneErrorWithASuggestion() {
        let plan = ConfigFixtures.plan.replacingOccurrences(of: "who: [vp-ubnd]", with: "who: [vp-ubdn]")
        let errors = ConfigFixtures.errors(plan: plan).map(\.description)
        #expect(
            errors == ["Config/plans/p.yaml:9:31: error: unknown agency or group 'vp-ubdn' (did you mean 'vp-ubnd'?)"])
    }

    @Test(arguments: [("chu-tri", "lead"), ("phoi-hop", "support"), ("[lead]", "lead")])
    func theVietnameseNameOfARoleSuggestsTheKeyword(_ written: String, _ role: String) {
        let plan = ConfigFixtures.plan.replacingOccurrences(of: "who: [vp-ubnd]", with: "who: \(written)")
        let errors = ConfigFixtures.errors(plan: plan).map(\.description)
        #expect(errors.count == 1)
        #expect(
            errors.first?.hasSuffix("(write who: \(role) (without brackets) for the task's \(role))") == true,
            "\(errors)")
    }

    @Test func anEmptyLeadIsReportedWhereItIsWritten() {
        let plan = ConfigFixtures.plan.replacingOccurrences(
            of: "lead: [so-ban-nganh]\n    milestones:\n      - { id: gui-vp, who: lead, due: \"25/4/2025\" }",
            with: "lead: []\n    milestones:\n      - { id: gui-vp, who: lead, due: \"25/4/2025\" }")
        let errors = ConfigFixtures.errors(plan: plan).map(\.description)
        #expect(
            errors == [
                "Config/plans/p.yaml:12:11: error: task '1.1' has an empty lead, but milestone 'gui-vp' is for it (name the cơ quan chủ trì, e.g. lead: [so-ban-nganh])"
            ])
    }

    @Test func productNullSaysToDeleteTheLine() {
        let plan = ConfigFixtures.plan.replacingOccurrences(
            of: "    title: \"Tổng hợp\"\n", with: "    title: \"Tổng hợp\"\n    product: null\n")
        let errors = ConfigFixtures.errors(plan: plan).map(\.description)
        #expect(errors.count == 1)
        #expect(
            errors.first?.hasSuffix("product must be text, found null (delete the line when there is none)") == true,
            "\(errors)")
    }

    @Test(arguments: [
        (
            "email: [vp-ubnd@gialai.example]", "email: vp-ubnd@gialai.example, vp@gialai.example",
            "'vp@gialai.example' follows a comma, so it is read as a key (write several addresses as a list: email: [first@…, vp@gialai.example])"
        ),
        (
            "email: [vp-ubnd@gialai.example]", "email: \"vp-ubnd@gialai.example, vp@gialai.example\"",
            "holds several addresses in one text (write a list: email: [vp-ubnd@gialai.example, vp@gialai.example])"
        ),
    ])
    func twoAddressesWithoutBracketsSayWriteAList(_ original: String, _ written: String, _ message: String) {
        let agencies = ConfigFixtures.agencies.replacingOccurrences(of: original, with: written)
        let errors = ConfigFixtures.errors(agencies: agencies).map(\.description)
        #expect(errors.count == 1)
        #expect(errors.first?.hasSuffix(message) == true, "\(errors)")
    }

    @Test func aDuplicatePlanIdIsReportedInBothFiles() {
        do {
            _ = try ConfigCompiler.compile(
                main: ConfigSource(path: "Config/nhacviec.yaml", text: ConfigFixtures.main),
                included: [
                    ConfigSource(path: "Config/agencies.yaml", text: ConfigFixtures.agencies),
                    ConfigSource(path: "Config/plans/a-new.yaml", text: ConfigFixtures.plan),
                    ConfigSource(path: "Config/plans/p.yaml", text: ConfigFixtures.plan),
                ])
            Issue.record("a duplicate plan id was accepted")
        } catch {
            let files = error.diagnostics.filter { $0.message.hasPrefix("duplicate plan id") }.map { $0.location?.file }
            #expect(files == ["Config/plans/a-new.yaml", "Config/plans/p.yaml"])
        }
    }
}
