public import Mustache

/// The Mustache templates of reminder messages: subject, plain text and HTML, editable under `Config/templates/`.
public struct MessageTemplates: Sendable {
    public var subject: MustacheTemplate
    public var text: MustacheTemplate
    public var html: MustacheTemplate

    /// The file names looked up in the templates directory.
    public static let fileNames = (
        subject: "subject.mustache", text: "digest.txt.mustache", html: "digest.html.mustache"
    )

    /// Parses the three templates.
    ///
    /// - Throws: `ConfigErrors` pointing at the line and column of each syntax error.
    public init(subject: ConfigSource, text: ConfigSource, html: ConfigSource) throws(ConfigErrors) {
        var diagnostics: [ConfigDiagnostic] = []
        func parse(_ source: ConfigSource) -> MustacheTemplate? {
            do {
                return try MustacheTemplate(string: source.text)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(
                    ConfigDiagnostic(
                        at: SourceLocation(
                            file: source.path, line: error.context.lineNumber,
                            column: max(1, error.context.columnNumber)),
                        "template syntax: \(error.error)", fix: "check that every {{#section}} has its {{/section}}"))
            } catch {
                diagnostics.append(
                    ConfigDiagnostic(
                        at: SourceLocation(file: source.path, line: 1, column: 1), "template syntax: \(error)"))
            }
            return nil
        }
        let subject = parse(subject)
        let text = parse(text)
        let html = parse(html)
        guard let subject, let text, let html else { throw ConfigErrors(diagnostics) }
        self.subject = subject
        self.text = text
        self.html = html
    }
}
