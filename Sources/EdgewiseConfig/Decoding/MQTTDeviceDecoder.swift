import EdgewiseCore

/// The MQTT-specific keys of a device file: `topic`, `timestamp`, `message_id`.
enum MQTTDeviceDecoder {
    static func connection(_ file: ConfigMapping) -> DeviceConnection? {
        let errorsBefore = file.diagnostics.errorCount
        let topic = file.required("topic", hint: "the topic the device publishes to, e.g. 'sensors/greenhouse/air'")?.parsed(TopicPattern.parse)
        let timestamp = file.optional("timestamp").flatMap(timestamp)
        let messageID = file.optional("message_id")?.parsed(PayloadPath.parse)
        guard let topic, file.diagnostics.errorCount == errorsBefore else { return nil }
        return .mqtt(MQTTDeviceSettings(topic: topic, timestamp: timestamp, messageID: messageID))
    }

    /// `timestamp: "$.ts"` or `timestamp: {json: "$.ts", format: epoch_ms}`.
    static func timestamp(_ node: ConfigNode) -> PayloadTimestamp? {
        if node.scalarText != nil {
            return node.parsed(PayloadPath.parse).map { PayloadTimestamp(path: $0) }
        }
        guard let mapping = node.mapping(context: "'timestamp'") else { return nil }
        defer { mapping.reportUnknownKeys() }
        let path = mapping.required("json", hint: "e.g. json: \"$.ts\"")?.parsed(PayloadPath.parse)
        let format = mapping.optional("format")?.choice(PayloadTimestamp.Format.self)
        return path.map { PayloadTimestamp(path: $0, format: format ?? .auto) }
    }

    /// Checks that a template name (`{device}`, `room-{device}`) goes with a topic that captures
    /// `{device}`, and the other way round; returns the `instances` listed, if any.
    static func checkTemplate(_ file: ConfigMapping, name: String, nameNode: ConfigNode, connection: DeviceConnection?) -> [String]? {
        guard case .mqtt(let settings)? = connection else { return nil }
        let instancesNode = file.optional("instances")
        if name.contains("{device}") != settings.topic.capturesDevice {
            if settings.topic.capturesDevice {
                nameNode.error("the topic captures {device}, so the device name must contain {device}", hint: "e.g. 'device: \"{device}\"' or 'device: room-{device}'")
            } else {
                nameNode.error("the device name contains {device}, but the topic does not capture it", hint: "e.g. 'topic: sensors/{device}/climate'")
            }
            return nil
        }
        guard let instancesNode else { return nil }
        guard name.contains("{device}") else {
            instancesNode.error("'instances' applies only to template devices, whose name contains {device}")
            return nil
        }
        var instances: [String] = []
        for entry in instancesNode.sequence() ?? [] {
            guard let instance = entry.nonEmptyString() else { continue }
            let full = name.replacingPlaceholderInConfig("{device}", with: instance)
            if !Names.isValidIdentifier(full) || instance.contains("/") {
                entry.error("instance '\(instance)' makes the device name '\(full)', which may contain only letters, digits, '_' and '-'")
            } else if instances.contains(instance) {
                entry.error("instance '\(instance)' is listed twice")
            } else {
                instances.append(instance)
            }
        }
        return instances
    }
}

extension String {
    func replacingPlaceholderInConfig(_ placeholder: String, with value: String) -> String {
        split(separator: placeholder, omittingEmptySubsequences: false).joined(separator: value)
    }
}
