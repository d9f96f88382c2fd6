import EdgewiseCore

/// Decodes `gateway.yaml` into a `GatewayConfig`, recording every problem it finds.
enum GatewayFileDecoder {
    static func decode(_ root: ConfigNode) -> GatewayConfig? {
        guard let file = root.mapping(context: "gateway.yaml") else { return nil }
        defer { file.reportUnknownKeys() }

        var id: String?
        var timeZone: String?
        var stateDirectory: String?
        if let section = file.required("gateway", hint: "add 'gateway: {id: NAME}'")?.mapping(context: "'gateway'") {
            id = section.required("id")?.nonEmptyString()
            if let given = id, !Names.isValidIdentifier(given) {
                section.optional("id")?.error("gateway id '\(given)' may contain only letters, digits, '_' and '-'")
                id = nil
            }
            timeZone = section.optional("timezone")?.nonEmptyString()
            if let given = timeZone, RuleTimeZone.iana(given) == nil {
                section.optional("timezone")?.error("unknown time zone '\(given)'",
                                                     hint: "use an IANA name such as Europe/Amsterdam (see /usr/share/zoneinfo), or leave it out for the system's")
                timeZone = nil
            }
            stateDirectory = section.optional("state_dir")?.nonEmptyString()
            section.reportUnknownKeys()
        }
        let localBroker = file.required("local_broker", hint: "add 'local_broker: {url: \"mqtt://127.0.0.1:1883\"}'")
            .flatMap { broker($0, context: "'local_broker'") }
        let upstream = file.optional("upstream").flatMap(upstream)
        let buffer = file.optional("buffer").map(buffer) ?? BufferConfig()
        let status = file.optional("status").map(status) ?? StatusConfig()
        let logging = file.optional("logging").map(logging) ?? LoggingConfig()

        guard let id, let localBroker, let buffer, let status, let logging else { return nil }
        return GatewayConfig(id: id, timeZone: timeZone, stateDirectory: stateDirectory ?? "/var/lib/edgewise", localBroker: localBroker, upstream: upstream, buffer: buffer, status: status, logging: logging)
    }

    /// The keys shared by `local_broker` and `upstream`; `upstream` adds `topic`.
    static func broker(_ node: ConfigNode, context: String, extra: ((ConfigMapping) -> Void)? = nil) -> BrokerConfig? {
        guard let section = node.mapping(context: context) else { return nil }
        defer { section.reportUnknownKeys() }
        extra?(section)
        let url = section.required("url", hint: "e.g. url: \"mqtt://127.0.0.1:1883\"")?.parsed(BrokerURL.parse)
        let clientID = section.optional("client_id")?.nonEmptyString()
        let username = section.optional("username")?.nonEmptyString()
        let passwordFile = section.optional("password_file")?.nonEmptyString()
        let keepAlive = section.optional("keepalive")?.duration(atLeast: .seconds(1))
        let version = section.optional("protocol_version")?.choice(MQTTProtocolVersion.self)
        let caFile = section.optional("ca_file")?.nonEmptyString()
        let certFile = section.optional("cert_file")?.nonEmptyString()
        let keyFile = section.optional("key_file")?.nonEmptyString()
        if passwordFile != nil, username == nil, let key = section.keyLocation("password_file") {
            section.diagnostics.error(at: key, "'password_file' in \(context) needs a 'username' too")
        }
        if (certFile == nil) != (keyFile == nil), let key = section.keyLocation(certFile == nil ? "key_file" : "cert_file") {
            section.diagnostics.error(at: key, "a client certificate needs both 'cert_file' and 'key_file'")
        }
        if let url, !url.usesTLS {
            for key in ["ca_file", "cert_file", "key_file"] {
                if let location = section.keyLocation(key) {
                    section.diagnostics.error(at: location, "'\(key)' applies only to TLS connections, but the URL is mqtt://",
                                              hint: "use an mqtts:// URL for TLS")
                }
            }
        }
        guard let url else { return nil }
        return BrokerConfig(
            url: url, clientID: clientID, username: username, passwordFile: passwordFile, keepAlive: keepAlive ?? .seconds(30),
            protocolVersion: version ?? .v311, caFile: caFile, certFile: certFile, keyFile: keyFile
        )
    }

