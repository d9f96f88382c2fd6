/// One step in a rule's `then:` or `on_clear:` list.
public struct RuleAction: Sendable {
    public enum Kind: Sendable {
        /// `write: device.point = value` — set a writable point (a Modbus coil or holding register).
        case write(PointWrite)
        /// `emit: EventName` — raise a custom domain event that is forwarded like any other.
        case emit(EventName)
        /// `publish: {topic: T, payload: P, retain: false}` — publish a message on the local broker.
        case publish(MQTTPublication)
    }

    public var kind: Kind
    /// Where the action is written.
    public var location: ConfigLocation

    public init(_ kind: Kind, location: ConfigLocation) {
        self.kind = kind
        self.location = location
    }
}

/// The parts of `write: hvac.cooling = on`.
public struct PointWrite: Sendable {
    public var device: String
    public var point: String
    /// Where `device.point` is written.
    public var targetLocation: ConfigLocation
    /// The value to write, an expression (`on`, `21.5`, `room.setpoint + 1`).
    public var value: SourceExpression

    public init(device: String, point: String, targetLocation: ConfigLocation, value: SourceExpression) {
        self.device = device
        self.point = point
        self.targetLocation = targetLocation
        self.value = value
    }
}

/// The parts of `publish: {topic: lights/greenhouse/set, payload: "ON", retain: false}`.
public struct MQTTPublication: Sendable, Hashable {
    /// A concrete topic (no wildcards).
    public var topic: String
    /// The payload, with `{rule}`, `{time}` and `{device.point}` placeholders.
    public var payload: PayloadTemplate
    /// Whether the broker keeps the message for later subscribers (default false).
    public var retain: Bool

    public init(topic: String, payload: PayloadTemplate, retain: Bool = false) {
        self.topic = topic
        self.payload = payload
        self.retain = retain
    }

    /// The plain placeholders a `publish:` payload may use.
    public static let placeholders: Set<String> = ["rule", "time"]
}
