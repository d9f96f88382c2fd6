import Testing

@Suite("Unknown keys, wrong types and missing fields")
struct SchemaErrorTests {
    static let cases: [InvalidConfigCase] = [
        InvalidConfigCase(
            name: "a misspelt key in a point suggests the right one",
            device: """
                device: x
                protocol: mqtt
                topic: a
                points:
                  t: {json: "$.t", thresold: [{above: 3}]}
                """,
            expected: ["devices/test.yaml:5:20: error: unknown key 'thresold' in point 't' of device 'x'\n    hint: did you mean 'thresholds'?"]),
        InvalidConfigCase(
            name: "a misspelt key at the top of gateway.yaml",
            gateway: """
                gateway: {id: g}
                local_broker: {url: "mqtt://h"}
                stauts: {listen: "127.0.0.1:1"}
                """,
            expected: ["gateway.yaml:3:1: error: unknown key 'stauts' in gateway.yaml\n    hint: did you mean 'status'?"]),
        InvalidConfigCase(
            name: "a key that belongs to another protocol",
            device: """
                device: x
                protocol: modbus-rtu
                host: 10.0.0.2
                serial: {port: /dev/ttyUSB0}
                points:
                  t: {holding: 1}
                """,
            expected: [
                "devices/test.yaml:3:1: error: 'host' is for 'protocol: modbus-tcp', but this device uses modbus-rtu\n    hint: set the serial port under 'serial: {port: /dev/ttyUSB0}'"
            ]),
        InvalidConfigCase(
            name: "text where a number belongs",
            device: """
                device: x
                protocol: modbus-tcp
                host: h
                port: fivehundred
                points:
                  t: {holding: 1, scale: ten}
                """,
            expected: [
                "devices/test.yaml:4:7: error: 'port' must be a whole number, but is 'fivehundred'",
                "devices/test.yaml:6:26: error: 'scale' must be a number, but is 'ten'",
            ]),
        InvalidConfigCase(
            name: "a number out of range",
            device: """
                device: x
                protocol: modbus-tcp
                host: h
                unit_id: 300
                points:
                  t: {holding: 70000}
                """,
            expected: [
                "devices/test.yaml:4:10: error: 'unit_id' must be between 0 and 255, but is 300",
                "devices/test.yaml:6:16: error: 'holding' must be between 0 and 65535, but is 70000",
            ]),
        InvalidConfigCase(
            name: "a list where a mapping belongs, and a word outside a fixed set",
            gateway: """
                gateway: {id: g}
                local_broker: [mqtt://h]
                logging: {level: verbose}
                """,
            expected: [
                "gateway.yaml:2:15: error: 'local_broker' must be a mapping of keys to values, but is a list",
                "gateway.yaml:3:18: error: 'level' must be one of 'trace', 'debug', 'info', 'notice', 'warning', 'error', 'critical', but is 'verbose'",
            ]),
        InvalidConfigCase(
            name: "missing required keys are reported where the mapping starts",
            gateway: """
                gateway: {}
                status: {listen: "127.0.0.1:8080"}
                """,
            expected: [
                "gateway.yaml:1:1: error: gateway.yaml is missing required key 'local_broker'\n    hint: add 'local_broker: {url: \"mqtt://127.0.0.1:1883\"}'",
                "gateway.yaml:1:10: error: 'gateway' is missing required key 'id'",
            ]),
        InvalidConfigCase(
            name: "a device without protocol, and a point without an address",
            device: """
                device: x
                points:
                  t: {json: "$.t"}
                """,
            expected: ["devices/test.yaml:1:1: error: device 'x' is missing required key 'protocol'\n    hint: one of: mqtt, modbus-tcp, modbus-rtu"]),
        InvalidConfigCase(
            name: "a Modbus point with no register table",
            device: """
                device: x
                protocol: modbus-tcp
                host: h
                points:
                  t: {type: int16}
                """,
            expected: [
                "devices/test.yaml:5:6: error: point 't' of device 'x' has no register address\n    hint: give exactly one of coil, discrete_input, input, holding with the 0-based address, e.g. 'holding: 100'"
            ]),
        InvalidConfigCase(
            name: "an unknown protocol suggests the nearest",
            device: """
                device: x
                protocol: modbus
                points:
                  t: {holding: 1}
                """,
            expected: ["devices/test.yaml:2:11: error: unknown protocol 'modbus' for device 'x'\n    hint: one of: mqtt, modbus-tcp, modbus-rtu"]),
        InvalidConfigCase(
            name: "a key with no value",
            gateway: """
                gateway:
                  id:
                local_broker: {url: "mqtt://h"}
                """,
            expected: ["gateway.yaml:2:3: error: 'id' in 'gateway' has no value"]),
        InvalidConfigCase(
            name: "a type that does not fit its register table",
            device: """
                device: x
                protocol: modbus-tcp
                host: h
                points:
                  a: {coil: 1, type: float32}
                  b: {holding: 2, type: string}
                  c: {holding: 3, type: int16, bit: 4}
                """,
            expected: [
                "devices/test.yaml:5:22: error: coils hold single bits, so the type must be bool, not float32",
                "devices/test.yaml:6:25: error: a string point needs 'length', the number of registers it spans\n    hint: each register holds two characters, e.g. 'length: 8' for 16 characters",
                "devices/test.yaml:7:37: error: 'bit' needs 'type: bool', but the point's type is int16",
            ]),
        InvalidConfigCase(
            name: "numeric settings on a boolean point",
            device: """
                device: x
                protocol: mqtt
                topic: a
                points:
                  door: {json: "$.d", type: bool, unit: degC}
                """,
            expected: ["devices/test.yaml:5:41: error: 'unit' applies only to numeric points, but this point is a boolean"]),
    ]

