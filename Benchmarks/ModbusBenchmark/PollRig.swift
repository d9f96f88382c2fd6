import BenchmarkSupport
import EdgewiseConfig
import EdgewiseCore
import EdgewiseRuntime
import EdgewiseTesting
import Logging

/// Devices polled by a real `ModbusPollService` in this process, each against its own pymodbus
/// server (`ModbusTestServer`, a separate process), into a pipeline whose sink only counts: the
/// gateway's Modbus path without the MQTT side or the state file.
struct PollRig: Sendable {
    let devices: [BenchmarkDevice]
    let servers: [ModbusTestServer]
    let configuration: EdgewiseConfiguration
    let sink: CountingSink
    let pipeline: EventPipeline
    let service: ModbusPollService

    /// Starts one server per device and the devices' config; polling starts with ``startPolling()``.
    ///
    /// - Parameter pollObserver: handed to the poll service, told of every poll with its time on
    ///   the bus; `nil` as in the gateway.
    static func make(_ devices: [BenchmarkDevice], pollObserver: ModbusPollService.PollObserver? = nil) async throws -> PollRig {
        var servers: [ModbusTestServer] = []
        for device in devices { servers.append(try await ModbusTestServer.start(.init(map: device.map))) }
        let files = zip(devices, servers).map { device, server in ("devices/\(device.name).yaml", device.yaml(port: server.port!)) }
        let loaded = ConfigLoader.load(ConfigLoader.ConfigFiles(
            gateway: ("gateway.yaml", "gateway: {id: modbus-bench}\nlocal_broker: {url: \"mqtt://127.0.0.1\"}\n"), devices: files, rules: []))
        guard let configuration = loaded.configuration else {
            for server in servers { try? await server.stop() }
            throw BenchmarkError("a benchmark device file does not load: \(loaded.diagnostics.map { "\($0)" }.joined(separator: "; "))")
        }
        var logger = Logger(label: "modbus-bench")
        logger.logLevel = .error
        let sink = CountingSink()
        let pipeline = EventPipeline(configuration: configuration, state: DerivationState(), sink: sink, startedAt: WallClock.now(), logger: logger)
        let service = try ModbusPollService(configuration: configuration, pipeline: pipeline, logger: logger, pollObserver: pollObserver)
        return PollRig(devices: devices, servers: servers, configuration: configuration, sink: sink, pipeline: pipeline, service: service)
    }

    /// Runs the poll service until the returned task is cancelled.
    func startPolling() -> Task<Void, any Error> {
        let service = service
        return Task { try await service.run() }
    }

    /// The config of the device named `name`.
    func device(named name: String) -> DeviceConfig {
        configuration.devices.first { $0.name == name }!
    }

    /// Stops the servers (call after the polling task has ended).
    func stopServers() async {
        for server in servers { try? await server.stop() }
    }
}

/// Counts events, and nothing else: the cost of the gateway's Modbus path without a real sink.
actor CountingSink: EventSink {
    private(set) var count = 0

    func publish(_ events: [Event]) async { count += events.count }
}
