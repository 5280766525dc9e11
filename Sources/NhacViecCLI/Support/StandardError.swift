import Foundation

/// Writes lines to standard error.
enum StandardError {
    static func print(_ line: String) {
        fflush(nil)
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
