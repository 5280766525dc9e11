/// The office a plan says the work is reported to (the `to:` of its milestones): a message names it in its footer,
/// and its address is where replies go when the config sets no `delivery.email.reply_to`.
package enum ReportOffice {
    /// The distinct offices the occurrences' milestones name in `to:`, in order of first appearance, leaving out
    /// `agency` itself (an escalation to the office the reports go to must not point it at itself).
    package static func offices(of occurrences: [Occurrence], for agency: AgencyID) -> [AgencyReference] {
        var offices: [AgencyReference] = []
        for case let office? in occurrences.map(\.milestone.recipient)
        where office != .agency(agency) && !offices.contains(office) {
            offices.append(office)
        }
        return offices
    }

    /// "Văn phòng UBND tỉnh", or "Sở Tư pháp và Văn phòng UBND tỉnh" when the items report to several offices; nil
    /// when no milestone names one.
    package static func names(
        of occurrences: [Occurrence], for agency: AgencyID, configuration: Configuration
    )
        -> String?
    {
        let names = offices(of: occurrences, for: agency).map(configuration.directory.name(of:))
        guard let last = names.last else { return nil }
        return names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " và " + last
    }

    /// The Reply-To of a message to `agency` about `occurrences`: `delivery.email.reply_to` when the config sets one,
    /// else the first address of the one office they all report to, when it is an agency with an address.
    ///
    /// - Returns: nil when replies should go to the sender: no reply_to, and no office or several, or a group.
    package static func replyTo(
        for occurrences: [Occurrence], to agency: AgencyID, configuration: Configuration
    )
        -> MailAddress?
    {
        if let configured = configuration.delivery.replyTo { return configured }
        let offices = offices(of: occurrences, for: agency)
        guard offices.count == 1, case .agency(let id) = offices[0],
            let office = configuration.directory.agencies[id], let address = office.emails.first
        else { return nil }
        return try? MailAddress(displayName: office.name, address: address)
    }
}
