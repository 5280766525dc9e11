import Foundation
import Testing

@testable import NhacViecService

/// Where a secret is read from: the systemd credential wins over the config's file whenever systemd provides it.
@Suite("Credentials")
struct CredentialsTests {
    /// A scratch directory with a credentials directory and a root-only stand-in: a file that cannot be read.
    struct Files {
        let scratch: Scratch
        let credentials: String
        let configFile: String

        init(credential: String?) throws {
            scratch = try Scratch()
            credentials = scratch.path("credentials")
            try FileManager.default.createDirectory(atPath: credentials, withIntermediateDirectories: true)
            if let credential {
                try Data(credential.utf8).write(to: URL(fileURLWithPath: credentials + "/smtp-password"))
            }
            // A directory is never readable as a file, even by root: it stands in for /etc/nhacviec/smtp-password,
            // which the daemon's dynamic user cannot open.
            configFile = scratch.path("smtp-password")
            try FileManager.default.createDirectory(atPath: configFile, withIntermediateDirectories: true)
        }

        func read(variable: String? = nil) throws(ServiceError) -> String? {
            var environment = ["CREDENTIALS_DIRECTORY": credentials]
            if let variable { environment["NHACVIEC_SMTP_PASSWORD"] = variable }
            return try Credentials.read(
                credential: "smtp-password", file: configFile, variable: "NHACVIEC_SMTP_PASSWORD",
                environment: environment)
        }
    }

    @Test func theSystemdCredentialIsReadInsteadOfTheConfigsFile() throws {
        #expect(try Files(credential: "s3cret\n").read() == "s3cret")
    }

    @Test func anEmptySystemdCredentialMeansNotSetWithoutTouchingTheConfigsFile() throws {
        #expect(try Files(credential: "").read() == nil)
        #expect(try Files(credential: "").read(variable: "from-env") == "from-env")
    }

    @Test func withoutTheSystemdCredentialTheConfigsFileIsReadAndAnUnreadableOneIsReported() throws {
        #expect(throws: ServiceError.self) { try Files(credential: nil).read() }
    }
}
