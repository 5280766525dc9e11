public import Foundation

/// A point in time given to the pure planning code, so the clock is always injected (tests pick any instant).
public struct Instant: Sendable, Hashable, Comparable {
    public var date: Date

    public init(_ date: Date) {
        self.date = date
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.date < rhs.date
    }
}
