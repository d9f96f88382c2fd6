import EdgewiseCore

/// The MQTT-specific keys of a device file (`topic`).
enum MQTTDeviceDecoder {
    static func connection(_ file: ConfigMapping) -> DeviceConnection? {
        guard let topicNode = file.required("topic", hint: "the topic the device publishes to, e.g. 'sensors/greenhouse/air'"),
              let topic = topicNode.nonEmptyString()
        else { return nil }
        if let problem = TopicFilter.problem(in: topic) {
            topicNode.error("'topic' \(problem.message)", hint: problem.hint)
            return nil
        }
        return .mqtt(MQTTDeviceSettings(topic: topic))
    }
}

/// Checks MQTT topic filters: `+` must fill a whole level, `#` must be the last level.
enum TopicFilter {
    static func problem(in topic: String) -> QuantitySyntaxError? {
        let levels = topic.split(separator: "/", omittingEmptySubsequences: false)
        for (index, level) in levels.enumerated() {
            if level.contains("#"), level != "#" || index != levels.count - 1 {
                return QuantitySyntaxError("'\(topic)' uses '#' other than as the whole last level", hint: "e.g. 'sensors/#'")
            }
            if level.contains("+"), level != "+" {
                return QuantitySyntaxError("'\(topic)' uses '+' inside a level", hint: "'+' must be a whole level, e.g. 'sensors/+/air'")
            }
        }
        if topic.contains(" ") || topic.contains("\u{0}") {
            return QuantitySyntaxError("'\(topic)' contains a space or a NUL character")
        }
        return nil
    }
}
