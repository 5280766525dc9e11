import ArgumentParser
import Foundation
import NhacViecConfigFiles
import NhacViecCore
import NhacViecService
import NhacViecStore

/// `nhacviec link`: a working acknowledgement link for an admin to pass on by phone, chat or official letter.
struct LinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link",
        abstract: "Print a working acknowledgement link for one agency and one deadline.",
        discussion: """
            The link opens the same confirmation page as the button in a reminder email: the agency (or whoever it is given to) confirms there, and its reminders for that occurrence stop. It needs the http: section (public_url) in the config. The token is created now, stored only as a hash, and expires 14 days from now or 30 days after the due date, whichever is later.

            Examples:
              nhacviec link --agency so-tu-phap --task 1.2.a --milestone gui-vp
              nhacviec link --agency so-tu-phap --task VI.1 --milestone bao-cao-thang \\
                  --occurrence 2026-11-15
            """
    )

    @OptionGroup var options: ConfigOptions
    @OptionGroup var target: AgencyOccurrenceOptions

    func run() async throws {
        let configuration = try options.load().configuration
        guard configuration.http != nil else {
            throw CommandFailure(
                "links need the http: section in \(options.config); add http: { listen: 127.0.0.1:8080, public_url: https://… }"
            )
        }
        guard let (lookup, agencyID, nominal) = try await target.resolve(in: configuration) else { return }
        guard
            let resolved = OccurrenceReference(
                plan: lookup.plan.id, task: lookup.task.id, milestone: lookup.milestone.id, nominalDue: nominal
            ).resolve(in: configuration),
            let ledger = try StateAccess.ledger(configuration, create: true)
        else { return }
        let issuer = LinkIssuer(configuration: configuration, ledger: ledger)
        guard let link = try await issuer.link(agency: agencyID, occurrence: resolved, now: Date()) else { return }
        print(link)
        StandardError.print(
            "link for \(agencyID): \(lookup.plan.id) \(lookup.task.id)/\(lookup.milestone.id)"
                + (resolved.due.map { ", due \($0.vietnamese)" } ?? ""))
    }
}
