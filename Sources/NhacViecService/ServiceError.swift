package import NhacViecStore

/// Why the service cannot start or keep running, with what to do about it.
package enum ServiceError: Error, CustomStringConvertible, Sendable {
    /// The configuration (files, credentials, transports) is unusable; the service exits with status 78.
    case configuration(String, fix: String?)
    /// The state directory or ledger cannot be used; the ledger's own error says where and what to do.
    case state(StoreError)

    package var description: String {
        switch self {
        case .configuration(let message, let fix): message + (fix.map { " (\($0))" } ?? "")
        case .state(let error): error.description
        }
    }

    /// `EX_CONFIG` from sysexits.h: systemd's `RestartPreventExitStatus=78` stops a restart loop on it.
    package static let configurationExitCode: Int32 = 78
}
