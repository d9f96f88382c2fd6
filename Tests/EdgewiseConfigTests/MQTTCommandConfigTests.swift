import EdgewiseCore
import Testing

@testable import EdgewiseConfig

@Suite("Writable MQTT points: command topics of relays and actuators")
struct MQTTCommandConfigTests {
    static let relay = """
        device: fan
        protocol: mqtt
        topic: stat/fan/POWER
        points:
          power:
            type: bool
            writable: true
            command_topic: cmnd/{device}/POWER
            command_payload: '{{"state": "{value}"}}'
            payload_on: "on"
            payload_off: "off"
        """

    @Test func aRelayPointDecodesAndRulesMayWriteIt() throws {
        let fixture = ConfigFixture.with(device: "fan.yaml", Self.relay)
        let result = fixture.load()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let point = try #require(result.configuration?.device(named: "fan")?.point(named: "power"))
        #expect(point.isWritable)
        let command = try #require(point.command)
        #expect(command.topic(for: "fan") == "cmnd/fan/POWER")
        let time = Timestamp(epochMilliseconds: 0)
        #expect(command.payload(for: .boolean(true), device: "fan", point: "power", time: time) == #"{"state": "on"}"#)
        #expect(command.payload(for: .boolean(false), device: "fan", point: "power", time: time) == #"{"state": "off"}"#)
    }

    @Test func theCommandPayloadDefaultsToTheValue() throws {
        let result = ConfigFixture.with(device: "fan.yaml", """
            device: fan
            protocol: mqtt
            topic: stat/fan/POWER
            points:
              power: {type: bool, writable: true, command_topic: cmnd/fan/POWER}
              speed: {writable: true, command_topic: cmnd/fan/SPEED}
            """).load()
        let fan = try #require(result.configuration?.device(named: "fan"))
        let time = Timestamp(epochMilliseconds: 0)
        #expect(fan.point(named: "power")?.command?.payload(for: .boolean(true), device: "fan", point: "power", time: time) == "ON")
        #expect(fan.point(named: "speed")?.command?.payload(for: .number(2.5), device: "fan", point: "speed", time: time) == "2.5")
    }

    static let cases: [InvalidConfigCase] = [
        InvalidConfigCase(
            name: "a writable MQTT point without a command topic",
            device: """
                device: fan
                protocol: mqtt
                topic: stat/fan/POWER
                points:
                  power: {type: bool, writable: true}
                """,
            expected: [
                "devices/test.yaml:5:33: error: a writable MQTT point needs 'command_topic', where its commands are published\n    hint: e.g. 'command_topic: cmnd/fan/POWER' (Tasmota) or 'zigbee2mqtt/fan/set' with command_payload"
            ]),
        InvalidConfigCase(
            name: "a command topic on a point that is not writable",
            device: """
                device: fan
                protocol: mqtt
                topic: stat/fan/POWER
                points:
                  power: {type: bool, command_topic: cmnd/fan/POWER}
                """,
            expected: [
                "devices/test.yaml:5:23: error: 'command_topic' applies only to writable points\n    hint: add 'writable: true' if rules may switch this point"
            ]),
        InvalidConfigCase(
            name: "a command topic with a wildcard and a payload with an unknown placeholder",
            device: """
                device: fan
                protocol: mqtt
                topic: stat/fan/POWER
                points:
                  power: {type: bool, writable: true, command_topic: cmnd/+/POWER}
                  speed: {writable: true, command_topic: cmnd/fan/SPEED, command_payload: "{valeu}"}
                """,
            expected: [
                "devices/test.yaml:5:54: error: 'command_topic' must be a concrete topic, but 'cmnd/+/POWER' contains an MQTT wildcard ('+' or '#')",
                "devices/test.yaml:6:75: error: 'command_payload': unknown placeholder '{valeu}' in '{valeu}'\n    hint: placeholders are {device}, {point}, {time}, {value}, {device.point}; write '{{' for a literal brace",
            ]),
    ]

    @Test(arguments: cases)
    func reportsTheMistake(_ invalid: InvalidConfigCase) {
        #expect(invalid.fixture.printed == invalid.expected)
        #expect(invalid.fixture.load().configuration == nil)
    }
}
