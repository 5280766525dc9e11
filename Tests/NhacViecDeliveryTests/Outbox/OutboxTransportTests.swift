import Foundation
import NhacViecCore
import NhacViecDelivery
import Testing

@Suite("Writing to the outbox")
struct OutboxTransportTests {
    static let envelopeFrom = try! MailAddress(address: "bounces@gialai.example")
    static let recipient = try! MailAddress(address: "vanthu@stp.gialai.example")

    @Test("Each message becomes <state_dir>/outbox/<message-id>.eml holding exactly the rendered bytes")
    func writesRenderedBytes() async throws {
        let state = try TemporaryDirectory()
        let message = try SampleMessage.make().rendered()
        let result = await OutboxTransport(stateDirectory: state.url).send(
            message, from: Self.envelopeFrom, to: Self.recipient)
        #expect(result == .sent(code: 0))
        let outbox = state.url.appendingPathComponent("outbox")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: outbox.path) == [
                OutboxTransport.fileName(for: message.messageID)
            ])
        let file = outbox.appendingPathComponent(OutboxTransport.fileName(for: message.messageID))
        #expect(Array(try Data(contentsOf: file)) == message.bytes)
        let parsed = try ParsedEmail.parse(file: file)
        #expect(parsed.defects == [])
        #expect(parsed.subject == SampleMessage.subject)
    }

    @Test("Sending again replaces the file whole and leaves no temporary file behind")
    func replacesAtomically() async throws {
        let state = try TemporaryDirectory()
        let outbox = OutboxTransport(stateDirectory: state.url)
        var message = try SampleMessage.make()
        #expect(
            await outbox.send(try message.rendered(), from: Self.envelopeFrom, to: Self.recipient) == .sent(code: 0))
        message.textBody = "Bản sửa đổi."
        let second = try message.rendered()
        #expect(await outbox.send(second, from: Self.envelopeFrom, to: Self.recipient) == .sent(code: 0))
        let names = try FileManager.default.contentsOfDirectory(atPath: outbox.directory.path)
        #expect(names == [OutboxTransport.fileName(for: second.messageID)])
        #expect(Array(try Data(contentsOf: outbox.directory.appendingPathComponent(names[0]))) == second.bytes)
    }

    @Test(
        "File names keep only safe characters",
        arguments: [
            ("nhacviec.kh25=2Fbc@gialai.example", "nhacviec.kh25=2Fbc@gialai.example.eml"),
            ("a/b{c}|d@gialai.example", "a_b_c__d@gialai.example.eml"),
        ])
    func fileNames(id: String, name: String) throws {
        #expect(OutboxTransport.fileName(for: try MessageID(id)) == name)
    }

    @Test("An outbox that cannot be created is a configuration error")
    func unusableDirectory() async throws {
        let state = try TemporaryDirectory()
        let notADirectory = state.url.appendingPathComponent("file")
        try Data("x".utf8).write(to: notADirectory)
        let result = await OutboxTransport(stateDirectory: notADirectory)
            .send(try SampleMessage.make().rendered(), from: Self.envelopeFrom, to: Self.recipient)
        guard case .configuration(let reason) = result else {
            Issue.record("expected a configuration error, got \(result)")
            return
        }
        #expect(reason.contains("outbox"))
    }
}
