import Foundation
import HummingbirdBcrypt
package import Logging
package import NhacViecCore

/// The dashboard's users, read from the users file when it changes (so `nhacviec passwd` takes effect without a
/// restart), and the check of a name and password against them.
///
/// Without a file, with an empty or unreadable one, there are no users and the dashboard answers 404.
package actor WebUsersSource {
    /// The name of the systemd credential that holds the users file (`LoadCredential=web-users:…`).
    package static let credentialName = "web-users"

    private let path: String?
    private let formKey: DashboardFormKey
    private var loaded: (stamp: FileStamp, users: WebUsers)?
    /// Password digests that bcrypt already accepted, by user: Basic sends the password with every request.
    private var verified: [String: String] = [:]

    /// Where the users file is: `$CREDENTIALS_DIRECTORY/web-users` when systemd hands it over, else `http.users_file`.
    package static func path(settings: HTTPSettings, environment: [String: String]) -> String? {
        if let directory = environment["CREDENTIALS_DIRECTORY"], !directory.isEmpty {
            let credential = directory + "/" + credentialName
            if FileManager.default.fileExists(atPath: credential) { return credential }
        }
        return settings.usersFile
    }

    package init(path: String?, formKey: DashboardFormKey) {
        self.path = path
        self.formKey = formKey
    }

    /// The users now in the file; nil when there is no usable file (the dashboard is then off).
    package func users(logger: Logger) -> WebUsers? {
        guard let path, let stamp = FileStamp(path: path) else {
            loaded = nil
            return nil
        }
        if let loaded, loaded.stamp == stamp { return loaded.users.users.isEmpty ? nil : loaded.users }
        verified = [:]
        let users: WebUsers
        do {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ConfigErrors([
                    ConfigDiagnostic(
                        at: SourceLocation(file: path, line: 1, column: 1), "cannot read the users file",
                        fix: "make it readable by the service user, or hand it over with LoadCredential=web-users")
                ])
            }
            users = try WebUsers(parsing: String(decoding: data, as: UTF8.self), file: path)
        } catch {
            logger.error(
                "The dashboard's users file is not usable; the dashboard is off", metadata: ["error": "\(error)"])
            users = WebUsers()
        }
        loaded = (stamp, users)
        return users.users.isEmpty ? nil : users
    }

    /// The user whose password this is, or nil.
    package func authenticate(name: String, password: String, in users: WebUsers) -> WebUser? {
        guard let user = users[name] else { return nil }
        let digest = formKey.passwordDigest(user: name, password: password, hash: user.passwordHash)
        if verified[name] == digest { return user }
        // htpasswd writes `$2y$`, which is the same algorithm as OpenBSD's `$2b$` that the C code reads.
        let hash = user.passwordHash.hasPrefix("$2y$") ? "$2b$" + user.passwordHash.dropFirst(4) : user.passwordHash
        guard Bcrypt.verify(password, hash: hash) else { return nil }
        verified[name] = digest
        return user
    }
}

/// A file's modification time and size, to notice that it changed.
private struct FileStamp: Equatable {
    var modified: Date
    var size: Int

    init?(path: String) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let modified = attributes[.modificationDate] as? Date, let size = attributes[.size] as? Int
        else { return nil }
        self.modified = modified
        self.size = size
    }
}
