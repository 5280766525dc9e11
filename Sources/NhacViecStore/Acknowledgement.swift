public import Foundation
public import NhacViecCore

/// An agency's report on one occurrence, recorded by `nhacviec done`.
public struct Acknowledgement: Sendable, Hashable {
    /// The occurrence's stable key, `plan:task:milestone:nominal-date`.
    public var occurrenceKey: String
    public var agency: AgencyID
    public var note: String?
    public var recordedAt: Date
}
