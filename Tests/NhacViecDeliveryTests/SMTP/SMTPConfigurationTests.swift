import NhacViecDelivery
import Testing

@Suite("Checking the SMTP configuration")
struct SMTPConfigurationTests {
    @Test(
        "Unsafe or malformed settings are refused before any connection",
        arguments: [
            (
                SMTPConfiguration(url: "smtp://mail.gialai.example:25", tls: .none),
                .plaintextNotLoopback(host: "mail.gialai.example")
            ),
            (SMTPConfiguration(url: "smtps://127.0.0.1:465", tls: .none), .plaintextWithSMTPS),
            (SMTPConfiguration(url: "http://mail.gialai.example"), .unsupportedScheme("http")),
            (SMTPConfiguration(url: "smtp://mail.gialai.example:587/ehlo"), .urlHasPath),
            (SMTPConfiguration(url: "smtp://user:pw@mail.gialai.example:587"), .credentialsInURL),
            (SMTPConfiguration(url: "smtp://mail.gialai.example:70000"), .invalidPort("70000")),
            (SMTPConfiguration(url: "smtp://mail gialai:587"), .invalidHost("mail gialai")),
            (
                SMTPConfiguration(url: "smtp://mail.gialai.example:587", password: SMTPPassword("x")),
                .passwordWithoutUsername
            ),
            (SMTPConfiguration(url: "smtp://mail.gialai.example:587", username: "u"), .usernameWithoutPassword),
            (SMTPConfiguration(url: "smtp://mail.gialai.example:587", helo: "bad name"), .invalidHelo("bad name")),
            (
                SMTPConfiguration(url: "smtp://mail.gialai.example:587", helo: "a\r\nRSET"),
                .controlCharacter(field: "helo", scalar: 0x0D)
            ),
            (
                SMTPConfiguration(url: "smtp://mail.gialai.example:587", caFile: "/nonexistent/ca.pem"),
                .caFileUnreadable("/nonexistent/ca.pem")
            ),
        ] as [(SMTPConfiguration, SMTPConfigurationError.Reason)]
    )
    func refused(configuration: SMTPConfiguration, reason: SMTPConfigurationError.Reason) {
        #expect(throws: SMTPConfigurationError(reason)) { try SMTPTransport(configuration: configuration) }
    }

    @Test(
        "tls: none is accepted for loopback relays",
        arguments: ["smtp://127.0.0.1:25", "smtp://localhost:25", "smtp://[::1]:25", "smtp://127.1.2.3"])
    func loopbackPlaintext(url: String) throws {
        _ = try SMTPTransport(configuration: SMTPConfiguration(url: url, tls: .none))
    }

    @Test("The password never appears when the configuration is printed or dumped")
    func passwordRedacted() {
        let configuration = SMTPConfiguration(
            url: "smtp://mail.gialai.example:587", username: "nhacviec", password: SMTPPassword("bi-mat-123")
        )
        var dumped = ""
        dump(configuration, to: &dumped)
        #expect(!dumped.contains("bi-mat-123"))
        #expect(!"\(configuration)".contains("bi-mat-123"))
        #expect(!String(reflecting: configuration).contains("bi-mat-123"))
    }
}
