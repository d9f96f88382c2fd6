/// How a writable point of an MQTT device is written: the command topic of a relay or actuator
/// (Tasmota `cmnd/fan/POWER`, Shelly `shellies/fan/relay/0/command`, Zigbee2MQTT
/// `zigbee2mqtt/fan/set`) and the payload that says the new value.
///
/// ```yaml
/// power:
///   type: bool
///   writable: true
///   command_topic: cmnd/{device}/POWER      # {device}: the device's name (for template devices)
///   command_payload: "{value}"              # the default; JSON: '{{"state": "{value}"}}'
///   payload_on: "ON"                        # how true is written (default ON)
///   payload_off: "OFF"                      # how false is written (default OFF)
/// ```
public struct MQTTCommand: Sendable, Hashable {
    /// `command_topic`: a concrete topic; `{device}` is replaced by the device's name.
    public var topic: String
    /// `command_payload`: with `{value}` (and `{device}`, `{point}`, `{time}`).
    public var payload: PayloadTemplate
    /// `payload_on` / `payload_off`: what `{value}` is for true and false.
    public var payloadOn: String
    public var payloadOff: String
    /// `command_retain`: whether the broker keeps the command for the device (default false).
    public var retain: Bool

    /// The plain placeholders a command payload may use.
    public static let placeholders: Set<String> = ["value", "device", "point", "time"]

    public init(topic: String, payload: PayloadTemplate, payloadOn: String = "ON", payloadOff: String = "OFF", retain: Bool = false) {
        self.topic = topic
        self.payload = payload
        self.payloadOn = payloadOn
        self.payloadOff = payloadOff
        self.retain = retain
    }

    /// The topic for `device`.
    public func topic(for device: String) -> String { topic.replacingPlaceholder("{device}", with: device) }

    /// The payload that writes `value` to `device.point` at `time`.
    public func payload(for value: ReadingValue, device: String, point: String, time: Timestamp, pointValue: (String) -> String? = { _ in nil }) -> String {
        payload.render { name in
            switch name {
            case "value":
                switch value {
                case .boolean(let state): state ? payloadOn : payloadOff
                case .number(let number): Normalizer.format(number)
                case .text(let text): text
                }
            case "device": device
            case "point": point
            case "time": time.rfc3339
            default: pointValue(name)
            }
        }
    }
}
