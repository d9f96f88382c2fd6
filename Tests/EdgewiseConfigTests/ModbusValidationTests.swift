import EdgewiseConfig
import EdgewiseCore
import Testing

@Suite("Modbus: overlapping points, shared units and serial lines, polling keys")
struct ModbusValidationTests {
    static let cases: [InvalidConfigCase] = [
        InvalidConfigCase(
            name: "two points sharing a register",
            device: """
                device: x
                protocol: modbus-tcp
                host: h
                points:
                  energy: {holding: 100, type: int32}
                  power: {holding: 101, type: int16}
                """,
            expected: [
                "devices/test.yaml:6:3: error: point 'power' of device 'x' overlaps point 'energy': both read holding register 101\n"
                    + "    hint: 'energy' is defined at devices/test.yaml:5:3 and covers holding registers 100–101; "
                    + "a register belongs to one value, but bool points with 'bit' may read the bits of another point's register"
            ]),
        InvalidConfigCase(
            name: "two wide points sharing several registers",
            device: """
                device: x
                protocol: modbus-tcp
                host: h
                points:
                  a: {input: 10, type: float64}
                  b: {input: 12, type: float64}
                """,
            expected: [
                "devices/test.yaml:6:3: error: point 'b' of device 'x' overlaps point 'a': both read input registers 12–13\n"
                    + "    hint: 'a' is defined at devices/test.yaml:5:3 and covers input registers 10–13; "
                    + "a register belongs to one value, but bool points with 'bit' may read the bits of another point's register"
            ]),
        InvalidConfigCase(
            name: "two bit points reading the same bit",
            device: """
                device: x
                protocol: modbus-tcp
                host: h
                points:
                  status: {holding: 5}
                  running: {holding: 5, type: bool, bit: 0}
                  started: {holding: 5, type: bool, bit: 0}
                  fault: {holding: 5, type: bool, bit: 1}
                """,
            expected: [
                "devices/test.yaml:7:3: error: point 'started' of device 'x' reads the same bit as point 'running': holding register 5, bit 0\n"
                    + "    hint: 'running' is defined at devices/test.yaml:6:3; each bit belongs to one point"
            ]),
        InvalidConfigCase(
            name: "two points on one coil",
            device: """
                device: x
                protocol: modbus-tcp
                host: h
                points:
                  pump: {coil: 3, writable: true}
                  fan: {coil: 3}
                """,
            expected: [
                "devices/test.yaml:6:3: error: point 'fan' of device 'x' overlaps point 'pump': both read coil 3\n"
                    + "    hint: 'pump' is defined at devices/test.yaml:5:3 and covers coil 3; each coil belongs to one point"
            ]),
        InvalidConfigCase(
            name: "a second device file for the same TCP unit",
            device: """
                device: hvac2
                protocol: modbus-tcp
                host: 127.0.0.1
                points:
                  t: {holding: 1}
                """,
            expected: [
                "devices/test.yaml:1:9: error: device 'hvac2' polls the same Modbus unit as device 'hvac': 127.0.0.1:502, unit 1\n"
                    + "    hint: 'hvac' is defined at devices/hvac.yaml:1:9; describe each unit in one file, or correct the address or 'unit_id'"
            ]),
        InvalidConfigCase(
            name: "max_gap and offline_after out of range, byte_timeout too short",
            device: """
                device: x
                protocol: modbus-tcp
                host: h
                max_gap: 126
                offline_after: 0
                byte_timeout: 0s
                points:
                  t: {holding: 1}
                """,
            expected: [
                "devices/test.yaml:4:10: error: 'max_gap' must be between 0 and 125, but is 126",
                "devices/test.yaml:5:16: error: 'offline_after' must be between 1 and 100, but is 0",
                "devices/test.yaml:6:15: error: 'byte_timeout' must be at least 1ms, but is 0s",
            ]),
        InvalidConfigCase(
            name: "read_back on a point that is not writable",
            device: """
                device: x
                protocol: modbus-tcp
                host: h
                points:
                  t: {holding: 1, read_back: false}
                """,
            expected: [
                "devices/test.yaml:5:30: error: 'read_back' applies only to writable points, and point 't' is not writable\n"
                    + "    hint: remove 'read_back', or add 'writable: true' if rules may change the point"
            ]),
        InvalidConfigCase(
            name: "read_back beside an invalid writable reports only writable",
            device: """
                device: x
                protocol: modbus-tcp
                host: h
                points:
                  t: {holding: 1, writable: maybe, read_back: false}
                """,
            expected: ["devices/test.yaml:5:29: error: 'writable' must be true or false, but is 'maybe'"]),
    ]

    @Test(arguments: cases)
    func reportsModbusError(_ invalid: InvalidConfigCase) {
        #expect(invalid.fixture.printed == invalid.expected)
        #expect(invalid.fixture.load().configuration == nil)
    }

