/// Finds the devices an incoming MQTT topic belongs to.
///
/// Exact topics (most devices) are looked up in a dictionary; patterns with wildcards or captures
/// are tried in file order. A topic may belong to several devices; each decodes the message.
public struct TopicRouter: Sendable {
    /// A device the topic matched, with what the topic captured.
    public struct Route: Sendable {
        public var decoder: Int
        public var match: TopicPattern.Match
    }

    public let decoders: [MQTTPayloadDecoder]
    let exact: [String: [Int]]
    let patterned: [(pattern: TopicPattern, decoder: Int)]

    /// Routes for the MQTT devices among `devices`.
    public init(devices: [DeviceConfig]) {
        var decoders: [MQTTPayloadDecoder] = []
        var exact: [String: [Int]] = [:]
        var patterned: [(TopicPattern, Int)] = []
        for device in devices {
            guard case .mqtt(let settings) = device.connection else { continue }
            let index = decoders.count
            decoders.append(MQTTPayloadDecoder(device: device))
            if settings.topic.levels.allSatisfy({ if case .literal = $0 { true } else { false } }) {
                exact[settings.topic.text, default: []].append(index)
            } else {
                patterned.append((settings.topic, index))
            }
        }
        self.decoders = decoders
        self.exact = exact
        self.patterned = patterned
    }

    /// The distinct topic filters to subscribe to.
    public var subscriptionFilters: [String] {
        var seen = Set<String>()
        return decoders.compactMap { decoder -> String? in
            guard case .mqtt(let settings) = decoder.device.connection else { return nil }
            return seen.insert(settings.topic.subscriptionFilter).inserted ? settings.topic.subscriptionFilter : nil
        }
    }

    /// Every device `topic` belongs to.
    public func routes(for topic: String) -> [Route] {
        var routes = exact[topic]?.map { Route(decoder: $0, match: TopicPattern.Match()) } ?? []
        for (pattern, decoder) in patterned {
            if let match = pattern.match(topic) { routes.append(Route(decoder: decoder, match: match)) }
        }
        return routes
    }
}
