import Foundation

/// What a dashboard user may do: a viewer reads every page, an admin also acts (acknowledge, undo, resend, re-enable).
package enum WebRole: String, Sendable, Hashable, CaseIterable {
    case viewer
    case admin
}

/// One user of the dashboard: a name, a bcrypt hash (`$2y$…`, `$2b$…` or `$2a$…`) and a role.
package struct WebUser: Sendable, Hashable {
    package var name: String
    package var passwordHash: String
    package var role: WebRole

    package init(name: String, passwordHash: String, role: WebRole) {
        self.name = name
        self.passwordHash = passwordHash
        self.role = role
    }
}

/// The dashboard's users file: the `htpasswd -B` format with an optional third field for the role.
///
/// Each line is `name:bcrypt-hash` (a viewer) or `name:bcrypt-hash:admin`; blank lines and lines starting with `#`
/// are ignored, so a file written by `htpasswd -B -c` works as it is and `nhacviec passwd` keeps it readable by
/// `htpasswd`'s own tools.
package struct WebUsers: Sendable {
    package private(set) var users: [WebUser]

    package init(users: [WebUser] = []) {
        self.users = users
    }

    /// Reads the file's text.
    ///
    /// - Throws: `ConfigErrors` naming `file` and the line of each entry that is not a user.
    package init(parsing text: String, file: String) throws(ConfigErrors) {
        var users: [WebUser] = []
        var diagnostics: [ConfigDiagnostic] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces.union(.init(charactersIn: "\r")))
            if line.isEmpty || line.hasPrefix("#") { continue }
            let at = SourceLocation(file: file, line: index + 1, column: 1)
            let fields = line.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 2 || fields.count == 3, Self.isValidName(fields[0]), Self.isBcrypt(fields[1])
            else {
                diagnostics.append(
                    ConfigDiagnostic(
                        at: at, "not a user line (name:bcrypt-hash[:role])",
                        fix: "add users with `nhacviec passwd NAME` or `htpasswd -B FILE NAME`"))
                continue
            }
            guard let role = fields.count == 3 ? WebRole(rawValue: fields[2]) : .viewer else {
                diagnostics.append(
                    ConfigDiagnostic(at: at, "unknown role '\(fields[2])'", fix: "write viewer or admin"))
                continue
            }
            if users.contains(where: { $0.name == fields[0] }) {
                diagnostics.append(
                    ConfigDiagnostic(at: at, "user '\(fields[0])' is listed twice", fix: "keep one line per user"))
                continue
            }
            users.append(WebUser(name: fields[0], passwordHash: fields[1], role: role))
        }
        guard diagnostics.isEmpty else { throw ConfigErrors(diagnostics) }
        self.users = users
    }

    package subscript(name: String) -> WebUser? {
        users.first { $0.name == name }
    }

    /// Adds `user`, or replaces the user of the same name in place.
    package mutating func set(_ user: WebUser) {
        if let index = users.firstIndex(where: { $0.name == user.name }) {
            users[index] = user
        } else {
            users.append(user)
        }
    }

    /// The file's text: one line per user, the role written only for admins (so viewers stay plain htpasswd lines).
    package func render() -> String {
        users.map { $0.name + ":" + $0.passwordHash + ($0.role == .admin ? ":admin" : "") + "\n" }.joined()
    }

    /// 1–64 characters, none of them `:`, whitespace or a control character.
    package static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && !name.unicodeScalars.contains {
                $0 == ":" || $0.properties.isWhitespace || $0.properties.generalCategory == .control
            }
    }

    static func isBcrypt(_ hash: String) -> Bool {
        ["$2y$", "$2b$", "$2a$"].contains { hash.hasPrefix($0) } && hash.count == 60
    }
}
