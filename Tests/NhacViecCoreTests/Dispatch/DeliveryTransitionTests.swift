import Foundation
import Testing

@testable import NhacViecCore

@Suite("One table decides what every delivery attempt leads to, on every channel")
struct DeliveryTransitionTests {
    static let now = Date(timeIntervalSince1970: 1_794_877_200)
    static let policy = RetryPolicy(initial: .seconds(300), maximum: .seconds(4 * 3600))

    static func at(_ seconds: Int) -> Date { now.addingTimeInterval(TimeInterval(seconds)) }

    @Test(arguments: [
        // 2xx, SMTP 250, the outbox.
        (DeliveryOutcome.sent, 1, DeliveryTransition.sent),
        // 4xx SMTP, 5xx HTTP, timeouts and TLS handshakes that failed: back off, doubling from 5 minutes.
        (.retryable(reason: "421 busy", retryAfter: nil), 1, .retry(at: at(300), error: "421 busy")),
        (.retryable(reason: "503 down", retryAfter: nil), 3, .retry(at: at(1200), error: "503 down")),
        (.retryable(reason: "timeout", retryAfter: nil), 30, .retry(at: at(14_400), error: "timeout")),
        // 429 with Retry-After longer than the backoff is honoured.
        (
            .retryable(reason: "429 slow down", retryAfter: .seconds(3600)), 1,
            .retry(at: at(3600), error: "429 slow down")
        ),
        // 5xx SMTP, 4xx HTTP, redirects: failed for good.
        (.permanent(reason: "550 no such user"), 1, .failed(error: "550 no such user")),
        (.permanent(reason: "404 Not Found"), 2, .failed(error: "404 Not Found")),
        // Certificates, authentication, a missing secret: wait the longest delay for an operator.
        (.configuration(reason: "certificate"), 1, .retry(at: at(14_400), error: "configuration: certificate")),
        // 410 Gone disables the endpoint.
        (.gone, 1, .disableEndpoint(error: "410 Gone: endpoint disabled")),
    ])
    func outcomeLeadsTo(_ outcome: DeliveryOutcome, attempts: Int, expected: DeliveryTransition) {
        #expect(DeliveryTransition.after(outcome, attempts: attempts, now: Self.now, policy: Self.policy) == expected)
    }

    @Test func retriesStopAtTheMaximumNumberOfAttempts() {
        let outcome = DeliveryOutcome.retryable(reason: "421 busy", retryAfter: nil)
        #expect(
            DeliveryTransition.after(outcome, attempts: 24, now: Self.now, policy: Self.policy, maximumAttempts: 24)
                == .failed(error: "gave up after 24 attempts: 421 busy"))
        #expect(
            DeliveryTransition.after(outcome, attempts: 23, now: Self.now, policy: Self.policy, maximumAttempts: 24)
                == .retry(at: Self.at(14_400), error: "421 busy"))
    }

    @Test func aMootReminderFailsWithItsLastError() {
        #expect(
            DeliveryTransition.moot(lastError: "421 busy")
                == .failed(error: "moot: not delivered before it stopped mattering; last error: 421 busy"))
    }

    @Test func theStoredChannelSpellingIsPinned() {
        // Part of UNIQUE(reminder_key, channel): a change here resends every reminder, so it needs a migration.
        #expect(DeliveryChannel.email("VanThu@SoTC.gov.vn").encoded == "email:VanThu@SoTC.gov.vn")
        #expect(DeliveryChannel.webhook.encoded == "webhook")
        #expect(DeliveryChannel.none.encoded == "none")
        for channel in [DeliveryChannel.email("a@x.gov.vn"), .webhook, .none] {
            #expect(DeliveryChannel(encoded: channel.encoded) == channel)
        }
        #expect(DeliveryChannel(encoded: "sms:0900") == nil)
        #expect(DeliveryChannel(encoded: "email:") == nil)
        #expect(DeliveryChannel.email("Ab@x.gov.vn") != DeliveryChannel.email("ab@x.gov.vn"))
    }
}
