/// A typed identifier: an agency id can never be passed where a task id is expected.
public struct Identifier<Tag>: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: Identifier, rhs: Identifier) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// Tags for `Identifier`.
public enum AgencyTag {}
public enum GroupTag {}
public enum PlanTag {}
public enum TaskTag {}
public enum MilestoneTag {}

public typealias AgencyID = Identifier<AgencyTag>
public typealias GroupID = Identifier<GroupTag>
public typealias PlanID = Identifier<PlanTag>
public typealias TaskID = Identifier<TaskTag>
public typealias MilestoneID = Identifier<MilestoneTag>
