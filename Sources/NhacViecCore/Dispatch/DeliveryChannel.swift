/// Where one delivery goes: one mailbox of an agency, its webhook, or nowhere (an agency with neither, recorded so
/// the reminder is accounted for).
///
/// The stored spelling ``encoded`` is half of the never-send-twice key `UNIQUE(occurrence_key, agency, stage, channel)`: changing it
/// would make every recorded reminder look unsent, so it changes only with a ledger migration (a test pins it).
/// An address is kept exactly as `agencies.yaml` spells it: `Ab@x` and `ab@x` are two channels. That costs nothing
/// when an admin re-spells an address, because a reminder already recorded on any channel is never recorded again.
package enum DeliveryChannel: Hashable, Sendable, Comparable, CustomStringConvertible {
    case email(String)
    case webhook
    case none

    /// What kind of channel, for "last delivery per channel" summaries.
    package enum Kind: String, Sendable, Hashable, CaseIterable {
        case email, webhook, none
    }

    package var kind: Kind {
        switch self {
        case .email: .email
        case .webhook: .webhook
        case .none: .none
        }
    }

    /// `email:<address>`, `webhook` or `none`, as stored in the ledger.
    package var encoded: String {
        switch self {
        case .email(let address): "email:" + address
        case .webhook: "webhook"
        case .none: "none"
        }
    }

    /// Reads a stored channel; nil for a spelling this version never writes.
    package init?(encoded: String) {
        switch encoded {
        case "webhook": self = .webhook
        case "none": self = .none
        default:
            guard encoded.hasPrefix("email:"), encoded.count > "email:".count else { return nil }
            self = .email(String(encoded.dropFirst("email:".count)))
        }
    }

    /// The mailbox of an email channel.
    package var address: String? {
        if case .email(let address) = self { address } else { nil }
    }

    package var description: String { encoded }

    package static func < (lhs: DeliveryChannel, rhs: DeliveryChannel) -> Bool {
        lhs.encoded < rhs.encoded
    }

    /// The channels of `agency`: one per mailbox, then its webhook.
    package static func all(of agency: Agency) -> [DeliveryChannel] {
        agency.emails.map(DeliveryChannel.email) + (agency.webhook == nil ? [] : [.webhook])
    }
}
