/// What the reminder loop tells its supervisor: readiness, reloads, stopping, a status line and watchdog pings.
///
/// ``SystemdNotifier`` speaks `sd_notify`; tests pass a recorder, so the loop's notifications are asserted in-process.
package protocol ServiceNotifier: Sendable {
    /// The supervisor's watchdog timeout, or nil when there is none.
    var watchdogInterval: Duration? { get }
    /// How often to ping the watchdog.
    var watchdogPingInterval: Duration? { get }
    func ready(status: String?) throws(SystemdNotifierError)
    func reloading() throws(SystemdNotifierError)
    func stopping() throws(SystemdNotifierError)
    func status(_ text: String) throws(SystemdNotifierError)
    func watchdog() throws(SystemdNotifierError)
}

extension SystemdNotifier: ServiceNotifier {}
