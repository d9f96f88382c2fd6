/// The `status:` section of `gateway.yaml`: the local HTTP status endpoint.
public struct StatusConfig: Sendable {
    /// `listen`: `HOST:PORT` (default `127.0.0.1:8080`, loopback only).
    public var listen: HostAndPort
    /// `token_file`: the bearer token required when `listen` is not a loopback address.
    public var tokenFile: String?

    public init(listen: HostAndPort = HostAndPort(host: "127.0.0.1", port: 8080), tokenFile: String? = nil) {
        self.listen = listen
        self.tokenFile = tokenFile
    }
}
