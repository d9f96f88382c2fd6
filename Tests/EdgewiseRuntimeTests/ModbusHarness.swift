import EdgewiseConfig
import EdgewiseCore
import EdgewiseTesting
import Logging
import Testing

@testable import EdgewiseRuntime

/// A pipeline with a collecting sink and the Modbus poll service for one device file, running
/// until `stop()`; for tests against a real Modbus server.
final class ModbusHarness: Sendable {
    let sink = CollectingEventSink()
    let pipeline: EventPipeline
    let service: ModbusPollService
    let task: Task<Void, any Error>

    /// - Parameter deviceFile: a device file's YAML; `PORT` is replaced by `port`.
    convenience init(deviceFile: String, port: Int? = nil) throws {
        let yaml = port.map { deviceFile.split(separator: "PORT", omittingEmptySubsequences: false).joined(separator: "\($0)") } ?? deviceFile
        try self.init(deviceFiles: [yaml])
    }

    /// - Parameter deviceFiles: device files' YAML, each a device of the gateway.
    init(deviceFiles: [String]) throws {
        let loaded = ConfigLoader.load(ConfigLoader.ConfigFiles(
            gateway: ("gateway.yaml", "gateway: {id: gw}\nlocal_broker: {url: \"mqtt://127.0.0.1\"}\n"),
            devices: deviceFiles.enumerated().map { ("devices/device-\($0.offset).yaml", $0.element) }, rules: []))
        guard let configuration = loaded.configuration else {
            throw HarnessError("the device file does not load: \(loaded.diagnostics.map { "\($0)" }.joined(separator: "\n"))")
        }
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        pipeline = EventPipeline(configuration: configuration, state: DerivationState(), sink: sink, startedAt: WallClock.now(), logger: logger)
        service = try ModbusPollService(configuration: configuration, pipeline: pipeline, logger: logger)
        let service = service
        task = Task { try await service.run() }
    }

    /// Stops polling and shuts the buses down.
    func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    var events: [Event] { get async { await sink.events } }

    /// The events named `name`.
    func events(named name: EventName) async -> [Event] { await sink.events.filter { $0.name == name } }

    /// The latest reported value of `point`.
    func latest(_ point: String) async -> ReadingValue? {
        for event in await sink.events.reversed() where event.point == point {
            if case .readingReported(let value, _) = event.data { return value }
        }
        return nil
    }

    /// Waits (up to a generous bound) until `condition` holds for the events so far.
    func waitFor(_ what: String, timeout: Duration = .seconds(20), _ condition: @Sendable ([Event]) -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !condition(await sink.events) {
            guard ContinuousClock.now < deadline else {
                throw HarnessError("timed out waiting for \(what); events: \(await sink.names)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
