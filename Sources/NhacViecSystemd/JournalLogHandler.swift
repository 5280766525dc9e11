import Foundation
import Glibc
package import Logging

/// A swift-log handler that writes each event as one line to a file descriptor (stderr by default), in the
/// journal's format when that descriptor is the journal and in a human format otherwise.
///
/// Each line is written with one `write(2)`, so lines from concurrent tasks do not interleave. A failed write
/// (stderr closed) is dropped: logging never stops the daemon.
package struct JournalLogHandler: LogHandler {
    /// Events below this level are not written.
    package var logLevel: Logger.Level
    /// Metadata written with every event of this logger.
    package var metadata: Logger.Metadata = [:]
    /// Contextual metadata (task-local values) added to every event.
    package var metadataProvider: Logger.MetadataProvider?

    private let label: String
    private let format: LogLineFormat
    private let fileDescriptor: Int32

    /// A handler for the logger named `label`.
    ///
    /// - Parameters:
    ///   - format: the line layout; ``LogLineFormat/detect(fileDescriptor:environment:)`` picks it for a daemon.
    ///   - fileDescriptor: where lines go; 2 is stderr.
    package init(
        label: String,
        level: Logger.Level = .info,
        format: LogLineFormat,
        fileDescriptor: Int32 = 2,
        metadataProvider: Logger.MetadataProvider? = nil
    ) {
        self.label = label
        self.logLevel = level
        self.format = format
        self.fileDescriptor = fileDescriptor
        self.metadataProvider = metadataProvider
    }

    /// Writes `event` as one line; event metadata overrides the provider's, which overrides the logger's.
    package func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() {
            merged.merge(provided, uniquingKeysWith: { _, provided in provided })
        }
        if let explicit = event.metadata {
            merged.merge(explicit, uniquingKeysWith: { _, explicit in explicit })
        }
        let line = format.line(
            label: label, level: event.level, message: event.message.description, metadata: merged, date: Date())
        write(Array(line.utf8))
    }

    /// The logger metadata stored under `metadataKey`.
    package subscript(metadataKey metadataKey: String) -> Logger.Metadata.Value? {
        get { metadata[metadataKey] }
        set { metadata[metadataKey] = newValue }
    }

    private func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fileDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }
}
