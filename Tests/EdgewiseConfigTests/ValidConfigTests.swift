import EdgewiseConfig
import EdgewiseCore
import Testing

@Suite("A valid config directory decodes into typed settings")
struct ValidConfigTests {
    @Test func fixtureIsValid() throws {
        let result = ConfigFixture().load()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let configuration = try #require(result.configuration)
        #expect(configuration.devices.map(\.name) == ["air", "hvac"])
        #expect(configuration.pointCount == 7)
        #expect(configuration.rules.map(\.name) == ["cool"])
    }

    @Test func gatewayDefaultsAreFilledIn() throws {
        let gateway = try #require(ConfigFixture().load().configuration).gateway
        #expect(gateway.id == "gh-01")
        #expect(gateway.localBroker.url == BrokerURL(usesTLS: false, host: "127.0.0.1", port: 1883))
        #expect(gateway.localBroker.keepAlive == .seconds(30))
        #expect(gateway.upstream == nil)
        #expect(gateway.buffer.maxSize == ByteSize(bytes: 256_000_000))
        #expect(gateway.status.listen == HostAndPort(host: "127.0.0.1", port: 8080))
        #expect(gateway.logging.level == .info)
    }

    @Test func everyGatewayKeyIsRead() throws {
        let fixture = ConfigFixture.with(gateway: """
            gateway: {id: site-7, timezone: Europe/Berlin}
            local_broker: {url: "mqtt://localhost", client_id: gw, username: edge, password_file: /etc/edgewise/local.secret, keepalive: 1m}
            upstream:
              url: "mqtts://cloud.example.com"
              topic: "t/{gateway}/{type}"
              username: site-7
              password_file: /etc/edgewise/upstream.secret
            buffer: {path: /tmp/q.db, max_size: 1GiB}
            status: {listen: "0.0.0.0:9000", token_file: /etc/edgewise/status.token}
            logging: {level: debug}
            """)
        let gateway = try #require(fixture.load().configuration).gateway
        #expect(gateway.timeZone == "Europe/Berlin")
        #expect(gateway.localBroker.keepAlive == .seconds(60))
        #expect(gateway.localBroker.passwordFile == "/etc/edgewise/local.secret")
        #expect(gateway.upstream?.broker.url == BrokerURL(usesTLS: true, host: "cloud.example.com", port: 8883))
        #expect(gateway.upstream?.topic.text == "t/{gateway}/{type}")
        #expect(gateway.buffer.maxSize == ByteSize(bytes: 1 << 30))
        #expect(gateway.status.tokenFile == "/etc/edgewise/status.token")
        #expect(gateway.logging.level == .debug)
    }

    @Test func modbusPointsDecodeWithDefaults() throws {
        let hvac = try #require(ConfigFixture().load().configuration?.device(named: "hvac"))
        guard case .modbus(let settings) = hvac.connection else {
            Issue.record("hvac should be a Modbus device")
            return
        }
        #expect(settings.transport == .tcp(HostAndPort(host: "127.0.0.1", port: 502)))
        #expect(settings.unitID == 1)
        #expect(settings.pollInterval == .seconds(1))
        #expect(settings.byteOrder == .abcd)
        let cooling = try #require(hvac.point(named: "cooling"))
        #expect(cooling.isWritable)
        #expect(cooling.valueKind == .boolean)
        guard case .modbus(let register) = try #require(hvac.point(named: "supply_temp")).source else { return }
        #expect(register == ModbusRegister(table: .holding, address: 100, type: .int16))
    }

    @Test func rtuDeviceReadsItsSerialLine() throws {
        let fixture = ConfigFixture.with(device: "meter.yaml", """
            device: meter
            protocol: modbus-rtu
            serial: {port: /dev/ttyUSB0, baud: 19200, parity: E, stop_bits: 1}
            unit_id: 7
            byte_order: cdab
            points:
              energy: {input: 0x0100, type: float32, unit: kWh}
            """)
        let meter = try #require(fixture.load().configuration?.device(named: "meter"))
        guard case .modbus(let settings) = meter.connection else { return }
        #expect(settings.transport == .rtu(SerialLineConfig(port: "/dev/ttyUSB0", baud: 19_200, parity: .even)))
        #expect(settings.unitID == 7)
        #expect(settings.byteOrder == .cdab)
        guard case .modbus(let register) = try #require(meter.point(named: "energy")).source else { return }
        #expect(register.address == 256)
    }

