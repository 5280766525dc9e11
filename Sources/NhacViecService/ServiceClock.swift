public import Foundation

/// The service's wall clock, optionally shifted so a test (or `serve --now`) can run it at any instant.
public struct ServiceClock: Sendable {
    /// Seconds added to the system clock.
    public let offset: TimeInterval

    /// The real clock.
    public static let system = ServiceClock(offset: 0)

    public init(offset: TimeInterval) {
        self.offset = offset
    }

    /// A clock that reads `start` now and then runs at normal speed.
    public init(startingAt start: Date) {
        self.offset = start.timeIntervalSinceNow
    }

    public func now() -> Date {
        Date().addingTimeInterval(offset)
    }
}
