/// A payload or register value that did not become a reading, and why. It becomes a
/// `ReadingRejected` event and is counted by `reason`; nothing else stops.
public struct Rejection: Sendable, Hashable {
    public var device: String
    /// The point, when the problem concerns one; `nil` when the whole message is unusable.
    public var point: String?
    /// Where the payload came from: the MQTT topic, or `modbus://…` for a register.
    public var source: String
    public var reason: Reason
    /// What exactly was wrong, for people: `"$.temp" is missing`, `expected ',' at byte 12`.
    public var detail: String
    /// The start of the offending payload, for diagnosis (at most 128 bytes, as text).
    public var payloadExcerpt: String?
    public var time: Timestamp

    public init(device: String, point: String?, source: String, reason: Reason, detail: String, payloadExcerpt: String? = nil, time: Timestamp) {
        self.device = device
        self.point = point
        self.source = source
        self.reason = reason
        self.detail = detail
        self.payloadExcerpt = payloadExcerpt
        self.time = time
    }

    /// Why a value was rejected; the raw value is the `reason` field of `ReadingRejected`.
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        /// The payload is not valid JSON although the device file reads JSON fields from it.
        case malformedPayload = "malformed_payload"
        /// The JSON field a point reads is not in the payload.
        case missingField = "missing_field"
        /// The value is not of the point's type: text where a number belongs, say.
        case wrongType = "wrong_type"
        /// The number is NaN or infinite.
        case notFinite = "not_finite"
        /// The number is outside the point's `valid` range.
        case outOfRange = "out_of_range"
        /// The topic names a point (via `{point}`) that the device file does not have.
        case unknownPoint = "unknown_point"
        /// The payload's timestamp is missing or unreadable.
        case badTimestamp = "bad_timestamp"
        /// The Modbus device answered with an error or not at all.
        case deviceError = "device_error"
    }

    /// The first bytes of a payload as text, invalid UTF-8 replaced, for `payloadExcerpt`.
    public static func excerpt(of payload: some Collection<UInt8>, limit: Int = 128) -> String {
        let prefix = payload.prefix(limit)
        let text = String(decoding: prefix, as: UTF8.self)
        return payload.count > limit ? text + "…" : text
    }
}
