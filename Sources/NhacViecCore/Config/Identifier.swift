/// A typed identifier: an agency id can never be passed where a task id is expected.
package struct Identifier<Tag>: Hashable, Comparable, Sendable, CustomStringConvertible {
    package let rawValue: String

    package init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    package var description: String { rawValue }

    package static func < (lhs: Identifier, rhs: Identifier) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// Tags for `Identifier`.
package enum AgencyTag {}
package enum GroupTag {}
package enum PlanTag {}
package enum TaskTag {}
package enum MilestoneTag {}

package typealias AgencyID = Identifier<AgencyTag>
package typealias GroupID = Identifier<GroupTag>
package typealias PlanID = Identifier<PlanTag>
package typealias TaskID = Identifier<TaskTag>
package typealias MilestoneID = Identifier<MilestoneTag>
