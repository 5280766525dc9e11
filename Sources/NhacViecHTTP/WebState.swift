package import Foundation
package import NhacViecCore
package import NhacViecStore

/// The configuration the web side renders from: replaced as a whole on every successful reload of the service.
package actor WebState {
    package private(set) var configuration: Configuration
    package private(set) var templates: MessageTemplates
    /// Grows with every reload: part of the version of a cached page (``RenderCache``).
    package private(set) var generation = 0

    package init(configuration: Configuration, templates: MessageTemplates) {
        self.configuration = configuration
        self.templates = templates
    }

    /// Takes a reloaded configuration; requests already running finish with the one they read.
    package func replace(configuration: Configuration, templates: MessageTemplates) {
        self.configuration = configuration
        self.templates = templates
        generation += 1
    }

    /// Both at once, so a request never mixes two configurations.
    package var snapshot: (configuration: Configuration, templates: MessageTemplates) {
        (configuration, templates)
    }

    /// The snapshot with its generation, for a page that may be cached.
    package var versionedSnapshot: (configuration: Configuration, templates: MessageTemplates, generation: Int) {
        (configuration, templates, generation)
    }
}

/// What the web application needs from the daemon: the ledger it shares with the scheduler, the live configuration,
/// a clock, and ways to wake the scheduler.
package struct WebDependencies: Sendable {
    package var state: WebState
    package var ledger: Ledger
    package var settings: HTTPSettings
    package var now: @Sendable () -> Date
    /// Wakes the scheduler after an acknowledgement was recorded, so the receipt email leaves at once instead of at
    /// the next pass (receipts only: nothing is planned again).
    package var acknowledged: @Sendable () async -> Void
    /// Wakes the scheduler for a whole pass now: the dashboard queued a failed delivery again or re-enabled a webhook
    /// endpoint, and a receipts-only wake would leave those waiting until the next planned pass.
    package var deliveriesQueued: @Sendable () async -> Void
    /// Where the routes count what they answer (the daemon's ``Telemetry/shared``).
    package var telemetry: Telemetry

    package init(
        state: WebState, ledger: Ledger, settings: HTTPSettings, now: @escaping @Sendable () -> Date = { Date() },
        acknowledged: @escaping @Sendable () async -> Void = {},
        deliveriesQueued: @escaping @Sendable () async -> Void = {}, telemetry: Telemetry = Telemetry()
    ) {
        self.telemetry = telemetry
        self.state = state
        self.ledger = ledger
        self.settings = settings
        self.now = now
        self.acknowledged = acknowledged
        self.deliveriesQueued = deliveriesQueued
    }
}
