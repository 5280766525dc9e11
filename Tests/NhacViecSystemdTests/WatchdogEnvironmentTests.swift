import Glibc
import NhacViecSystemd
import Testing

@Suite("Reading the watchdog settings systemd passes")
struct WatchdogEnvironmentTests {
    @Test("WATCHDOG_USEC alone is the timeout, and the ping interval is half of it")
    func timeoutWithoutPID() {
        let notifier = SystemdNotifier(environment: ["WATCHDOG_USEC": "60000000"])
        #expect(notifier.watchdogInterval == .seconds(60))
        #expect(notifier.watchdogPingInterval == .seconds(30))
    }

    @Test("WATCHDOG_PID naming this process keeps the watchdog")
    func pidOfThisProcess() {
        let notifier = SystemdNotifier(environment: ["WATCHDOG_USEC": "1500000", "WATCHDOG_PID": "\(getpid())"])
        #expect(notifier.watchdogInterval == .milliseconds(1500))
        #expect(notifier.watchdogPingInterval == .milliseconds(750))
    }

    @Test("WATCHDOG_PID naming another process means the watchdog is not ours")
    func pidOfAnotherProcess() {
        let notifier = SystemdNotifier(environment: ["WATCHDOG_USEC": "60000000", "WATCHDOG_PID": "\(getpid() + 1)"])
        #expect(notifier.watchdogInterval == nil)
        #expect(notifier.watchdogPingInterval == nil)
    }

    @Test(
        "A missing, zero, infinite or malformed WATCHDOG_USEC means no watchdog",
        arguments: [
            [:], ["WATCHDOG_USEC": "0"], ["WATCHDOG_USEC": "18446744073709551615"], ["WATCHDOG_USEC": "60s"],
            ["WATCHDOG_USEC": "-5"], ["WATCHDOG_USEC": ""], ["WATCHDOG_USEC": "60000000", "WATCHDOG_PID": "x"],
        ] as [[String: String]])
    func noWatchdog(environment: [String: String]) {
        #expect(SystemdNotifier(environment: environment).watchdogInterval == nil)
    }
}
