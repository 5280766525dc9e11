package import Logging

/// Sets up logging for the `nhacviec` executable.
package enum NhacViecLogging {
    /// Sends every `Logger` to a ``JournalLogHandler`` on stderr, in the format
    /// ``LogLineFormat/detect(fileDescriptor:environment:)`` picks.
    ///
    /// - Important: Call it once, first thing in the executable; swift-log allows one bootstrap per process.
    package static func bootstrap(level: Logger.Level) {
        let format = LogLineFormat.detect()
        LoggingSystem.bootstrap { label in
            JournalLogHandler(label: label, level: level, format: format)
        }
    }
}
