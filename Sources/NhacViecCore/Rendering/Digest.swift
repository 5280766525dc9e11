/// Everything one agency receives at one send time: one email lists all of it.
package struct Digest: Sendable {
    package var agency: AgencyID
    package var sendDate: CivilDate
    package var sendAt: TimeOfDay
    /// Sorted by effective due date, then plan, task and milestone.
    package var items: [PlannedReminder]

    package init(agency: AgencyID, sendDate: CivilDate, sendAt: TimeOfDay, items: [PlannedReminder]) {
        self.agency = agency
        self.sendDate = sendDate
        self.sendAt = sendAt
        self.items = items.sorted { lhs, rhs in
            let left = lhs.occurrence.due ?? lhs.sendDate
            let right = rhs.occurrence.due ?? rhs.sendDate
            return (left, lhs.key) < (right, rhs.key)
        }
    }

    /// Groups reminders into one digest per agency and send time, in send order.
    package static func group(_ reminders: [PlannedReminder]) -> [Digest] {
        struct Slot: Hashable {
            var agency: AgencyID
            var date: CivilDate
            var time: TimeOfDay
        }
        var slots: [Slot: [PlannedReminder]] = [:]
        for reminder in reminders {
            slots[Slot(agency: reminder.agency, date: reminder.sendDate, time: reminder.sendAt), default: []].append(
                reminder)
        }
        return slots.map { Digest(agency: $0.key.agency, sendDate: $0.key.date, sendAt: $0.key.time, items: $0.value) }
            .sorted { ($0.sendDate, $0.sendAt, $0.agency) < ($1.sendDate, $1.sendAt, $1.agency) }
    }

    /// A stable identity of this digest, the same on every retry: derived from its reminders' keys.
    package var key: String {
        let joined = items.map(\.key).sorted().joined(separator: "\n")
        return "\(agency):\(sendDate.iso8601):\(StableHash.hex(joined))"
    }
}

/// A stable 128-bit FNV-1a hash (two 64-bit lanes), for ids derived from keys; not for security.
package enum StableHash {
    package static func hex(_ text: String) -> String {
        var first: UInt64 = 0xCBF2_9CE4_8422_2325
        var second: UInt64 = 0x8422_2325_CBF2_9CE4
        for byte in text.utf8 {
            first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            second = (second ^ UInt64(byte ^ 0x5A)) &* 0x0000_0100_0000_01B3
        }
        return hex64(first) + hex64(second)
    }

    private static func hex64(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