    @Test(arguments: cases)
    func reportsSchemaError(_ invalid: InvalidConfigCase) {
        #expect(invalid.fixture.printed == invalid.expected)
        #expect(invalid.fixture.load().configuration == nil)
    }
}

@Suite("Mistakes in MQTT device files")
struct MQTTDeviceErrorTests {
    static let cases: [InvalidConfigCase] = [
        InvalidConfigCase(
            name: "a template name without a capturing topic, and the reverse",
            device: """
                device: "{device}"
                protocol: mqtt
                topic: home/kitchen
                points:
                  t: {json: "$.t"}
                """,
            expected: ["devices/test.yaml:1:9: error: the device name contains {device}, but the topic does not capture it\n    hint: e.g. 'topic: sensors/{device}/climate'"]),
        InvalidConfigCase(
            name: "convert_to between different quantities",
            device: """
                device: x
                protocol: mqtt
                topic: a
                points:
                  t: {json: "$.t", unit: degC, convert_to: kPa}
                """,
            expected: ["devices/test.yaml:5:44: error: cannot convert temperature in degC to pressure in kPa\n    hint: convert_to needs a unit of the same quantity as 'unit'"]),
        InvalidConfigCase(
            name: "a wildcard in the middle of a topic",
            device: """
                device: x
                protocol: mqtt
                topic: home/#/air
                points:
                  t: {json: "$.t"}
                """,
            expected: ["devices/test.yaml:3:8: error: 'topic': topic 'home/#/air' uses '#' before the last level\n    hint: '#' matches everything below it, so it must come last, e.g. 'sensors/#'"]),
        InvalidConfigCase(
            name: "TLS files on a plain connection",
            gateway: """
                gateway: {id: g}
                local_broker: {url: "mqtt://h", ca_file: /ca.pem}
                """,
            expected: ["gateway.yaml:2:33: error: 'ca_file' applies only to TLS connections, but the URL is mqtt://\n    hint: use an mqtts:// URL for TLS"]),
    ]

    @Test(arguments: cases)
    func reportsMQTTDeviceError(_ invalid: InvalidConfigCase) {
        #expect(invalid.fixture.printed == invalid.expected)
    }
}
