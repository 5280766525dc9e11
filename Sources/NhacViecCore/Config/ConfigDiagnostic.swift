/// A problem found in the config, with where it is and how to fix it.
///
/// Printed as `Config/agencies.yaml:12:5: error: unknown agency 'so-tu-phap2' (did you mean 'so-tu-phap'?)`.
package struct ConfigDiagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// How serious the problem is; only errors stop a config from loading.
    package enum Severity: String, Sendable {
        case error, warning
    }

    package var location: SourceLocation?
    package var severity: Severity
    package var message: String
    /// What the admin should do, e.g. "did you mean 'so-tu-phap'?".
    package var fix: String?

    package init(_ severity: Severity = .error, at location: SourceLocation?, _ message: String, fix: String? = nil) {
        self.location = location
        self.severity = severity
        self.message = message
        self.fix = fix
    }

    package var description: String {
        let place = location.map { "\($0): " } ?? ""
        let hint = fix.map { " (\($0))" } ?? ""
        return "\(place)\(severity.rawValue): \(message)\(hint)"
    }
}

/// Every problem of one load, in file order; thrown when at least one is an error.
package struct ConfigErrors: Error, Sendable, CustomStringConvertible {
    package var diagnostics: [ConfigDiagnostic]

    package init(_ diagnostics: [ConfigDiagnostic]) {
        self.diagnostics = diagnostics
    }

    package var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
