import Foundation
package import NhacViecCore
import NhacViecDelivery

/// Everything `serve` needs beyond a valid config, in one list that `serve` and `check` both run, so a config
/// that `check` accepts also starts.
package enum StartupChecks {
    /// Runs every check and returns the transports the service delivers through.
    ///
    /// - Throws: `StartupErrors` with every problem found, not only the first.
    package static func run(
        for configuration: Configuration, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(StartupErrors) -> DeliveryChannels {
        var errors: [ServiceError] = []
        do {
            try CurlRuntime.initialize()
        } catch {
            errors.append(.configuration("cannot start libcurl: \(error)", fix: nil))
        }
        var mail: (any MailTransport)?
        do {
            mail = try DeliveryChannels.mail(for: configuration, environment: environment)
        } catch {
            errors.append(error)
        }
        var webhook: WebhookTransport?
        do {
            webhook = try DeliveryChannels.webhook(
                for: configuration, requiredBy: webhookRequirement(of: configuration), environment: environment)
        } catch {
            errors.append(error)
        }
        if let problem = stateDirectoryProblem(configuration.stateDirectory) { errors.append(problem) }
        guard let mail, errors.isEmpty else { throw StartupErrors(errors) }
        return DeliveryChannels(mail: mail, webhook: webhook)
    }

    /// Why the service needs a webhook secret (`agency 'x' has a webhook`), or nil when no agency has a webhook.
    static func webhookRequirement(of configuration: Configuration) -> String? {
        configuration.directory.agencies.values.filter { $0.webhook != nil }.map(\.id.rawValue).min().map {
            "agency '\($0)' has a webhook"
        }
    }

    /// Why `state_dir` cannot hold the ledger and the outbox: it (or the nearest existing parent the service
    /// would create it in) is not a writable directory.
    static func stateDirectoryProblem(_ path: String) -> ServiceError? {
        let files = FileManager.default
        var existing = URL(fileURLWithPath: path).standardizedFileURL.path
        while !files.fileExists(atPath: existing) && existing != "/" {
            existing = (existing as NSString).deletingLastPathComponent
        }
        var isDirectory: ObjCBool = false
        _ = files.fileExists(atPath: existing, isDirectory: &isDirectory)
        if !isDirectory.boolValue {
            return .configuration("state_dir '\(path)' cannot be created: \(existing) is not a directory", fix: nil)
        }
        if !files.isWritableFile(atPath: existing) {
            return .configuration(
                "state_dir '\(path)' is not writable (\(existing))",
                fix: "give the service user write access, or set state_dir to a directory it owns")
        }
        return nil
    }
}

/// Every reason the service cannot start, each with its fix.
package struct StartupErrors: Error, Sendable, CustomStringConvertible {
    package let errors: [ServiceError]

    package init(_ errors: [ServiceError]) {
        self.errors = errors
    }

    package var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
