import ArgumentParser
import Foundation
import HummingbirdBcrypt
import NhacViecConfigFiles
import NhacViecCore

/// `nhacviec passwd`: adds a dashboard user or changes a user's password or role in the users file.
struct PasswdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passwd",
        abstract: "Add a dashboard user, or change a user's password or role.",
        discussion: """
            The users file has the htpasswd -B format (name:bcrypt-hash) with an optional third field, :admin, for \
            users who may act on the dashboard (record a report on an agency's behalf, undo it, resend, re-enable a \
            webhook); the others only view. The file is --file, else http.users_file of the config, else \
            /etc/nhacviec/web-users (the file the systemd unit hands over as the credential web-users). The \
            password is asked twice on a terminal, or read as one line from standard input. Under systemd, \
            restart the service to hand it the new file (sudo systemctl restart nhacviec); a service reading \
            http.users_file sees the change at the next request.

            Examples:
              sudo nhacviec passwd vanthu
              sudo nhacviec passwd chanhvanphong --role admin
              printf '%s\\n' "$PASSWORD" | nhacviec passwd --file web-users kiemtra
            """
    )

    /// Where the file is when neither --file nor http.users_file names it.
    static let defaultFile = "/etc/nhacviec/web-users"
    /// bcrypt's cost: about a quarter of a second per check, once per user and process (the service remembers it).
    static let cost: UInt8 = 12

    @Argument(help: "The user name (letters, digits, no ':' or spaces).")
    var user: String
    @Option(help: "viewer or admin; default: keep the user's role (viewer for a new user).")
    var role: WebRole?
    @Option(help: ArgumentHelp("The users file.", valueName: "path"))
    var file: String?
    @Option(
        help: ArgumentHelp(
            "The main config file, read for http.users_file when --file is not given.", valueName: "path"))
    var config: String = ConfigLoader.defaultPath

    func validate() throws {
        guard WebUsers.isValidName(user) else {
            throw ValidationError("'\(user)' is not a user name: 1-64 characters without ':' or spaces")
        }
    }

    func run() throws {
        let path = try file ?? configuredFile() ?? Self.defaultFile
        var users = WebUsers()
        if let data = FileManager.default.contents(atPath: path) {
            do {
                users = try WebUsers(parsing: String(decoding: data, as: UTF8.self), file: path)
            } catch {
                throw CommandFailure("\(error)\nnothing was changed")
            }
        } else if FileManager.default.fileExists(atPath: path) {
            throw CommandFailure("cannot read \(path); run as its owner (sudo)")
        }
        let password = try readPassword()
        let existing = users[user]
        users.set(
            WebUser(
                name: user, passwordHash: Bcrypt.hash(password, cost: Self.cost),
                role: role ?? existing?.role ?? .viewer))
        try write(users.render(), to: path)
        StandardError.print(
            "\(existing == nil ? "added" : "changed") \(user) (\((role ?? existing?.role ?? .viewer).rawValue)) in \(path)"
        )
    }

    /// `http.users_file` of the config, when the config loads and names one.
    private func configuredFile() throws -> String? {
        guard FileManager.default.fileExists(atPath: config) else { return nil }
        return try ConfigLoader.load(path: config).configuration.http?.usersFile
    }

    private func readPassword() throws -> String {
        if isatty(STDIN_FILENO) == 1 {
            let first = getpass("Mật khẩu cho \(user): ").map { String(cString: $0) } ?? ""
            let second = getpass("Nhập lại mật khẩu: ").map { String(cString: $0) } ?? ""
            guard first == second else { throw CommandFailure("the two passwords differ; nothing was changed") }
            return try checked(first)
        }
        return try checked(readLine(strippingNewline: true) ?? "")
    }

    private func checked(_ password: String) throws -> String {
        guard password.utf8.count >= 8 else { throw CommandFailure("the password needs at least 8 characters") }
        // bcrypt reads at most 72 bytes: a longer password would be accepted by its first 72 alone.
        guard password.utf8.count <= 72 else { throw CommandFailure("the password may have at most 72 bytes") }
        return password
    }

    /// Replaces the file atomically, readable by its owner only (the unit hands it to the service as a credential).
    private func write(_ text: String, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        guard
            FileManager.default.createFile(
                atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { throw CommandFailure("cannot write \(temporary); check the directory and run as its owner (sudo)") }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CommandFailure("cannot replace \(path): \(String(cString: strerror(errno)))")
        }
    }
}

extension WebRole: ExpressibleByArgument {}
