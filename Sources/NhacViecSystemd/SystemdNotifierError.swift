import Glibc

/// Why a notification did not reach systemd. The daemon goes on: log it and carry on.
package struct SystemdNotifierError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The specific problem.
    package enum Reason: Equatable, Sendable {
        /// `$NOTIFY_SOCKET` is neither an absolute path nor an `@abstract` name that fits in `sun_path`.
        case unsupportedAddress
        /// `socket(2)` failed, with this `errno`.
        case socket(errno: Int32)
        /// `sendto(2)` failed, with this `errno`.
        case send(errno: Int32)
    }

    /// The problem.
    package let reason: Reason
    /// `$NOTIFY_SOCKET` as given.
    package let socket: String

    /// An error for the socket at `socket`.
    package init(_ reason: Reason, socket: String) {
        self.reason = reason
        self.socket = socket
    }

    package var description: String {
        switch reason {
        case .unsupportedAddress:
            "sd_notify: NOTIFY_SOCKET=\(socket) is not an absolute path or @abstract socket name; "
                + "start nhacviec from its systemd unit or unset NOTIFY_SOCKET"
        case .socket(let code):
            "sd_notify: cannot create a socket for \(socket): \(Self.message(code)) (errno \(code))"
        case .send(let code):
            "sd_notify: cannot send to \(socket): \(Self.message(code)) (errno \(code)); "
                + "systemd may have stopped listening, see `systemctl status nhacviec`"
        }
    }

    private static func message(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
