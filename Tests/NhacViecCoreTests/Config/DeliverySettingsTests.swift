import Foundation
import Testing

@testable import NhacViecCore

@Suite("delivery: settings are validated before anything is sent")
struct DeliverySettingsTests {
    static func main(_ delivery: String) -> String {
        ConfigFixtures.main + "\ndelivery:\n" + delivery
    }

    @Test func defaultsToTheOutboxSoNothingLeavesAFreshMachine() throws {
        let configuration = try ConfigFixtures.compile()
        #expect(DeliverySettings.defaultSender.address == "nhacviec@localhost.example")
        #expect(configuration.delivery.emailTransport == .outbox)
        #expect(configuration.delivery.retry == DeliverySettings.Retry(initialMinutes: 5, maximumMinutes: 240))
    }

    @Test func senderDisplayNameAndAddressAreParsed() throws {
        let configuration = try ConfigFixtures.compile(
            main: Self.main(
                """
                  email:
                    from: "Văn phòng UBND tỉnh Gia Lai <nhacviec@gialai.example>"
                    reply_to: vp-ubnd@gialai.example
                """))
        #expect(configuration.delivery.from.displayName == "Văn phòng UBND tỉnh Gia Lai")
        #expect(configuration.delivery.from.address == "nhacviec@gialai.example")
        #expect(configuration.delivery.replyTo?.address == "vp-ubnd@gialai.example")
    }

    @Test func passwordInTheYAMLIsRefused() {
        let errors = ConfigFixtures.errors(
            main: Self.main(
                """
                  email:
                    transport: smtp
                    smtp: { url: "smtp://mail.gialai.example:587", username: u, password: secret }
                """))
        #expect(errors.map(\.message) == ["a password may not be written in the config"])
        #expect(!errors.map(\.description).joined().contains("secret"))
    }

    @Test func plaintextSMTPIsOnlyForALoopbackRelay() throws {
        let errors = ConfigFixtures.errors(
            main: Self.main(
                """
                  email:
                    transport: smtp
                    smtp: { url: "smtp://mail.gialai.example:25", tls: none }
                """))
        #expect(errors.map(\.message) == ["tls: none is allowed only for a relay on 127.0.0.1 or localhost"])
        let loopback = try ConfigFixtures.compile(
            main: Self.main(
                """
                  email:
                    transport: smtp
                    smtp: { url: "smtp://127.0.0.1:2525", tls: none }
                """))
        #expect(loopback.delivery.smtp?.tls == DeliverySettings.TLSMode.none)
    }

    @Test func headerInjectionInTheSenderIsRefused() {
        let errors = ConfigFixtures.errors(
            main: Self.main(
                """
                  email:
                    from: "Văn phòng\\r\\nBcc: x@evil.example <a@gialai.example>"
                """))
        #expect(errors.first?.message.contains("control character") == true)
    }

    @Test func smtpTransportNeedsItsSettings() {
        let errors = ConfigFixtures.errors(main: Self.main("  email: { transport: smtp }\n"))
        #expect(errors.map(\.message) == ["transport: smtp needs an 'smtp:' block"])
    }
}
