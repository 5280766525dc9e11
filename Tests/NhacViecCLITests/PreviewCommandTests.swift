import Foundation
import Testing

@Suite("nhacviec preview shows the message an agency of the real Gia Lai plan receives")
struct PreviewCommandTests {
    @Test func repliesGoToTheOfficeThePlanSaysReportsGoTo() throws {
        let result = try CommandRunner.run([
            "preview", "--config", CommandRunner.shippedConfig, "--agency", "so-tu-phap", "--on", "2026-06-10",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        // Unfolded: a long header continues on lines that start with a space.
        let headers = (result.stdout.components(separatedBy: "\r\n\r\n").first ?? "")
            .replacingOccurrences(of: "\r\n ", with: " ")
        let replyTo = headers.components(separatedBy: "\r\n").filter { $0.hasPrefix("Reply-To: ") }
        #expect(replyTo.count == 1)
        #expect(replyTo.first?.hasSuffix(" <vp-ubnd@gialai.example>") == true, "\(replyTo)")
    }
}
