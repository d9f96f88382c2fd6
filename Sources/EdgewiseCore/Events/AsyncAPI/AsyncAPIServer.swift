/// The `servers` entry of the AsyncAPI document: the upstream MQTT broker of `gateway.yaml`, or,
/// when there is none, a placeholder whose host is a server variable to fill in.
enum AsyncAPIServer {
    /// The key of the one server, referenced by every channel as `#/servers/upstream`.
    static let key = "upstream"
    /// The version of the MQTT bindings used (AsyncAPI's `bindingVersion`).
    static let mqttBindingVersion = "0.2.0"

    /// The server object for `gateway`.
    static func json(for gateway: GatewayConfig) -> JSONValue {
        var server = JSONObject()
        guard let upstream = gateway.upstream else {
            server.append(key: "host", value: "{host}")
            server.append(key: "protocol", value: "mqtt")
            server.append(key: "title", value: "Upstream broker (not configured)")
            server.append(key: "description", value: .string(
                "gateway.yaml has no 'upstream:' section, so this gateway forwards no events. With one, its 'url' is this server "
                    + "and its 'topic' (default \(TopicTemplate.default)) the channel addresses below."))
            server.append(key: "variables", value: [
                "host": ["description": "The upstream broker's HOST:PORT, from upstream.url in gateway.yaml.", "examples": ["broker.example.com:8883"]]
            ])
            return .object(server)
        }
        let broker = upstream.broker
        let address = HostAndPort(host: broker.url.host, port: broker.url.port)
        server.append(key: "host", value: .string(address.description))
        server.append(key: "protocol", value: broker.url.usesTLS ? "secure-mqtt" : "mqtt")
        server.append(key: "protocolVersion", value: .string(broker.protocolVersion.rawValue))
        server.append(key: "title", value: "Upstream broker")
        server.append(key: "description", value: .string(
            "The broker upstream.url in gateway.yaml names (\(broker.url)). The gateway connects to it and publishes each event "
                + "once it is stored in the durable buffer, with QoS 1; events that waited out an outage follow in order."))
        let clientID = broker.clientID ?? "edgewise-\(gateway.id)-upstream"
        server.append(key: "bindings", value: [
            "mqtt": [
                "clientId": .string(clientID), "keepAlive": .number(Double(broker.keepAlive.components.seconds)),
                "bindingVersion": .string(mqttBindingVersion),
            ]
        ])
        return .object(server)
    }
}
