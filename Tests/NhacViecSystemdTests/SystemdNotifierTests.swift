import Glibc
import NhacViecSystemd
import Testing

@Suite("Notifying systemd through NOTIFY_SOCKET")
struct SystemdNotifierTests {
    @Suite("Each call sends exactly one sd_notify datagram")
    struct Datagrams {
        @Test("Ready with a status is READY=1 then STATUS=, on a path socket")
        func readyWithStatus() throws {
            let receiver = try DatagramReceiver.path()
            let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.address])
            #expect(notifier.isEnabled)
            try notifier.ready(status: "Lần gửi tiếp theo: 2026-06-12T08:00:00+07:00")
            #expect(try receiver.receive() == "READY=1\nSTATUS=Lần gửi tiếp theo: 2026-06-12T08:00:00+07:00")
        }

        @Test("Ready without a status is READY=1 alone, on an abstract socket")
        func readyAbstract() throws {
            let receiver = try DatagramReceiver.abstract()
            #expect(receiver.address.hasPrefix("@"))
            let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.address])
            try notifier.ready()
            #expect(try receiver.receive() == "READY=1")
        }

        @Test("Reloading carries the CLOCK_MONOTONIC time in microseconds")
        func reloading() throws {
            let receiver = try DatagramReceiver.path()
            let before = monotonicMicroseconds()
            try SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.address]).reloading()
            let after = monotonicMicroseconds()
            let lines = try receiver.receive().split(separator: "\n", omittingEmptySubsequences: false)
            try #require(lines.count == 2)
            #expect(lines[0] == "RELOADING=1")
            #expect(lines[1].hasPrefix("MONOTONIC_USEC="))
            let stamp = try #require(UInt64(lines[1].dropFirst("MONOTONIC_USEC=".count)))
            #expect(stamp >= before && stamp <= after)
        }

        @Test("Stopping, status and watchdog each send their one field, in order")
        func stoppingStatusWatchdog() throws {
            let receiver = try DatagramReceiver.abstract()
            let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.address])
            try notifier.status("Đang gửi 3 nhắc việc")
            try notifier.watchdog()
            try notifier.stopping()
            #expect(try receiver.receive() == "STATUS=Đang gửi 3 nhắc việc")
            #expect(try receiver.receive() == "WATCHDOG=1")
            #expect(try receiver.receive() == "STOPPING=1")
            #expect(!receiver.hasPending())
        }
    }

    @Suite("Status text never breaks the message format")
    struct Sanitizing {
        @Test("Newlines and other control characters in a status become spaces, so no field can be injected")
        func controlCharacters() throws {
            let receiver = try DatagramReceiver.path()
            let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.address])
            try notifier.status("config error\nREADY=1\r\u{0}\tline 3")
            #expect(try receiver.receive() == "STATUS=config error READY=1   line 3")
        }

        @Test("A very long status is cut at a character boundary to the maximum")
        func longStatus() throws {
            let receiver = try DatagramReceiver.path()
            let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.address])
            try notifier.ready(status: String(repeating: "ệ", count: 2_000))
            let message = try receiver.receive()
            let status = message.dropFirst("READY=1\nSTATUS=".count)
            #expect(message.hasPrefix("READY=1\nSTATUS=ệ"))
            #expect(status.utf8.count <= SystemdNotifier.maximumStatusBytes)
            #expect(status.utf8.count > SystemdNotifier.maximumStatusBytes - 3)
            #expect(status.allSatisfy { $0 == "ệ" })
        }
    }

    @Suite("Without systemd nothing breaks")
    struct Disabled {
        @Test(
            "No NOTIFY_SOCKET (or an empty one): disabled, and every call quietly does nothing",
            arguments: [[:], ["NOTIFY_SOCKET": ""]] as [[String: String]])
        func noSocket(environment: [String: String]) throws {
            let notifier = SystemdNotifier(environment: environment)
            #expect(!notifier.isEnabled)
            try notifier.ready(status: "x")
            try notifier.reloading()
            try notifier.status("x")
            try notifier.watchdog()
            try notifier.stopping()
        }

        @Test("A socket that has gone away is an error value naming it, not a crash or a SIGPIPE")
        func socketGone() throws {
            let address = try DatagramReceiver.path().address  // removed again when the receiver is released
            let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": address])
            #expect(notifier.isEnabled)
            let error = #expect(throws: SystemdNotifierError.self) { try notifier.watchdog() }
            #expect(error?.reason == .send(errno: ENOENT))
            #expect(error?.description.contains(address) == true)
        }

        @Test(
            "An address that is neither a path nor @abstract (or too long) is reported, not sent",
            arguments: ["relative/notify", "vsock:2:1234", "/" + String(repeating: "a", count: 200), "@"])
        func unsupportedAddress(address: String) throws {
            let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": address])
            let error = #expect(throws: SystemdNotifierError.self) { try notifier.ready() }
            #expect(error?.reason == .unsupportedAddress)
        }
    }
}

private func monotonicMicroseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
}
