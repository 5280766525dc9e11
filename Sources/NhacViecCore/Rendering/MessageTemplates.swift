package import Mustache

/// The Mustache templates of what nhacviec writes: the reminder email (subject, plain text, HTML), the receipt email
/// sent after an acknowledgement, the acknowledgement web page and the dashboard's pages — all editable under `Config/templates/`.
package struct MessageTemplates: Sendable {
    /// One template file, named relative to the templates directory.
    package enum Name: String, Sendable, CaseIterable {
        case subject = "subject.mustache"
        case text = "digest.txt.mustache"
        case html = "digest.html.mustache"
        case receiptSubject = "receipt-subject.mustache"
        case receiptText = "receipt.txt.mustache"
        case receiptHTML = "receipt.html.mustache"
        case acknowledgePage = "web/acknowledge.html.mustache"
        case dashboardPage = "web/dashboard.html.mustache"
    }

    private let templates: [Name: MustacheTemplate]

    package var subject: MustacheTemplate { self[.subject] }
    package var text: MustacheTemplate { self[.text] }
    package var html: MustacheTemplate { self[.html] }

    /// The parsed template `name` (every name is present once the initialiser succeeded).
    package subscript(name: Name) -> MustacheTemplate {
        guard let template = templates[name] else { preconditionFailure("template \(name.rawValue) was not loaded") }
        return template
    }

    /// Parses every template.
    ///
    /// - Throws: `ConfigErrors` pointing at the line and column of each syntax error, or naming a missing file.
    package init(sources: [Name: ConfigSource]) throws(ConfigErrors) {
        var diagnostics: [ConfigDiagnostic] = []
        var parsed: [Name: MustacheTemplate] = [:]
        for name in Name.allCases {
            guard let source = sources[name] else {
                diagnostics.append(
                    ConfigDiagnostic(
                        at: SourceLocation(file: "templates/" + name.rawValue, line: 1, column: 1),
                        "missing template", fix: "restore it from the nhacviec release (Config/templates/)"))
                continue
            }
            do {
                parsed[name] = try MustacheTemplate(string: source.text)
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
        }
        guard diagnostics.isEmpty else { throw ConfigErrors(diagnostics) }
        self.templates = parsed
    }
}