    @Test func ruleDecodesEveryKey() throws {
        let fixture = ConfigFixture.with(rules: """
            rules:
              - name: cool
                description: cooling
                when: air.temperature > 26 and not air.door_open
                for: 2m
                until: air.temperature < 24
                then: [{write: hvac.cooling = on}, {write: hvac.setpoint = 18 + 2}, {emit: CoolingRequested}]
                on_clear: [{write: hvac.cooling = off}]
                min_on: 5m
                min_off: 3m
                cooldown: 10m
                priority: 5
                on_unknown: clear
            """)
        let rule = try #require(fixture.load().configuration?.rules.first)
        #expect(rule.when.text == "air.temperature > 26 and not air.door_open")
        #expect(rule.holdFor == .seconds(120))
        #expect(rule.until?.text == "air.temperature < 24")
        #expect(rule.onTrigger.count == 3)
        #expect(rule.onClear.count == 1)
        #expect(rule.minimumOn == .seconds(300))
        #expect(rule.minimumOff == .seconds(180))
        #expect(rule.cooldown == .seconds(600))
        #expect(rule.priority == 5)
        #expect(rule.onUnknown == .clear)
    }
}

@Suite("MQTT device files: templates, timestamps, report-by-exception")
struct MQTTDeviceConfigTests {
    @Test func templateWithInstancesBecomesOneDevicePerInstance() throws {
        let fixture = ConfigFixture.with(device: "rooms.yaml", """
            device: "{device}"
            protocol: mqtt
            topic: home/{device}/{point}
            instances: [kitchen, bath]
            stale_after: 5m
            points:
              temperature: {unit: degC}
              humidity: {unit: percent}
            """)
        let configuration = try #require(fixture.load().configuration, "\(fixture.printed)")
        let kitchen = try #require(configuration.device(named: "kitchen"))
        guard case .mqtt(let settings) = kitchen.connection else { return }
        #expect(settings.topic.subscriptionFilter == "home/kitchen/+")
        #expect(configuration.device(named: "bath") != nil)
        #expect(!kitchen.isTemplate)
    }

    @Test func templateWithoutInstancesStaysATemplate() throws {
        let fixture = ConfigFixture.with(device: "rooms.yaml", """
            device: room-{device}
            protocol: mqtt
            topic: home/{device}/climate
            points:
              temperature: {json: "$.t", unit: degC}
            """)
        let template = try #require(fixture.load().configuration?.device(named: "room-{device}"), "\(fixture.printed)")
        #expect(template.isTemplate)
        #expect(template.instanceName(for: "kitchen") == "room-kitchen")
    }

    @Test func timestampMessageIDAndReportByExceptionAreRead() throws {
        let fixture = ConfigFixture.with(device: "meter.yaml", """
            device: meter
            protocol: mqtt
            topic: meters/1
            timestamp: {json: "$.ts", format: epoch_ms}
            message_id: "$.seq"
            points:
              energy: {json: "$.e", unit: Wh, convert_to: kWh, decimals: 3, deadband: 0.01, min_interval: 10s}
            """)
        let meter = try #require(fixture.load().configuration?.device(named: "meter"), "\(fixture.printed)")
        guard case .mqtt(let settings) = meter.connection else { return }
        #expect(settings.timestamp == PayloadTimestamp(path: try PayloadPath.parse("$.ts"), format: .epochMilliseconds))
        #expect(settings.messageID?.text == "$.seq")
        let energy = try #require(meter.point(named: "energy"))
        #expect(energy.reportedUnit?.symbol == "kWh")
        #expect(energy.decimals == 3)
        #expect(energy.deadband == 0.01)
        #expect(energy.minimumInterval == .seconds(10))
    }

    @Test func brokerTLSAndProtocolVersionAreRead() throws {
        let fixture = ConfigFixture.with(gateway: """
            gateway: {id: g, state_dir: /tmp/edgewise-state}
            local_broker: {url: "mqtts://broker.local", ca_file: /etc/ssl/ca.pem, cert_file: /etc/c.pem, key_file: /etc/k.pem, protocol_version: 5}
            """)
        let gateway = try #require(fixture.load().configuration?.gateway, "\(fixture.printed)")
        #expect(gateway.stateDirectory == "/tmp/edgewise-state")
        #expect(gateway.localBroker.protocolVersion == .v5)
        #expect(gateway.localBroker.caFile == "/etc/ssl/ca.pem")
        #expect(gateway.localBroker.certFile == "/etc/c.pem")
    }
}
