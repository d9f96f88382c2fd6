import EdgewiseCore

extension StatusServer {
    /// Where the server listens, who may ask, and the limits that keep it from costing the gateway
    /// more than a little memory, whatever its clients do.
    public struct Configuration: Sendable {
        /// `status.listen`.
        public var listen: HostAndPort
        /// `status.token_file`: when set, every request must carry `Authorization: Bearer TOKEN`
        /// with the token in this file. Required when `listen` is not a loopback address.
        public var tokenFile: String?
        /// A connection that has sent no complete request part for this long is closed: a client
        /// that connects and sends nothing, or trickles its headers, holds a connection no longer
        /// than this. A response in progress is not cut.
        public var idleTimeout: Duration
        /// Connections open at once; beyond that the server stops accepting (new ones wait in the
        /// listen backlog) until one closes.
        public var maxConnections: Int
        /// How long the ``StatusSource`` may take to answer one request before the request is
        /// answered with 503.
        public var sourceTimeout: Duration
        /// How often an idle `/events` stream gets a keep-alive comment, so that proxies keep it
        /// open and a client that has gone away is noticed.
        public var eventsKeepAlive: Duration
        /// How long one `/status` answer is given again to further requests (``StatusAnswerCache``);
        /// `.zero` makes a new one for every request that does not come while one is being made.
        public var statusMaxAge: Duration
        /// Limits on a request's headers: the largest single header field, all of them together,
        /// and their number. A request beyond them gets 400 and the connection is closed.
        public var maxHeaderFieldSize: Int
        public var maxHeaderListSize: Int
        public var maxHeaderFieldCount: Int

        public init(
            listen: HostAndPort = HostAndPort(host: "127.0.0.1", port: 8080), tokenFile: String? = nil,
            idleTimeout: Duration = .seconds(15), maxConnections: Int = 32, sourceTimeout: Duration = .seconds(5),
            eventsKeepAlive: Duration = .seconds(15), maxHeaderFieldSize: Int = 8 * 1_024, maxHeaderListSize: Int = 16 * 1_024, maxHeaderFieldCount: Int = 64,
            statusMaxAge: Duration = .milliseconds(500)
        ) {
            precondition(maxConnections > 0, "maxConnections must be positive")
            precondition(idleTimeout > .zero && sourceTimeout > .zero && eventsKeepAlive > .zero, "intervals must be positive")
            self.listen = listen
            self.tokenFile = tokenFile
            self.idleTimeout = idleTimeout
            self.maxConnections = maxConnections
            self.sourceTimeout = sourceTimeout
            self.eventsKeepAlive = eventsKeepAlive
            self.statusMaxAge = statusMaxAge
            self.maxHeaderFieldSize = maxHeaderFieldSize
            self.maxHeaderListSize = maxHeaderListSize
            self.maxHeaderFieldCount = maxHeaderFieldCount
        }

        /// The `status:` section of gateway.yaml, with the default limits.
        public init(_ status: StatusConfig) {
            self.init(listen: status.listen, tokenFile: status.tokenFile)
        }
    }
}
