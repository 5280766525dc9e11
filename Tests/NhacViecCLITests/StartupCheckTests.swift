import Foundation
import Testing

/// `check` runs the start-up checks of `serve`, and each command requires only what it uses.
@Suite("check promises what serve does")
struct StartupCheckTests {
    /// A copy of the shipped config where vp-ubnd has a webhook and the secret file does not exist.
    static func configWithWebhookAgency() throws -> URL {
        let directory = try CommandRunner.copyOfShippedConfig()
        let agencies = directory.appendingPathComponent("Config/agencies.yaml")
        let text = try String(contentsOf: agencies, encoding: .utf8).replacingOccurrences(
            of: "    webhook: null\n    # Example",
            with: "    webhook: \"https://chat.gialai.example/hooks/vp\"\n    # Example")
        try text.write(to: agencies, atomically: true, encoding: .utf8)
        let main = directory.appendingPathComponent("Config/nhacviec.yaml")
        let mainText = try String(contentsOf: main, encoding: .utf8).replacingOccurrences(
            of: "/etc/nhacviec/webhook-secret", with: directory.appendingPathComponent("webhook-secret").path)
        try mainText.write(to: main, atomically: true, encoding: .utf8)
        return directory
    }

    static let noSecret = ["NHACVIEC_WEBHOOK_SECRET": "", "CREDENTIALS_DIRECTORY": ""]
    static let message = "agency 'vp-ubnd' has a webhook but no webhook signing secret was found"

    @Test func checkFailsWhereServeWouldRefuseToStart() throws {
        let directory = try Self.configWithWebhookAgency()
        defer { try? FileManager.default.removeItem(at: directory) }
        let check = try CommandRunner.run(["check"], in: directory, environment: Self.noSecret)
        #expect(check.status == 1)
        #expect(check.stderr.contains("Config/nhacviec.yaml: error: \(Self.message)"), "\(check.stderr)")
        #expect(check.stdout.isEmpty)
        let serve = try CommandRunner.run(
            ["serve", "--once", "--now", "2026-06-12T08:00:00+07:00"], in: directory, environment: Self.noSecret)
        #expect(serve.status == 78)
        #expect(serve.stderr.contains("nhacviec: not started: \(Self.message)"), "\(serve.stderr)")
    }

    @Test func aSecretThatIsNotWhsecStopsCheckServeAndPreviewAlike() throws {
        let directory = try Self.configWithWebhookAgency()
        defer { try? FileManager.default.removeItem(at: directory) }
        let environment = ["NHACVIEC_WEBHOOK_SECRET": "hello", "CREDENTIALS_DIRECTORY": ""]
        for arguments in [
            ["check"], ["serve", "--once"], ["preview", "--agency", "vp-ubnd", "--on", "2026-06-30", "--webhook"],
        ] {
            let result = try CommandRunner.run(arguments, in: directory, environment: environment)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains("the webhook secret is not usable"), "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("write whsec_"), "\(arguments): \(result.stderr)")
        }
        let valid = ["NHACVIEC_WEBHOOK_SECRET": "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3", "CREDENTIALS_DIRECTORY": ""]
        let check = try CommandRunner.run(["check"], in: directory, environment: valid)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.hasPrefix("OK: 22 agencies"))
    }

    @Test func sendTestToAnAddressNeedsNoWebhookSecret() throws {
        let directory = try Self.configWithWebhookAgency()
        defer { try? FileManager.default.removeItem(at: directory) }
        let email = try CommandRunner.run(
            ["send-test", "--to", "vanthu@gialai.example"], in: directory, environment: Self.noSecret)
        #expect(email.status == 0, "\(email.stdout)\(email.stderr)")
        #expect(email.stdout.contains("Result: sent"), "\(email.stdout)")
        let webhook = try CommandRunner.run(
            ["send-test", "--webhook", "https://hook.gialai.example/x"], in: directory, environment: Self.noSecret)
        #expect(webhook.status == 1)
        #expect(webhook.stderr.contains("send-test --webhook signs its request but no webhook signing secret"))
    }
}
