public import Hummingbird
public import NIOCore

/// The request context of nhacviec's routes: only what they need, the peer the connection came from.
public struct WebRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The TCP peer (the reverse proxy, when there is one); nil on a Unix socket or in router tests.
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// Bodies are read with an explicit limit by the routes that take one.
    public var maxUploadSize: Int { AcknowledgementController.maximumBody }
}
