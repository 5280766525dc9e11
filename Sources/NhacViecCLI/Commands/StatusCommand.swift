import ArgumentParser
import Foundation
import NhacViecConfigFiles
import NhacViecCore
import NhacViecStore

/// `nhacviec status`: what was sent, what is pending, what failed and why, and when the service wakes next.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what was sent, what is pending, what failed and why.",
        discussion: """
            Reads state_dir/state.sqlite (safe while the service runs).

            Examples:
              nhacviec status
              nhacviec status --format json
            """
    )

    @OptionGroup var options: ConfigOptions
    @Option(help: "table or json.")
    var format: Format = .table
    @Option(help: "How many failures and retries to list.")
    var limit = 20

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    func run() async throws {
        let loaded = try options.load(printWarnings: false)
        let configuration = loaded.configuration
        guard let ledger = try StateAccess.ledger(configuration, create: false) else {
            print(
                "No deliveries yet: \(StateAccess.ledgerPath(configuration)) does not exist (start `nhacviec serve`).")
            return
        }
        let report = try await StatusReport.gather(
            configuration: configuration, mainFile: loaded.mainFile, ledger: ledger, limit: limit)
        switch format {
        case .json: print(report.json().renderPretty())
        case .table: print(report.table(), terminator: "")
        }
    }
}