    static func upstream(_ node: ConfigNode) -> UpstreamConfig? {
        var topic: TopicTemplate?
        var events: Set<String>?
        var maxRate: Double?
        var batch: UpstreamBatchConfig?
        var contentMode: CloudEventsContentMode?
        var contentModeNode: ConfigNode?
        let broker = broker(node, context: "'upstream'") { section in
            batch = section.optional("batch").flatMap(upstreamBatch)
            contentModeNode = section.optional("cloudevents")
            contentMode = contentModeNode?.choice(CloudEventsContentMode.self)
            topic = section.optional("topic")?.parsed(TopicTemplate.parse)
            if let list = section.optional("events") {
                var names: Set<String> = []
                for entry in list.sequence() ?? [] {
                    guard let name = entry.nonEmptyString() else { continue }
                    if Names.isValidEventName(name) {
                        names.insert(name)
                    } else {
                        entry.error("'\(name)' is not an event name", hint: "event names are UpperCamelCase, e.g. ThresholdCrossed or DeviceOffline")
                    }
                }
                events = names
            }
            if let rateNode = section.optional("max_rate"), let rate = rateNode.number() {
                if rate > 0 {
                    maxRate = rate
                } else {
                    rateNode.error("'max_rate' must be more than 0 events per second, but is \(rate)", hint: "leave it out for no limit")
                }
            }
        }
        guard let broker else { return nil }
        if contentMode == .binary, let contentModeNode {
            if broker.protocolVersion != .v5 {
                contentModeNode.error("'cloudevents: binary' needs MQTT 5, which carries the event's attributes as user properties",
                                      hint: "add 'protocol_version: 5' to 'upstream' (the broker must speak MQTT 5), or use 'cloudevents: structured'")
            } else if batch != nil {
                contentModeNode.error("'cloudevents: binary' sends one event per message, but 'batch' is set",
                                      hint: "a batch is always structured JSON; remove 'batch' or 'cloudevents: binary'")
            }
        }
        return UpstreamConfig(broker: broker, topic: topic ?? .default, events: events, maxRate: maxRate, batch: batch, contentMode: contentMode ?? .structured)
    }

    /// `upstream.batch`: `{max_events: N, max_delay: DURATION, topic: TEMPLATE}`, each optional.
    static func upstreamBatch(_ node: ConfigNode) -> UpstreamBatchConfig? {
        guard let section = node.mapping(context: "'upstream.batch'") else { return nil }
        defer { section.reportUnknownKeys() }
        var config = UpstreamBatchConfig()
        if let countNode = section.optional("max_events"), let count = countNode.number() {
            if count >= 1, count <= Double(UpstreamBatchConfig.maximumEvents), count == count.rounded() {
                config.maxEvents = Int(count)
            } else {
                countNode.error("'max_events' must be a whole number from 1 to \(UpstreamBatchConfig.maximumEvents), but is \(count)")
            }
        }
        if let delay = section.optional("max_delay")?.duration(atLeast: .milliseconds(1)) { config.maxDelay = delay }
        if let topicNode = section.optional("topic"), let topic = topicNode.parsed(TopicTemplate.parse) {
            if topic.text.contains("{type}") || topic.text.contains("{device}") || topic.text.contains("{point}") {
                topicNode.error("a batch topic may use only '{gateway}': one batch carries events of several types and devices",
                                hint: "e.g. topic: \"edgewise/{gateway}/batch\"; each event in the batch names its type and device")
            } else {
                config.topic = topic
            }
        }
        return config
    }

    static func buffer(_ node: ConfigNode) -> BufferConfig? {
        guard let section = node.mapping(context: "'buffer'") else { return nil }
        defer { section.reportUnknownKeys() }
        var config = BufferConfig()
        if let path = section.optional("path")?.nonEmptyString() { config.path = path }
        if let size = section.optional("max_size")?.byteSize() {
            if size.bytes < 1_000_000 {
                section.optional("max_size")?.error("'max_size' must be at least 1MB, but is \(size)")
            } else {
                config.maxSize = size
            }
        }
        if let overflow = section.optional("overflow")?.choice(BufferConfig.Overflow.self) { config.overflow = overflow }
        if let durability = section.optional("durability")?.choice(BufferConfig.Durability.self) { config.durability = durability }
        if let node = section.optional("commit_interval") {
            if config.durability == .full {
                node.error("'commit_interval' applies only to 'durability: batch'; with 'full' every commit is synced",
                           hint: "remove 'commit_interval', or use 'durability: batch'")
            } else if let interval = node.duration(atLeast: .milliseconds(1)) {
                if interval > maximumCommitInterval {
                    node.error("'commit_interval' must be at most \(DurationSyntax.format(maximumCommitInterval)), but is \(DurationSyntax.format(interval))",
                               hint: "a power cut loses up to this much of the accepted events")
                } else {
                    config.commitInterval = interval
                }
            }
        }
        return config
    }

    /// The longest `buffer.commit_interval`: a power cut may lose this much of the accepted events.
    static let maximumCommitInterval = Duration.seconds(10)

    static func status(_ node: ConfigNode) -> StatusConfig? {
        guard let section = node.mapping(context: "'status'") else { return nil }
        defer { section.reportUnknownKeys() }
        var config = StatusConfig()
        if let listen = section.optional("listen")?.parsed({ text throws(QuantitySyntaxError) in try HostAndPort.parse(text, defaultPort: nil) }) {
            config.listen = listen
        }
        config.tokenFile = section.optional("token_file")?.nonEmptyString()
        if !config.listen.isLoopback, config.tokenFile == nil, let listen = section.optional("listen") {
            listen.error("the status endpoint listens on \(config.listen), which is not a loopback address, but has no 'token_file'",
                         hint: "add 'token_file: /etc/edgewise/status.token' so that only holders of the token can read it, or listen on 127.0.0.1")
        }
        return config
    }

    static func logging(_ node: ConfigNode) -> LoggingConfig? {
        guard let section = node.mapping(context: "'logging'") else { return nil }
        defer { section.reportUnknownKeys() }
        return LoggingConfig(level: section.optional("level")?.choice(LogLevel.self) ?? .info)
    }
}
