import ArgumentParser
import Foundation
import NhacViecConfigFiles
import NhacViecCore
import NhacViecService
import NhacViecStore

/// `nhacviec feed`: the calendar subscription of one agency, or of the whole province, for an admin to pass on.
struct FeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed",
        abstract: "Print the calendar subscription links of an agency (or of the whole province).",
        discussion: """
            Prints the webcal:// link (Outlook, Apple Calendar, Thunderbird open it as a subscription) and the https:// link (Google Calendar: Other calendars → From URL) of the agency's deadlines; every reminder carries the same links. The token is created on first use and never expires; --rotate replaces it (say, after a link was forwarded outside the agency), and the old links stop working at once. It needs the http: section (public_url) in the config.

            Examples:
              nhacviec feed --agency so-tu-phap
              nhacviec feed --agency so-tu-phap --rotate
              nhacviec feed --all
            """
    )

    @OptionGroup var options: ConfigOptions

    @Option(help: ArgumentHelp("The agency whose deadlines the feed carries.", valueName: "id"))
    var agency: String?

    @Flag(help: "The feed of every deadline of the province, for the supervising office.")
    var all = false

    @Flag(help: "Replace the token: the old links answer 404 from now on.")
    var rotate = false

    func validate() throws {
        guard (agency != nil) != all else {
            throw ValidationError("name either --agency ID or --all")
        }
    }

    func run() async throws {
        let configuration = try options.load().configuration
        guard configuration.http != nil else {
            throw CommandFailure(
                "feeds need the http: section in \(options.config); add http: { listen: 127.0.0.1:8080, public_url: https://… }"
            )
        }
        let scope: FeedScope
        if let agencyID = try Lookup.agency(agency, in: configuration) {
            scope = .agency(agencyID)
        } else {
            scope = .province
        }
        guard let ledger = try StateAccess.ledger(configuration, create: true),
            let links = try await LinkIssuer(configuration: configuration, ledger: ledger).feedLinks(
                for: scope, rotate: rotate, now: Date())
        else { return }
        print(links.webcal)
        print(links.https)
        StandardError.print("calendar feed of \(scope)" + (rotate ? "; the previous links no longer work" : ""))
    }
}
