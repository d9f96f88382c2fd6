import EdgewiseCore
import EdgewiseModbus
import EdgewiseStatus
import Logging
import ServiceLifecycle

/// Polls every Modbus device of the configuration, each in its own task, and owns the buses.
///
/// Devices that share a physical line — the same serial port, or the same TCP host and port (a
/// Modbus gateway in front of several units) — share one `ModbusBus`, which runs one request at a
/// time on its own thread. Devices on different buses never wait for each other.
public struct ModbusPollService: Service {
    let pollers: [ModbusDevicePoller]
    let buses: [ModbusBus]
    let logger: Logger
    /// Writes points on the same buses, for the rule engine's actions.
    public let actuator: ModbusActuator

    /// Creates one bus per line and one poller per Modbus device.
    ///
    /// - Parameters:
    ///   - metrics: where each request is counted and timed (`edgewise_modbus_*`).
    ///   - pollObserver: told of every poll that ran on a device's bus, with the time it kept
    ///     the bus busy (see ``PollReport``); `nil` (the gateway's case) times nothing.
    /// - Throws: `GatewayStartupError` when libmodbus rejects a device's settings.
    public init(
        configuration: EdgewiseConfiguration, pipeline: EventPipeline, logger: Logger, metrics: GatewayMetrics? = nil,
        pollObserver: PollObserver? = nil
    ) throws {
        let observer = metrics?.modbusRequestObserver
        var buses: [ModbusBusKey: ModbusBus] = [:]
        var pollers: [ModbusDevicePoller] = []
        var targets: [String: ModbusActuator.Target] = [:]
        for device in configuration.devices {
            guard case .modbus(let settings) = device.connection else { continue }
            let key = ModbusBusKey(settings.transport)
            let bus: ModbusBus
            if let existing = buses[key] {
                bus = existing
            } else {
                var busLogger = logger
                busLogger[metadataKey: "modbus.bus"] = "\(key)"
                do {
                    bus = try ModbusBus(transport: settings.transport, responseTimeout: settings.responseTimeout,
                                        byteTimeout: settings.byteTimeout ?? .milliseconds(500), logger: busLogger, requestObserver: observer)
                } catch {
                    throw GatewayStartupError("\(device.location.file): device \(device.name): cannot set up Modbus \(key): \(error)")
                }
                buses[key] = bus
            }
            pollers.append(ModbusDevicePoller(device: device, settings: settings, bus: bus, pipeline: pipeline, logger: logger, pollObserver: pollObserver))
            targets[device.name] = ModbusActuator.Target(device: device, settings: settings, bus: bus, decoder: ModbusReadingDecoder(device: device))
        }
        self.pollers = pollers
        self.buses = Array(buses.values)
        self.logger = logger
        self.actuator = ModbusActuator(targets: targets, pipeline: pipeline)
    }

    /// Whether the configuration has Modbus devices at all.
    public var isEmpty: Bool { pollers.isEmpty }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                for poller in pollers {
                    group.addTask { await poller.run() }
                }
            }
        }
        for bus in buses { await bus.shutdown() }
        let statistics = buses.map { $0.statistics() }
        logger.notice("Modbus polling stopped", metadata: [
            "modbus.buses": "\(buses.count)", "modbus.requests": "\(statistics.map(\.requests).reduce(0, +))",
            "modbus.failed_requests": "\(statistics.map(\.failedRequests).reduce(0, +))", "modbus.reconnects": "\(statistics.map(\.reconnects).reduce(0, +))",
        ])
    }
}

extension ModbusPollService {
    /// Told of every poll that ran on a device's bus, on the device's polling task (not on the bus
    /// thread) once the poll's answers are back and before they are decoded; keep it cheap, the
    /// device's next poll waits for it. For benchmarks and diagnostics: the gateway passes none.
    public typealias PollObserver = @Sendable (PollReport) -> Void

    /// One poll of one device as it ran on the device's bus.
    ///
    /// Not reported: polls that never ran (the bus could not connect, or polling stopped first).
    public struct PollReport: Sendable, Hashable {
        /// The device's name (`device:` in its file).
        public var device: String
        /// When the poll was due, counted from the moment the device's polling started; which of
        /// the device's interval groups it read follows from it
        /// (`ModbusPollSchedule.dueIntervals(at:)`).
        public var due: Duration
        /// Requests sent, including those a refused address split off.
        public var requests: Int
        /// How long the poll kept the bus busy: on the bus thread, from just before the first
        /// request was sent to just after the last answer (or failure) came back. Connecting
        /// before the poll and waiting for the bus are not included.
        public var busy: Duration
        /// Whether the device answered at all (a value or a Modbus exception); `false` when the
        /// poll ended in a timeout, a lost connection or a garbled reply.
        public var answered: Bool

        public init(device: String, due: Duration, requests: Int, busy: Duration, answered: Bool) {
            self.device = device
            self.due = due
            self.requests = requests
            self.busy = busy
            self.answered = answered
        }
    }
}
