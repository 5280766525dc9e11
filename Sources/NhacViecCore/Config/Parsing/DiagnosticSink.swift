/// Collects the diagnostics of one load so that every problem is reported, not just the first.
final class DiagnosticSink {
    private(set) var diagnostics: [ConfigDiagnostic] = []

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    func error(_ location: SourceLocation?, _ message: String, fix: String? = nil) {
        diagnostics.append(ConfigDiagnostic(.error, at: location, message, fix: fix))
    }

    func warning(_ location: SourceLocation?, _ message: String, fix: String? = nil) {
        diagnostics.append(ConfigDiagnostic(.warning, at: location, message, fix: fix))
    }

    func append(_ diagnostic: ConfigDiagnostic) {
        diagnostics.append(diagnostic)
    }
}
