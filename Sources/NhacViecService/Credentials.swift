import Foundation
package import NhacViecCore
package import NhacViecDelivery

/// Reads the SMTP password and the webhook secret from files or the environment — never from the YAML,
/// never into a log line.
package enum Credentials {
    /// Where a secret comes from, in order: systemd's `$CREDENTIALS_DIRECTORY/<name>`, the file the config
    /// names, then the environment variable.
    ///
    /// - Important: When systemd provides the credential (`LoadCredential=`), the config's file is not read,
    ///   even if the credential is empty: under the unit that file is the root-only source of the credential,
    ///   which the daemon's dynamic user cannot open.
    static func read(
        credential name: String, file: String?, variable: String, environment: [String: String]
    ) throws(ServiceError) -> String? {
        var candidates: [String] = []
        if let directory = environment["CREDENTIALS_DIRECTORY"], !directory.isEmpty,
            FileManager.default.fileExists(atPath: directory + "/" + name)
        {
            candidates.append(directory + "/" + name)
        } else if let file {
            candidates.append(file)
        }
        var unreadable: [String] = []
        for path in candidates where FileManager.default.fileExists(atPath: path) {
            guard let data = FileManager.default.contents(atPath: path), let text = String(bytes: data, encoding: .utf8)
            else {
                unreadable.append(path)
                continue
            }
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            // An empty file means "not set" (make install creates empty credential files for LoadCredential=).
            if !value.isEmpty { return value }
        }
        if let value = environment[variable], !value.isEmpty { return value }
        if let path = unreadable.first {
            throw ServiceError.configuration("cannot read \(name) from \(path)", fix: "check its owner and permissions")
        }
        return nil
    }

    /// The SMTP password, or nil when no username is configured.
    package static func smtpPassword(
        _ smtp: DeliverySettings.SMTP, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ServiceError) -> SMTPPassword? {
        guard smtp.username != nil else { return nil }
        guard
            let value = try read(
                credential: "smtp-password", file: smtp.passwordFile, variable: "NHACVIEC_SMTP_PASSWORD",
                environment: environment)
        else {
            throw ServiceError.configuration(
                "smtp.username is set but no password was found",
                fix:
                    "create \(smtp.passwordFile ?? "the password_file"), use LoadCredential=smtp-password, or set NHACVIEC_SMTP_PASSWORD"
            )
        }
        return SMTPPassword(value)
    }

    /// The webhook signing secret, or nil when none is configured anywhere.
    package static func webhookSecret(
        _ webhook: DeliverySettings.Webhook, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ServiceError) -> WebhookSecret? {
        guard
            let value = try read(
                credential: "webhook-secret", file: webhook.secretFile, variable: "NHACVIEC_WEBHOOK_SECRET",
                environment: environment)
        else { return nil }
        do {
            return try WebhookSecret(parsing: value)
        } catch {
            throw ServiceError.configuration(
                "the webhook secret is not usable: \(error)", fix: "write whsec_<base64 of 24 to 64 random bytes>")
        }
    }
}
