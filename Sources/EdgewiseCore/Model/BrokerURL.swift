/// An MQTT broker address written as a URL: `mqtt://127.0.0.1:1883` or `mqtts://cloud.example.com`.
public struct BrokerURL: Hashable, Sendable, CustomStringConvertible {
    public var usesTLS: Bool
    public var host: String
    public var port: Int

    public init(usesTLS: Bool, host: String, port: Int) {
        self.usesTLS = usesTLS
        self.host = host
        self.port = port
    }

    /// Parses `mqtt://HOST[:PORT]` or `mqtts://HOST[:PORT]`; IPv6 hosts go in brackets.
    ///
    /// - Throws: `QuantitySyntaxError` saying which part is wrong.
    public static func parse(_ text: String) throws(QuantitySyntaxError) -> BrokerURL {
        let schemes = [("mqtt://", false, 1883), ("mqtts://", true, 8883)]
        guard let (prefix, tls, defaultPort) = schemes.first(where: { text.hasPrefix($0.0) }) else {
            throw QuantitySyntaxError("'\(text)' is not an MQTT URL", hint: "write 'mqtt://HOST:PORT', or 'mqtts://HOST:PORT' for TLS")
        }
        let rest = String(text.dropFirst(prefix.count))
        if rest.contains("/") || rest.contains("@") {
            throw QuantitySyntaxError("MQTT URL '\(text)' may hold only a host and a port", hint: "give credentials with 'username' and 'password_file'")
        }
        let address = try HostAndPort.parse(rest, defaultPort: defaultPort)
        return BrokerURL(usesTLS: tls, host: address.host, port: address.port)
    }

    public var description: String {
        "\(usesTLS ? "mqtts" : "mqtt")://\(HostAndPort(host: host, port: port))"
    }
}
