import Foundation
import GRDB

/// A ledger operation that failed, with the file concerned and what the operator can do about it.
///
/// Its description reads as one line for the log or the terminal, for example
/// `cannot open var/state.sqlite: permission denied (check state_dir and the service user)`.
package struct StoreError: Error, CustomStringConvertible, Sendable {
    /// The class of failure, for callers that react differently to each (exit status, retry, message).
    package enum Code: Sendable, Equatable {
        /// The file is not an SQLite database, or is corrupt: move it aside or restore a backup.
        case unreadable
        /// The process may not read, write or create the file or its directory.
        case permissionDenied
        /// Another process held the database past the busy timeout.
        case locked
        /// The disk is full.
        case diskFull
        /// The operating system reported an I/O error.
        case ioError
        /// A newer nhacviec changed the schema.
        case newerSchema
        /// The file holds a value this version never writes.
        case unexpectedContent
        /// Anything else; `reason` says what.
        case other
    }

    /// What kind of failure this is.
    package let code: Code
    /// The ledger file, or the directory that should hold it.
    package let path: String
    /// What the ledger was doing: `open`, `create the directory of`, `read`, `write to`.
    package let action: String
    /// What went wrong.
    package let reason: String
    /// What to do about it, when there is something to do.
    package let fix: String?

    init(code: Code = .other, path: String, action: String, reason: String, fix: String?) {
        self.code = code
        self.path = path
        self.action = action
        self.reason = reason
        self.fix = fix
    }

    package var description: String {
        "cannot \(action) \(path): \(reason)" + (fix.map { " (\($0))" } ?? "")
    }
}

extension StoreError {
    private static let accessFix = "check state_dir and the service user"
    private static let replaceFix =
        "stop nhacviec, move the file aside and start again to create an empty ledger, or restore a backup"

    /// Wraps whatever GRDB, SQLite or the file system threw while the ledger at `path` did `action`.
    init(path: String, action: String, underlying error: any Error) {
        guard let error = error as? DatabaseError else {
            self.init(path: path, action: action, reason: "\(error)", fix: nil)
            return
        }
        let detail = error.message ?? "SQLite error \(error.extendedResultCode.rawValue)"
        switch error.resultCode {
        case .SQLITE_NOTADB:
            self.init(
                code: .unreadable, path: path, action: action, reason: "the file is not an SQLite database",
                fix: Self.replaceFix)
        case .SQLITE_CORRUPT:
            self.init(
                code: .unreadable, path: path, action: action, reason: "the database is corrupt (\(detail))",
                fix: Self.replaceFix)
        case .SQLITE_PERM, .SQLITE_AUTH, .SQLITE_READONLY:
            self.init(
                code: .permissionDenied, path: path, action: action, reason: "permission denied (\(detail))",
                fix: Self.accessFix)
        case .SQLITE_CANTOPEN:
            let denied = !FileManager.default.isWritableFile(atPath: Self.existingAncestor(of: path))
            self.init(
                code: denied ? .permissionDenied : .other,
                path: path,
                action: action,
                reason: denied ? "permission denied" : "unable to open the database file",
                fix: Self.accessFix
            )
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            self.init(
                code: .locked,
                path: path,
                action: action,
                reason: "the database stayed locked by another process for \(Int(Ledger.busyTimeout)) seconds",
                fix: "check for a stuck nhacviec process holding the file"
            )
        case .SQLITE_FULL:
            self.init(
                code: .diskFull, path: path, action: action, reason: "the disk is full",
                fix: "free space where state_dir lives")
        case .SQLITE_IOERR:
            self.init(
                code: .ioError, path: path, action: action, reason: "I/O error (\(detail))",
                fix: "check the disk and the kernel log")
        default:
            self.init(path: path, action: action, reason: detail, fix: nil)
        }
    }

    /// The file itself when it exists, else its nearest existing parent directory: the one whose
    /// permissions decide whether the ledger can be opened or created.
    private static func existingAncestor(of path: String) -> String {
        var url = URL(fileURLWithPath: path)
        while !FileManager.default.fileExists(atPath: url.path), url.path != "/" {
            url.deleteLastPathComponent()
        }
        return url.path
    }
}
