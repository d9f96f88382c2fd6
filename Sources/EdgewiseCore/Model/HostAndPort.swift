/// A host and TCP port, as in `127.0.0.1:8080`, `[::1]:502` or `plc.local`.
public struct HostAndPort: Hashable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST[:PORT]`; without a port, `defaultPort` is used, and when that is `nil` the port is required.
    public static func parse(_ text: String, defaultPort: Int?) throws(QuantitySyntaxError) -> HostAndPort {
        var host = Substring(text)
        var portText: Substring?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else {
                throw QuantitySyntaxError("'\(text)' has an unclosed '[' around its IPv6 address")
            }
            let after = host[host.index(after: close)...]
            host = host[host.index(after: host.startIndex)..<close]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty {
                throw QuantitySyntaxError("'\(text)' is not HOST:PORT")
            }
        } else if let colon = host.lastIndex(of: ":") {
            portText = host[host.index(after: colon)...]
            host = host[..<colon]
        }
        guard !host.isEmpty, !host.contains(" ") else {
            throw QuantitySyntaxError("'\(text)' has no host", hint: "write HOST:PORT, e.g. '127.0.0.1:8080'")
        }
        guard let portText else {
            guard let defaultPort else {
                throw QuantitySyntaxError("'\(text)' has no port", hint: "write '\(text):PORT'")
            }
            return HostAndPort(host: String(host), port: defaultPort)
        }
        guard let port = Int(portText), (1...65_535).contains(port) else {
            throw QuantitySyntaxError("'\(portText)' is not a TCP port", hint: "ports are 1 to 65535")
        }
        return HostAndPort(host: String(host), port: port)
    }

    /// Whether the host is a loopback address (`127.x.x.x`, `::1` or `localhost`).
    public var isLoopback: Bool { host == "localhost" || host == "::1" || host.hasPrefix("127.") }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
