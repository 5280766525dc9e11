package import Hummingbird
package import NIOCore

/// The request context of nhacviec's routes: only what they need, the peer the connection came from.
package struct WebRequestContext: RequestContext, RemoteAddressRequestContext {
    package var coreContext: CoreRequestContextStorage
    /// The TCP peer (the reverse proxy, when there is one); nil on a Unix socket or in router tests.
    package let remoteAddress: SocketAddress?

    package init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// Bodies are read with an explicit limit by the routes that take one.
    package var maxUploadSize: Int { AcknowledgementController.maximumBody }
}
