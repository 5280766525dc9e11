import ArgumentParser
import Foundation
import NhacViecCore
import NhacViecStore

/// Opens the delivery ledger of a configuration for the admin commands.
enum StateAccess {
    static func ledgerPath(_ configuration: Configuration) -> String {
        Ledger.path(inStateDirectory: configuration.stateDirectory)
    }

    /// The ledger, creating it when `create` (commands that record something) or nil when it does not exist yet.
    static func ledger(_ configuration: Configuration, create: Bool) throws -> Ledger? {
        let path = ledgerPath(configuration)
        if !create && !FileManager.default.fileExists(atPath: path) { return nil }
        do {
            return try Ledger(path: path)
        } catch {
            StandardError.print("nhacviec: \(error)")
            throw ExitCode(1)
        }
    }

    /// For each occurrence key, the agencies that reported it done; empty when there is no ledger yet.
    static func acknowledgements(
        _ configuration: Configuration, occurrenceKeys: [String]
    ) async throws -> [String: [Acknowledgement]] {
        guard let ledger = try ledger(configuration, create: false) else { return [:] }
        return try await ledger.acknowledgements(occurrenceKeys: Array(Set(occurrenceKeys)))
    }
}
