import Logging
import NhacViecSystemd
import Testing

@Suite("Writing log events to stderr")
struct JournalLogHandlerTests {
    @Test("Each event is one line on the descriptor; events below the level are dropped")
    func linesAndLevel() throws {
        let pipe = try StreamPipe()
        var logger = Logger(label: "nhacviec") {
            JournalLogHandler(label: $0, level: .info, format: .journal, fileDescriptor: pipe.writeEnd)
        }
        logger.debug("Planning pass")
        logger.info("Reminders planned", metadata: ["plan.count": "3"])
        logger.error("Reload failed", metadata: ["config.error": "plans.yaml:3:5: expected a date\nsee docs"])
        logger.logLevel = .trace
        logger.trace("Woke up")
        #expect(
            pipe.drain() == """
                <6>nhacviec: Reminders planned plan.count=3
                <3>nhacviec: Reload failed config.error="plans.yaml:3:5: expected a date\\nsee docs"
                <7>nhacviec: Woke up

                """)
    }

    @Test("Event metadata overrides the provider's, which overrides the logger's")
    func metadataPrecedence() throws {
        let pipe = try StreamPipe()
        let provider = Logger.MetadataProvider { ["service": "serve", "channel": "provider"] }
        var logger = Logger(label: "nhacviec") {
            JournalLogHandler(
                label: $0, format: .journal, fileDescriptor: pipe.writeEnd, metadataProvider: provider)
        }
        logger[metadataKey: "channel"] = "logger"
        logger[metadataKey: "agency"] = "stp"
        #expect(logger[metadataKey: "agency"] == "stp")
        logger.notice("Sent", metadata: ["service": "event"])
        #expect(pipe.drain() == "<5>nhacviec: Sent agency=stp channel=provider service=event\n")
    }

    @Test("Level and metadata are values: changing a copy leaves the original alone")
    func valueSemantics() throws {
        let pipe = try StreamPipe()
        var first = Logger(label: "nhacviec") {
            JournalLogHandler(label: $0, format: .journal, fileDescriptor: pipe.writeEnd)
        }
        first.logLevel = .debug
        first[metadataKey: "only-on"] = "first"
        var second = first
        second.logLevel = .error
        second[metadataKey: "only-on"] = "second"
        #expect(first.logLevel == .debug)
        #expect(second.logLevel == .error)
        #expect(first[metadataKey: "only-on"] == "first")
        #expect(second[metadataKey: "only-on"] == "second")
    }

    @Test("A descriptor that cannot be written drops the line instead of crashing")
    func unwritableDescriptor() {
        let logger = Logger(label: "nhacviec") {
            JournalLogHandler(label: $0, format: .journal, fileDescriptor: -1)
        }
        logger.error("Nobody is listening")
    }
}
