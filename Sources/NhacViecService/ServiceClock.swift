package import Foundation

/// The service's wall clock, optionally shifted so a test (or `serve --now`) can run it at any instant.
package struct ServiceClock: Sendable {
    /// Seconds added to the system clock.
    package let offset: TimeInterval

    /// The real clock.
    package static let system = ServiceClock(offset: 0)

    package init(offset: TimeInterval) {
        self.offset = offset
    }

    /// A clock that reads `start` now and then runs at normal speed.
    package init(startingAt start: Date) {
        self.offset = start.timeIntervalSinceNow
    }

    package func now() -> Date {
        Date().addingTimeInterval(offset)
    }
}
