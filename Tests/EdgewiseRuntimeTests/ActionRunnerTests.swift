import EdgewiseConfig
import EdgewiseCore
import EdgewiseMQTT
import EdgewiseTesting
import Logging
import Testing

@testable import EdgewiseRuntime

/// Rule actions carried out against a real mosquitto and a real Modbus server.
@Suite("Action runner: MQTT commands, publishes, Modbus writes, retries", .serialized, .timeLimit(.minutes(1)))
struct ActionRunnerTests {
    static let relay = """
        device: fan
        protocol: mqtt
        topic: stat/fan/POWER
        points:
          power: {type: bool, writable: true, command_topic: "cmnd/{device}/POWER"}
        """

    static func configuration(_ devices: [String]) throws -> EdgewiseConfiguration {
        let loaded = ConfigLoader.load(ConfigLoader.ConfigFiles(
            gateway: ("gateway.yaml", "gateway: {id: gw}\nlocal_broker: {url: \"mqtt://127.0.0.1\"}\n"),
            devices: devices.enumerated().map { ("devices/d\($0.offset).yaml", $0.element) }, rules: []))
        guard let configuration = loaded.configuration else { throw HarnessError("\(loaded.diagnostics)") }
        return configuration
    }

    static func client(port: Int, id: String) throws -> MqttClient {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return try MqttClient(
            configuration: MqttClientConfiguration(
                host: "127.0.0.1", port: port, clientID: "\(id)-\(UInt32.random(in: 0...UInt32.max))",
                reconnectMinimumDelay: .milliseconds(100), reconnectMaximumDelay: .seconds(1)),
            logger: logger)
    }

    static func quietLogger() -> Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }

    static func waitUntilConnected(_ client: MqttClient, subscriptions: Int = 0) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while client.status().state != .connected || client.status().activeSubscriptions != subscriptions {
            guard ContinuousClock.now < deadline else { throw HarnessError("the client did not connect") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    @Test func aWriteToAnMQTTRelayIsPublishedOnItsCommandTopic() async throws {
        let broker = try await MosquittoBroker.start()
        let listener = try Self.client(port: broker.port, id: "listener")
        try listener.subscribe("cmnd/#")
        try listener.start()
        let gateway = try Self.client(port: broker.port, id: "gateway")
        try gateway.start()
        try await Self.waitUntilConnected(listener, subscriptions: 1)
        try await Self.waitUntilConnected(gateway)

        let configuration = try Self.configuration([Self.relay])
        let sink = CollectingEventSink()
        let pipeline = EventPipeline(configuration: configuration, state: DerivationState(), sink: sink, startedAt: WallClock.now(), logger: Self.quietLogger())
        let runner = ActionRunner(modbus: nil, mqtt: gateway, devices: configuration.devices, pipeline: pipeline, logger: Self.quietLogger())
        await runner.run(.write(device: "fan", point: "power", value: .boolean(true), rule: "ventilate"))
        await runner.run(.write(device: "fan", point: "power", value: .boolean(false), rule: "ventilate"))
        await runner.drain()
        let received = await listener.nextBatch(maxCount: 10) ?? []
        var messages = received
        if messages.count < 2, let more = await listener.nextBatch(maxCount: 10) { messages += more }
        await gateway.shutdown()
        await listener.shutdown()
        try await broker.stop()

        #expect(messages.map(\.topic) == ["cmnd/fan/POWER", "cmnd/fan/POWER"])
        #expect(messages.map { String(decoding: $0.payload, as: UTF8.self) } == ["ON", "OFF"], "in the order the rules asked")
        let outcomes = await sink.events.filter { $0.name == .actionConfirmed }
        #expect(outcomes.count == 2)
        guard case .actionConfirmed(let data)? = outcomes.first?.data else { return }
        #expect(data.rule == "ventilate")
    }

    @Test func aPublishThatCannotBeDeliveredIsRetriedThenReportedAsFailed() async throws {
        let port = try FreePort.loopback()
        let gateway = try Self.client(port: port, id: "gateway")   // no broker on that port
        try gateway.start()
        let configuration = try Self.configuration([Self.relay])
        let sink = CollectingEventSink()
        let pipeline = EventPipeline(configuration: configuration, state: DerivationState(), sink: sink, startedAt: WallClock.now(), logger: Self.quietLogger())
        let runner = ActionRunner(
            modbus: nil, mqtt: gateway, devices: configuration.devices, pipeline: pipeline,
            policy: .init(delays: [.milliseconds(20), .milliseconds(20)]), logger: Self.quietLogger())
        await runner.run(.publish(topic: "alerts/greenhouse", payload: "too hot", retain: false, rule: "alert"))
        await runner.drain()
        await gateway.shutdown()

        let events = await sink.events
        #expect(events.map(\.name) == [.actionFailed], "one outcome after the retries, not one per attempt")
        guard case .actionFailed(let data)? = events.first?.data else { return }
        #expect(data.error?.hasPrefix("publish to alerts/greenhouse failed:") == true, "\(data.error ?? "")")
        #expect(data.value == .text("too hot"))
    }

    @Test func aModbusWriteThatFailsIsRetriedAndConfirmedWhenTheDeviceReturns() async throws {
        let server = try await ModbusTestServer.start(.init(map: [.coil: [0: 0]]))
        let harness = try ModbusHarness(deviceFile: """
            device: hvac
            protocol: modbus-tcp
            host: 127.0.0.1
            port: PORT
            poll: 1h
            timeout: 300ms
            points:
              cooling: {coil: 0, writable: true}
            """, port: server.port)
        try await server.stop()
        let runner = ActionRunner(
            modbus: harness.service.actuator, mqtt: nil, devices: [], pipeline: harness.pipeline,
            policy: .init(delays: [.seconds(2), .seconds(2)]), logger: Self.quietLogger())
        await runner.run(.write(device: "hvac", point: "cooling", value: .boolean(true), rule: "cool"))
        try await Task.sleep(for: .milliseconds(300))
        try await server.restart()
        await runner.drain()
        await harness.stop()
        try await server.stop()

        let outcomes = await harness.events.filter { $0.name == .actionConfirmed || $0.name == .actionFailed }
        #expect(outcomes.map(\.name) == [.actionConfirmed], "\(outcomes)")
        #expect(try server.requests().contains { $0.function == 5 && $0.address == 0 })
    }

    @Test func aWriteToAPointWithoutCommandTopicFailsAtOnce() async throws {
        let configuration = try Self.configuration(["""
            device: air
            protocol: mqtt
            topic: sensors/air
            points:
              temperature: {unit: degC}
            """])
        let sink = CollectingEventSink()
        let pipeline = EventPipeline(configuration: configuration, state: DerivationState(), sink: sink, startedAt: WallClock.now(), logger: Self.quietLogger())
        let runner = ActionRunner(modbus: nil, mqtt: nil, devices: configuration.devices, pipeline: pipeline, policy: .init(delays: []), logger: Self.quietLogger())
        await runner.run(.write(device: "air", point: "temperature", value: .number(3), rule: nil))
        await runner.drain()
        #expect(await sink.names == ["ActionFailed"])
    }
}