    static func meter(_ name: String, serial: String, unit: Int) -> String {
        """
        device: \(name)
        protocol: modbus-rtu
        serial: \(serial)
        unit_id: \(unit)
        points:
          energy: {input: 0, type: float32}
        """
    }

    @Test func twoDevicesOnOneSerialPortMustAgreeOnItsLineSettings() {
        var fixture = ConfigFixture()
        fixture.devices["meter1.yaml"] = Self.meter("meter1", serial: "{port: /dev/ttyUSB0}", unit: 1)
        fixture.devices["meter2.yaml"] = Self.meter("meter2", serial: "{port: /dev/ttyUSB0, baud: 19200, parity: E}", unit: 2)
        #expect(fixture.printed == [
            "devices/meter2.yaml:1:9: error: device 'meter2' sets serial port /dev/ttyUSB0 to 19200 8E1, but device 'meter1' uses it at 9600 8N1\n"
                + "    hint: 'meter1' is defined at devices/meter1.yaml:1:9; every device on one serial line uses the same baud, parity, data bits and stop bits"
        ])
    }

    @Test func twoDevicesOnOneSerialPortNeedDifferentUnitIDs() {
        var fixture = ConfigFixture()
        fixture.devices["meter1.yaml"] = Self.meter("meter1", serial: "{port: /dev/ttyUSB0, baud: 19200}", unit: 4)
        fixture.devices["meter2.yaml"] = Self.meter("meter2", serial: "{port: /dev/ttyUSB0, baud: 19200}", unit: 4)
        #expect(fixture.printed == [
            "devices/meter2.yaml:1:9: error: device 'meter2' polls the same Modbus unit as device 'meter1': serial port /dev/ttyUSB0, unit 4\n"
                + "    hint: 'meter1' is defined at devices/meter1.yaml:1:9; describe each unit in one file, or correct the address or 'unit_id'"
        ])
    }

    @Test func devicesOnOneLineWithDifferentUnitsAndOnOtherPortsAreFine() {
        var fixture = ConfigFixture()
        fixture.devices["meter1.yaml"] = Self.meter("meter1", serial: "{port: /dev/ttyUSB0}", unit: 1)
        fixture.devices["meter2.yaml"] = Self.meter("meter2", serial: "{port: /dev/ttyUSB0, baud: 9600, parity: N}", unit: 2)
        fixture.devices["meter3.yaml"] = Self.meter("meter3", serial: "{port: /dev/ttyUSB1, baud: 19200}", unit: 1)
        fixture.devices["plc.yaml"] = """
            device: plc
            protocol: modbus-tcp
            host: 127.0.0.1
            unit_id: 2
            points:
              t: {holding: 1}
            """
        #expect(fixture.printed == [])
    }

    @Test func aStatusWordWithItsBitsAndTheSameAddressInOtherTablesAreFine() throws {
        let fixture = ConfigFixture.with(device: "panel.yaml", """
            device: panel
            protocol: modbus-tcp
            host: 10.0.0.9
            points:
              status: {holding: 5}
              running: {holding: 5, type: bool, bit: 0}
              fault: {holding: 5, type: bool, bit: 1}
              energy: {holding: 6, type: uint32}
              energy_high_bit: {holding: 6, type: bool, bit: 15}
              enabled: {holding: 8, type: bool}
              enabled_bit: {holding: 8, type: bool, bit: 0}
              pump: {coil: 5}
              door: {discrete_input: 5}
              level: {input: 5}
            """)
        #expect(fixture.printed == [])
        #expect(try #require(fixture.load().configuration).device(named: "panel")?.points.count == 10)
    }

    @Test func pollingKeysDecodeWithTheirDefaults() throws {
        let hvac = try #require(ConfigFixture().load().configuration?.device(named: "hvac"))
        guard case .modbus(let settings) = hvac.connection else {
            Issue.record("hvac should be a Modbus device")
            return
        }
        #expect(settings.maxGap == 10)
        #expect(settings.offlineAfter == 3)
        #expect(settings.byteTimeout == nil)
        #expect(try #require(hvac.point(named: "cooling")?.modbusRegister).readBack)
    }

    @Test func pollingKeysDecode() throws {
        let fixture = ConfigFixture.with(device: "plc.yaml", """
            device: plc
            protocol: modbus-tcp
            host: 10.0.0.7
            max_gap: 0
            offline_after: 5
            timeout: 250ms
            byte_timeout: 20ms
            points:
              mode: {holding: 1, writable: true, read_back: false}
              command: {holding: 2, writable: true}
            """)
        let plc = try #require(fixture.load().configuration?.device(named: "plc"))
        guard case .modbus(let settings) = plc.connection else { return }
        #expect(settings.maxGap == 0)
        #expect(settings.offlineAfter == 5)
        #expect(settings.responseTimeout == .milliseconds(250))
        #expect(settings.byteTimeout == .milliseconds(20))
        #expect(try #require(plc.point(named: "mode")?.modbusRegister).readBack == false)
        #expect(try #require(plc.point(named: "command")?.modbusRegister).readBack)
    }
}
