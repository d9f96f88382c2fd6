import EdgewiseCore
import EdgewiseMQTT
import Logging

/// Carries out what rules decide: writes to Modbus points (through `ModbusActuator`) and to MQTT
/// points (a command on the point's `command_topic`), and `publish:` messages on the local broker.
///
/// - **Never blocks the caller.** `run(_:)` queues the action and returns; rules go on being
///   evaluated while a device takes its time.
/// - **In order per target.** Actions on the same point (or the same publish topic) run one after
///   the other, in the order the rules asked for them; different targets run concurrently.
/// - **Retried, then reported.** A failed attempt is retried per `RetryPolicy` (by default twice,
///   after 1 s and 5 s); the outcome is one `ActionConfirmed` or `ActionFailed` event. A write that
///   a newer write to the same point supersedes while it waits for a retry is dropped, reported
///   as failed with the reason: the newer value is what the rules want now.
public actor ActionRunner {
    /// How often and how soon a failed action is tried again.
    public struct RetryPolicy: Sendable {
        /// The waits before the second, third, … attempt; empty means one attempt only.
        public var delays: [Duration]

        public init(delays: [Duration]) { self.delays = delays }

        public static let `default` = RetryPolicy(delays: [.seconds(1), .seconds(5)])
    }

    let modbus: ModbusActuator?
    let mqtt: MqttClient?
    let devices: [String: DeviceConfig]
    let pipeline: EventPipeline
    let policy: RetryPolicy
    let logger: Logger
    /// The last queued action per target, which the next one on that target waits for.
    var tails: [String: Task<Void, Never>] = [:]
    /// A counter per target, to tell whether a queued write has been superseded.
    var generations: [String: Int] = [:]

    public init(modbus: ModbusActuator?, mqtt: MqttClient?, devices: [DeviceConfig], pipeline: EventPipeline, policy: RetryPolicy = .default, logger: Logger) {
        self.modbus = modbus
        self.mqtt = mqtt
        self.devices = Dictionary(devices.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.pipeline = pipeline
        self.policy = policy
        self.logger = logger
    }

    /// Queues `action`; returns at once.
    public func run(_ action: GatewayAction) {
        let target = action.target
        let generation = generations[target, default: 0] + 1
        generations[target] = generation
        let previous = tails[target]
        tails[target] = Task {
            await previous?.value
            await self.execute(action, generation: generation)
        }
    }

    /// Waits until every action queued so far has finished (for tests and shutdown).
    public func drain() async {
        while let (target, task) = tails.first {
            await task.value
            if tails[target] == task { tails[target] = nil }
        }
    }

    func execute(_ action: GatewayAction, generation: Int) async {
        let clock = ContinuousClock()
        let started = clock.now
        var attempt = 0
        while true {
            var event = await perform(action, started: started, clock: clock)
            guard event.name == .actionFailed, attempt < policy.delays.count else {
                await pipeline.publish(event)
                return
            }
            let delay = policy.delays[attempt]
            attempt += 1
            logger.notice("Action failed; retrying", metadata: [
                "action": "\(action)", "action.attempt": "\(attempt)", "action.retry_in": "\(delay)", "action.error": "\(event.error ?? "")",
            ])
            try? await Task.sleep(for: delay)
            if generations[action.target] != generation, case .write = action {
                event.replaceError(with: "superseded by a newer write to \(action.target) before it could be retried (last error: \(event.error ?? ""))")
                await pipeline.publish(event)
                return
            }
        }
    }

    func perform(_ action: GatewayAction, started: ContinuousClock.Instant, clock: ContinuousClock) async -> DomainEvent {
        switch action {
        case .write(let device, let point, let value, let rule):
            if let modbus, modbus.handles(device: device) {
                var event = await modbus.attempt(device: device, point: point, value: value, rule: rule)
                event.restartDuration(from: started, clock: clock)
                return event
            }
            guard let config = devices[device]?.point(named: point), let command = config.command else {
                return Self.outcome(action, error: "\(device).\(point) is neither a Modbus point nor an MQTT point with a command_topic", unit: nil, duration: clock.now - started)
            }
            let topic = command.topic(for: device)
            let payload = command.payload(for: value, device: device, point: point, time: WallClock.now())
            let error = await publish(topic: topic, payload: payload, retain: command.retain)
            return Self.outcome(action, error: error.map { "command to \(topic) failed: \($0)" }, unit: config.reportedUnit, duration: clock.now - started)
        case .publish(let topic, let payload, let retain, _):
            let error = await publish(topic: topic, payload: payload, retain: retain)
            return Self.outcome(action, error: error.map { "publish to \(topic) failed: \($0)" }, unit: nil, duration: clock.now - started)
        }
    }

    /// Publishes with QoS 1 on the local broker; the error's text, or `nil` once the broker has it.
    func publish(topic: String, payload: String, retain: Bool) async -> String? {
        guard let mqtt else { return "the gateway has no local broker connection" }
        do {
            try await mqtt.publish(topic: topic, payload: Array(payload.utf8), qos: .atLeastOnce, retain: retain)
            return nil
        } catch {
            return "\(error)"
        }
    }

    static func outcome(_ action: GatewayAction, error: String?, unit: MeasurementUnit?, duration: Duration) -> DomainEvent {
        let data = ActionEventData(value: action.value, unit: unit, rule: action.rule, error: error, duration: duration)
        return DomainEvent(error == nil ? .actionConfirmed : .actionFailed, time: WallClock.now(), device: action.device, point: action.point,
                           data: error == nil ? .actionConfirmed(data) : .actionFailed(data))
    }
}

/// An action the gateway carries out for a rule.
public enum GatewayAction: Sendable, Hashable, CustomStringConvertible {
    /// Set a writable point (Modbus coil or holding register, or an MQTT point's command).
    case write(device: String, point: String, value: ReadingValue, rule: String?)
    /// Publish a message on the local broker.
    case publish(topic: String, payload: String, retain: Bool, rule: String?)

    /// What actions are serialized on: the point, or the topic.
    var target: String {
        switch self {
        case .write(let device, let point, _, _): "\(device).\(point)"
        case .publish(let topic, _, _, _): "topic \(topic)"
        }
    }

    var rule: String? {
        switch self {
        case .write(_, _, _, let rule), .publish(_, _, _, let rule): rule
        }
    }

    var device: String? {
        if case .write(let device, _, _, _) = self { return device }
        return nil
    }

    var point: String? {
        if case .write(_, let point, _, _) = self { return point }
        return nil
    }

    /// The value written, or the payload published.
    var value: ReadingValue {
        switch self {
        case .write(_, _, let value, _): value
        case .publish(_, let payload, _, _): .text(payload)
        }
    }

    public var description: String {
        switch self {
        case .write(let device, let point, let value, _): "write \(device).\(point) = \(value)"
        case .publish(let topic, _, _, _): "publish to \(topic)"
        }
    }
}

extension DomainEvent {
    /// The error of an `ActionFailed` event.
    var error: String? {
        if case .actionFailed(let data) = data { return data.error }
        return nil
    }

    mutating func replaceError(with error: String) {
        guard case .actionFailed(var action) = data else { return }
        action.error = error
        data = .actionFailed(action)
    }

    /// Makes the action's duration count from `started` (the first attempt), not from this attempt.
    mutating func restartDuration(from started: ContinuousClock.Instant, clock: ContinuousClock) {
        switch data {
        case .actionConfirmed(var action):
            action.duration = clock.now - started
            data = .actionConfirmed(action)
        case .actionFailed(var action):
            action.duration = clock.now - started
            data = .actionFailed(action)
        default: break
        }
    }
}
