import Testing

@testable import EdgewiseCore

@Suite("MQTT topic patterns with wildcards and captures")
struct TopicPatternTests {
    @Test("matches as MQTT topic filters do", arguments: [
        ("sensors/air", "sensors/air", true), ("sensors/air", "sensors/air/x", false), ("sensors/+/air", "sensors/gh/air", true),
        ("sensors/+/air", "sensors/gh/x/air", false), ("sensors/#", "sensors/a/b/c", true), ("sensors/#", "sensors", true),
        ("#", "anything/at/all", true), ("+/air", "$SYS/air", false), ("#", "$SYS/broker/load", false),
        ("$SYS/#", "$SYS/broker/load", true), ("sensors/+", "sensors/", true), ("a/b", "a/c", false),
    ])
    func matchesTopic(pattern: String, topic: String, matches: Bool) throws {
        #expect(try (TopicPattern.parse(pattern).match(topic) != nil) == matches)
    }

    @Test func capturesDeviceAndPoint() throws {
        let pattern = try TopicPattern.parse("sensors/{device}/{point}")
        #expect(pattern.subscriptionFilter == "sensors/+/+")
        #expect(pattern.match("sensors/kitchen/temperature") == TopicPattern.Match(device: "kitchen", point: "temperature"))
        #expect(pattern.match("sensors//temperature") == nil)
        #expect(pattern.match("sensors/kitchen") == nil)
    }

    @Test func fixingTheDeviceMakesAConcreteTopic() throws {
        let pattern = try TopicPattern.parse("sensors/{device}/{point}").fixingDevice("bath")
        #expect(pattern.text == "sensors/bath/{point}")
        #expect(pattern.subscriptionFilter == "sensors/bath/+")
        #expect(pattern.match("sensors/bath/humidity") == TopicPattern.Match(device: nil, point: "humidity"))
        #expect(pattern.match("sensors/kitchen/humidity") == nil)
    }

    @Test("rejects malformed patterns", arguments: [
        ("sensors/#/air", "topic 'sensors/#/air' uses '#' before the last level"),
        ("sensors/a+/air", "topic 'sensors/a+/air' uses a wildcard inside a level"),
        ("sensors/{room}", "topic 'sensors/{room}' has an unknown placeholder '{room}'"),
        ("{device}/{device}", "topic '{device}/{device}' uses {device} twice"),
        ("", "the topic is empty"), ("a b", "topic 'a b' contains a space or a NUL character"),
    ])
    func rejectsPattern(text: String, message: String) {
        #expect { try TopicPattern.parse(text) } throws: { ($0 as? QuantitySyntaxError)?.message == message }
    }
}
