import Foundation
import Glibc

/// Tells systemd how the daemon is doing, as `sd_notify(3)` does, by writing datagrams to `$NOTIFY_SOCKET`.
///
/// Each message is one datagram sent on a fresh `AF_UNIX`/`SOCK_DGRAM` socket, so the notifier holds no file
/// descriptor and can be copied freely between tasks. Outside systemd (`$NOTIFY_SOCKET` unset or empty) every
/// call does nothing.
///
/// - Important: Under `NotifyAccess=main` systemd accepts messages from the main process only; send them from
///   the daemon itself, not from a child it starts.
package struct SystemdNotifier: Sendable {
    /// The longest `STATUS=` text sent, in UTF-8 bytes; longer text is cut at a character boundary.
    ///
    /// systemd drops a notification datagram larger than 4096 bytes whole, READY=1 included.
    package static let maximumStatusBytes = 1024

    /// The watchdog timeout systemd applies, from `$WATCHDOG_USEC`; `nil` when there is no watchdog for this
    /// process (`WatchdogSec=` unset, or `$WATCHDOG_PID` names another process).
    package let watchdogInterval: Duration?

    private let socket: NotifySocket?

    /// Reads `$NOTIFY_SOCKET`, `$WATCHDOG_USEC` and `$WATCHDOG_PID` from `environment`.
    package init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        socket = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : NotifySocket(address: $0) }
        watchdogInterval = Self.watchdogTimeout(environment: environment, processID: getpid())
    }

    /// Whether systemd listens for notifications (`$NOTIFY_SOCKET` is set).
    package var isEnabled: Bool { socket != nil }

    /// How often to call ``watchdog()``: half the timeout, as `sd_watchdog_enabled(3)` recommends.
    package var watchdogPingInterval: Duration? { watchdogInterval.map { $0 / 2 } }

    /// Start-up or a reload is complete: `READY=1`, with `STATUS=` when `status` is given.
    package func ready(status: String? = nil) throws(SystemdNotifierError) {
        try send(["READY=1"] + (status.map { [Self.statusField($0)] } ?? []))
    }

    /// A reload has begun: `RELOADING=1` with `MONOTONIC_USEC=` (`CLOCK_MONOTONIC` in µs), which systemd uses
    /// to match the reload to its request. Follow it with ``ready(status:)`` when the reload ends, whatever its
    /// outcome.
    package func reloading() throws(SystemdNotifierError) {
        try send(["RELOADING=1", "MONOTONIC_USEC=\(Self.monotonicMicroseconds())"])
    }

    /// Shutdown has begun: `STOPPING=1`.
    package func stopping() throws(SystemdNotifierError) {
        try send(["STOPPING=1"])
    }

    /// A one-line status shown by `systemctl status`: `STATUS=`; control characters become spaces.
    package func status(_ text: String) throws(SystemdNotifierError) {
        try send([Self.statusField(text)])
    }

    /// The daemon is alive: `WATCHDOG=1`. Call it every ``watchdogPingInterval`` from the loop that does the work.
    package func watchdog() throws(SystemdNotifierError) {
        try send(["WATCHDOG=1"])
    }

    private func send(_ fields: [String]) throws(SystemdNotifierError) {
        try socket?.send(fields.joined(separator: "\n"))
    }

    /// `$WATCHDOG_USEC` as a duration, when it is a positive number and `$WATCHDOG_PID` is unset or `processID`.
    static func watchdogTimeout(environment: [String: String], processID: pid_t) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"], let microseconds = UInt64(text), microseconds > 0,
            microseconds < UInt64.max
        else { return nil }
        if let pid = environment["WATCHDOG_PID"], pid_t(pid) != processID {
            return nil
        }
        return .microseconds(microseconds)
    }

    /// `STATUS=` with every control character (newlines included) replaced by a space, cut to
    /// ``maximumStatusBytes``.
    static func statusField(_ text: String) -> String {
        var clean = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            clean.append(scalar.properties.generalCategory == .control ? " " : scalar)
        }
        var field = "STATUS="
        var bytes = 0
        for character in String(clean) {
            bytes += character.utf8.count
            if bytes > maximumStatusBytes { break }
            field.append(character)
        }
        return field
    }

    /// `CLOCK_MONOTONIC` in microseconds, the clock `MONOTONIC_USEC=` is read against.
    static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}
