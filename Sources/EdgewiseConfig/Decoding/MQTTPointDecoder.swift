import EdgewiseCore

/// A point of an MQTT device: `{json: "$.temp", unit: degC, valid: [-40, 85]}`.
enum MQTTPointDecoder {
    enum PayloadType: String, CaseIterable {
        case number, bool, string
    }

    /// - Parameter key: the point's name as written under `points:`.
    static func decode(_ point: ConfigMapping, named key: ConfigNode) -> PointConfig? {
        let name = key.scalarText ?? ""
        let errorsBefore = point.diagnostics.errorCount
        let path = point.optional("json")?.parsed(PayloadPath.parse)
        let typeNode = point.optional("type")
        let type = typeNode.map { $0.choice(PayloadType.self) } ?? .number
        let kind: ValueKind? = switch type {
        case .number?: .number
        case .bool?: .boolean
        case .string?: .string
        case nil: nil
        }
        let writableNode = point.optional("writable")
        let writable = writableNode?.boolean() ?? false
        let command = command(point, writable: writable, writableNode: writableNode)
        guard let kind else { return nil }
        let values = PointValueSettings(point, kind: kind)
        guard point.diagnostics.errorCount == errorsBefore else { return nil }
        return PointConfig(
            name: name, location: key.location, source: .mqtt(json: path, kind: kind), unit: values.unit, scale: values.scale,
            offset: values.offset, validRange: values.validRange, thresholds: values.thresholds, isWritable: writable && command != nil,
            convertTo: values.convertTo, decimals: values.decimals, deadband: values.deadband, minimumInterval: values.minimumInterval, command: command
        )
    }

    /// `command_topic`, `command_payload`, `payload_on`, `payload_off`, `command_retain`: how a
    /// writable point is written. `writable: true` needs `command_topic`, and the other way round.
    static func command(_ point: ConfigMapping, writable: Bool, writableNode: ConfigNode?) -> MQTTCommand? {
        let topicNode = point.optional("command_topic")
        let payload = point.optional("command_payload")?.parsed { text throws(QuantitySyntaxError) in
            try PayloadTemplate.parse(text, allowed: MQTTCommand.placeholders)
        }
        let payloadOn = point.optional("payload_on")?.nonEmptyString()
        let payloadOff = point.optional("payload_off")?.nonEmptyString()
        let retain = point.optional("command_retain")?.boolean() ?? false
        let commandKeys = ["command_topic", "command_payload", "payload_on", "payload_off", "command_retain"].filter { point.contains($0) }
        guard writable else {
            if let first = commandKeys.first, let location = point.keyLocation(first) {
                point.diagnostics.error(at: location, "'\(first)' applies only to writable points", hint: "add 'writable: true' if rules may switch this point")
            }
            return nil
        }
        guard let topicNode else {
            point.diagnostics.error(at: writableNode?.location ?? point.location, "a writable MQTT point needs 'command_topic', where its commands are published",
                                    hint: "e.g. 'command_topic: cmnd/fan/POWER' (Tasmota) or 'zigbee2mqtt/fan/set' with command_payload")
            return nil
        }
        guard let topic = topicNode.nonEmptyString() else { return nil }
        if topic.contains("+") || topic.contains("#") {
            topicNode.error("'command_topic' must be a concrete topic, but '\(topic)' contains an MQTT wildcard ('+' or '#')")
            return nil
        }
        let withoutDevice = topic.split(separator: "{device}", omittingEmptySubsequences: false).joined()
        if withoutDevice.contains("{") || withoutDevice.contains("}") {
            topicNode.error("'command_topic' may use only the placeholder {device}, but is '\(topic)'")
            return nil
        }
        let template = payload ?? (try? PayloadTemplate.parse("{value}", allowed: MQTTCommand.placeholders))
        guard let template else { return nil }
        return MQTTCommand(topic: topic, payload: template, payloadOn: payloadOn ?? "ON", payloadOff: payloadOff ?? "OFF", retain: retain)
    }
}
