import Foundation
import Glibc

/// A real `AF_UNIX` datagram socket standing in for systemd's notification socket.
final class DatagramReceiver {
    /// The value to put in `$NOTIFY_SOCKET`.
    let address: String
    private let descriptor: Int32
    private let directory: String?

    /// A socket bound to `notify` in a fresh temporary directory.
    static func path() throws -> DatagramReceiver {
        var template = Array("/tmp/nhacviec-sd-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw ReceiverError.system("mkdtemp", errno) }
        let directory = String(cString: made)
        return try DatagramReceiver(address: directory + "/notify", directory: directory)
    }

    /// A socket bound to a unique name in the abstract namespace (`@name`).
    static func abstract() throws -> DatagramReceiver {
        try DatagramReceiver(address: "@nhacviec-test-\(getpid())-\(UUID().uuidString)", directory: nil)
    }

    private init(address: String, directory: String?) throws {
        self.address = address
        self.directory = directory
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw ReceiverError.system("socket", errno) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))

        var name = sockaddr_un()
        name.sun_family = sa_family_t(AF_UNIX)
        let path: [UInt8] = address.hasPrefix("@") ? [0] + Array(address.utf8.dropFirst()) : Array(address.utf8) + [0]
        withUnsafeMutableBytes(of: &name.sun_path) { $0.copyBytes(from: path) }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + path.count)
        let bound = withUnsafePointer(to: &name) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else {
            close(descriptor)
            throw ReceiverError.system("bind", errno)
        }
    }

    deinit {
        close(descriptor)
        if let directory {
            unlink(address)
            rmdir(directory)
        }
    }

    /// The next datagram as text; throws after 5 s without one.
    func receive() throws -> String {
        var buffer = [UInt8](repeating: 0, count: 8192)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count >= 0 else { throw ReceiverError.system("recv", errno) }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }

    /// Whether a datagram is waiting, without blocking.
    func hasPending() -> Bool {
        var byte: UInt8 = 0
        return recv(descriptor, &byte, 1, Int32(MSG_DONTWAIT) | Int32(MSG_PEEK)) >= 0
    }
}

enum ReceiverError: Error, CustomStringConvertible {
    case system(String, Int32)

    var description: String {
        switch self {
        case .system(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
        }
    }
}
