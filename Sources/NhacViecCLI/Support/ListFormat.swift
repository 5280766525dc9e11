import ArgumentParser

/// The output formats of the listing commands.
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, ics
}
