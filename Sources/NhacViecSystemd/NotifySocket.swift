import Glibc

/// The address in `$NOTIFY_SOCKET`: a filesystem path (`/run/systemd/notify`) or an abstract socket name
/// (`@name`, whose `@` stands for the leading NUL byte).
struct NotifySocket: Sendable {
    /// `$NOTIFY_SOCKET` as given, for error messages.
    let address: String
    /// The bytes of `sun_path`, trailing NUL included for a path; `nil` when the address is not supported.
    private let socketPath: [UInt8]?

    init(address: String) {
        self.address = address
        let bytes = Array(address.utf8)
        let capacity = MemoryLayout.size(ofValue: sockaddr_un().sun_path)
        let path: [UInt8]? =
            switch bytes.first {
            case UInt8(ascii: "/"): bytes + [0]
            case UInt8(ascii: "@"): [0] + bytes.dropFirst()
            default: nil
            }
        // systemd may also hand out vsock: addresses (for VMs); a daemon on a host never receives one.
        socketPath = path.flatMap { $0.count <= capacity && $0.count > 1 ? $0 : nil }
    }

    /// Sends `message` as one datagram with `MSG_NOSIGNAL`, so a vanished peer is an error, never a `SIGPIPE`.
    func send(_ message: String) throws(SystemdNotifierError) {
        guard let socketPath else {
            throw SystemdNotifierError(.unsupportedAddress, socket: address)
        }
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else {
            throw SystemdNotifierError(.socket(errno: errno), socket: address)
        }
        defer { close(descriptor) }

        var socketAddress = sockaddr_un()
        socketAddress.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &socketAddress.sun_path) { $0.copyBytes(from: socketPath) }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + socketPath.count)
        let payload = Array(message.utf8)

        var sent: Int
        repeat {
            sent = withUnsafePointer(to: &socketAddress) { address in
                address.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                    payload.withUnsafeBytes { bytes in
                        sendto(descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), address, length)
                    }
                }
            }
        } while sent < 0 && errno == EINTR
        guard sent >= 0 else {
            throw SystemdNotifierError(.send(errno: errno), socket: address)
        }
    }
}
