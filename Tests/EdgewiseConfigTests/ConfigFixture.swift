import EdgewiseConfig
import EdgewiseCore

/// An in-memory config directory for validation tests: a valid gateway.yaml, a valid example
/// device pair and rule, each replaceable, so a test changes only what it is about.
struct ConfigFixture {
    static let gateway = """
        gateway:
          id: gh-01
        local_broker:
          url: "mqtt://127.0.0.1:1883"
        """

    static let air = """
        device: air
        protocol: mqtt
        topic: sensors/air
        points:
          temperature: {json: "$.temp", unit: degC}
          humidity: {json: "$.hum", unit: percent}
          door_open: {json: "$.door", type: bool}
        """

    static let hvac = """
        device: hvac
        protocol: modbus-tcp
        host: 127.0.0.1
        points:
          supply_temp: {holding: 100, type: int16, scale: 0.1, unit: degC}
          setpoint: {holding: 101, type: int16, writable: true}
          alarm: {discrete_input: 0}
          cooling: {coil: 0, writable: true}
        """

    static let rules = """
        rules:
          - name: cool
            when: air.temperature > 26
            then: [{write: hvac.cooling = on}]
        """

    var gateway: String? = ConfigFixture.gateway
    var devices: [String: String] = ["air.yaml": ConfigFixture.air, "hvac.yaml": ConfigFixture.hvac]
    var rules: [String: String] = ["cool.yaml": ConfigFixture.rules]

    func load() -> ConfigLoader.Result {
        ConfigLoader.load(ConfigLoader.ConfigFiles(
            gateway: gateway.map { ("gateway.yaml", $0) },
            devices: devices.sorted { $0.key < $1.key }.map { ("devices/\($0.key)", $0.value) },
            rules: rules.sorted { $0.key < $1.key }.map { ("rules/\($0.key)", $0.value) }
        ))
    }

    /// Every diagnostic, rendered as `edgewise check` prints it.
    var printed: [String] { load().diagnostics.map(\.description) }

    static func with(gateway: String) -> ConfigFixture { ConfigFixture(gateway: gateway) }
    static func with(device file: String = "test.yaml", _ text: String) -> ConfigFixture {
        var fixture = ConfigFixture()
        fixture.devices[file] = text
        return fixture
    }
    static func with(rules text: String) -> ConfigFixture {
        var fixture = ConfigFixture()
        fixture.rules["cool.yaml"] = text
        return fixture
    }
}
