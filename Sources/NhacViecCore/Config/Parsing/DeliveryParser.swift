import Foundation

/// Reads the `delivery:` block of the main file.
struct DeliveryParser {
    let sink: DiagnosticSink

    func parse(_ node: YAMLNode) -> DeliverySettings? {
        guard let keys = node.mapping("delivery", allowed: ["email", "webhook", "retry"]) else { return nil }
        var settings = DeliverySettings.default
        if let email = keys["email"] { parseEmail(email, into: &settings) }
        if let webhook = keys["webhook"],
            let parts = webhook.mapping("delivery.webhook", allowed: ["secret_file", "timeout_seconds"])
        {
            settings.webhook.secretFile = parts["secret_file"].flatMap { $0.isNull ? nil : $0.line("secret_file") }
            if let timeout = parts["timeout_seconds"]?.integer("timeout_seconds", in: 1...600) {
                settings.webhook.timeoutSeconds = timeout
            }
        }
        if let retry = keys["retry"],
            let parts = retry.mapping("delivery.retry", allowed: ["initial_minutes", "max_minutes"])
        {
            if let initial = parts["initial_minutes"]?.integer("initial_minutes", in: 1...1440) {
                settings.retry.initialMinutes = initial
            }
            if let maximum = parts["max_minutes"]?.integer("max_minutes", in: 1...10080) {
                settings.retry.maximumMinutes = maximum
            }
            if settings.retry.maximumMinutes < settings.retry.initialMinutes {
                sink.error(retry.location, "retry.max_minutes is smaller than retry.initial_minutes")
            }
        }
        return settings
    }

    private func mailbox(_ node: YAMLNode, what: String) -> MailAddress? {
        guard let text = node.line(what) else { return nil }
        do {
            return try MailAddress.parse(text)
        } catch {
            sink.error(
                node.location, "invalid \(what) '\(text)': \(error.explanation)",
                fix: "write \"Name <address@domain>\" or a plain address")
            return nil
        }
    }

    private func parseEmail(_ node: YAMLNode, into settings: inout DeliverySettings) {
        guard let keys = node.mapping("delivery.email", allowed: ["transport", "from", "reply_to", "smtp"]) else {
            return
        }
        if let transport = keys["transport"]?.choice("delivery.email.transport", DeliverySettings.EmailTransport.self) {
            settings.emailTransport = transport
        }
        if let from = keys["from"], let mailbox = mailbox(from, what: "from") { settings.from = mailbox }
        if let reply = keys["reply_to"], !reply.isNull { settings.replyTo = mailbox(reply, what: "reply_to") }
        if let smtp = keys["smtp"], !smtp.isNull { settings.smtp = parseSMTP(smtp) }
        if settings.emailTransport == .smtp && settings.smtp == nil && keys["smtp"] == nil {
            sink.error(
                keys["transport"]?.location ?? node.location, "transport: smtp needs an 'smtp:' block",
                fix: "add smtp: { url: \"smtp://mail.example:587\", … }")
        }
    }

    private func parseSMTP(_ node: YAMLNode) -> DeliverySettings.SMTP? {
        let allowed = ["url", "tls", "ca_file", "username", "password_file", "helo", "timeout_seconds", "password"]
        guard let keys = node.mapping("delivery.email.smtp", allowed: allowed) else { return nil }
        if let password = keys["password"] {
            sink.error(
                password.location, "a password may not be written in the config",
                fix:
                    "put it in a file named by password_file, in $CREDENTIALS_DIRECTORY/smtp-password, or in NHACVIEC_SMTP_PASSWORD"
            )
        }
        guard let urlNode = keys["url"], let url = urlNode.line("smtp.url") else {
            if keys["url"] == nil {
                sink.error(node.location, "smtp needs a 'url'", fix: "e.g. url: \"smtp://mail.gialai.example:587\"")
            }
            return nil
        }
        let tls = keys["tls"]?.choice("smtp.tls", DeliverySettings.TLSMode.self) ?? .required
        let lower = url.lowercased()
        guard lower.hasPrefix("smtp://") || lower.hasPrefix("smtps://") else {
            sink.error(
                urlNode.location,
                "smtp.url '\(url)' must start with smtp:// (STARTTLS, port 587) or smtps:// (port 465)")
            return nil
        }
        let host = SMTPHost.host(of: url)
        if host.isEmpty { sink.error(urlNode.location, "smtp.url '\(url)' has no host") }
        if tls == .none && !Loopback.contains(host.contains(":") ? "[\(host)]" : host) {
            sink.error(
                keys["tls"]?.location, "tls: none is allowed only for a relay on 127.0.0.1 or localhost",
                fix: "use tls: required")
        }
        if tls == .none && lower.hasPrefix("smtps://") {
            sink.error(
                keys["tls"]?.location, "tls: none contradicts smtps://", fix: "use smtp:// for a plain loopback relay")
        }
        let helo = keys["helo"].flatMap { $0.line("helo") }
        if let helo, helo != "localhost", (try? MailAddress(address: "postmaster@" + helo)) == nil {
            sink.error(
                keys["helo"]?.location, "helo '\(helo)' is not a fully qualified host name",
                fix: "e.g. helo: nhacviec.gialai.gov.vn")
        }
        return DeliverySettings.SMTP(
            url: url, tls: tls, caFile: keys["ca_file"].flatMap { $0.isNull ? nil : $0.line("ca_file") },
            username: keys["username"].flatMap { $0.isNull ? nil : $0.line("username") },
            passwordFile: keys["password_file"].flatMap { $0.isNull ? nil : $0.line("password_file") }, helo: helo,
            timeoutSeconds: keys["timeout_seconds"]?.integer("timeout_seconds", in: 1...600) ?? 30)
    }
}

/// Host extraction for SMTP URLs.
enum SMTPHost {
    static func host(of url: String) -> String {
        guard let range = url.range(of: "://") else { return "" }
        let authority = url[range.upperBound...].prefix { $0 != "/" }
        let withoutUser = authority.split(separator: "@").last.map(String.init) ?? ""
        if withoutUser.hasPrefix("[") { return String(withoutUser.dropFirst().prefix { $0 != "]" }) }
        return String(withoutUser.split(separator: ":").first ?? "")
    }

}
