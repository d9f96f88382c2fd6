/// Turns one MQTT message for one device into readings, following the device file: which points
/// the message carries, where each value sits in the payload, its type, and when it was measured.
///
/// Everything that does not fit becomes a `Rejection` with a reason and a detail people can act on;
/// a bad point never spoils the others in the same message. Pure: no I/O, no clock.
///
/// A class, immutable after `init`: it is looked up for every message, and copying the device
/// configuration each time showed up in profiles.
public final class MQTTPayloadDecoder: Sendable {
    public let device: DeviceConfig
    let settings: MQTTDeviceSettings
    let points: [PointDecoder]
    /// Whether anything needs the payload parsed as JSON.
    let readsJSON: Bool
    let pointsByName: [String: PointConfig]

    struct PointDecoder: Sendable {
        let config: PointConfig
        let path: PayloadPath?
        let kind: ValueKind
        let normalizer: Normalizer
    }

    /// What one message produced.
    public struct Output: Sendable {
        public var device: String
        /// The message id (or payload timestamp) used to recognise a redelivered message.
        public var messageKey: String?
        public var readings: [Reading] = []
        public var rejections: [Rejection] = []
    }

    /// - Precondition: `device` is an MQTT device.
    public init(device: DeviceConfig) {
        guard case .mqtt(let settings) = device.connection else { preconditionFailure("\(device.name) is not an MQTT device") }
        self.device = device
        self.settings = settings
        points = device.points.map { point in
            guard case .mqtt(let path, let kind) = point.source else { preconditionFailure("\(point.name) is not an MQTT point") }
            return PointDecoder(config: point, path: path, kind: kind, normalizer: Normalizer(point: point))
        }
        readsJSON = settings.timestamp != nil || settings.messageID != nil || points.contains { $0.path != nil }
        pointsByName = Dictionary(device.points.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The settings of the point a reading from this decoder belongs to.
    public func point(named name: String) -> PointConfig? { pointsByName[name] }

    /// Decodes a message whose topic matched this device's pattern with `match`.
    public func decode(topic: String, match: TopicPattern.Match, payload: [UInt8], receivedAt: Timestamp) -> Output {
        let deviceName = match.device.map(device.instanceName(for:)) ?? device.name
        var output = Output(device: deviceName)
        func reject(_ point: String?, _ reason: Rejection.Reason, _ detail: String) {
            output.rejections.append(Rejection(
                device: deviceName, point: point, source: topic, reason: reason, detail: detail,
                payloadExcerpt: Rejection.excerpt(of: payload), time: receivedAt))
        }

        var selected = points.indices
        if let pointName = match.point {
            guard let index = points.firstIndex(where: { $0.config.name == pointName }) else {
                reject(pointName, .unknownPoint, "device '\(device.name)' has no point '\(pointName)'")
                return output
            }
            selected = index..<(index + 1)
        }

        var json: JSONValue?
        if readsJSON {
            do {
                json = try JSONParser.parse(payload)
            } catch {
                reject(nil, .malformedPayload, "the payload is not valid JSON: \(error.message) at byte \(error.offset)")
                return output
            }
            // Fields are read from an object (or array); any other document fails every point at once.
            switch json {
            case .object?, .array?: break
            default:
                reject(nil, .malformedPayload, "expected a JSON object, found \(RawPayloadValue.describe(json ?? .null))")
                return output
            }
        }

        var time = receivedAt
        if let timestamp = settings.timestamp, let json {
            switch Self.timestamp(in: json, timestamp) {
            case .success(let measured): time = measured
            case .failure(let failure):
                reject(nil, .badTimestamp, failure.detail)
                return output
            }
        }
        if let path = settings.messageID, let id = json?.value(at: path) {
            output.messageKey = Self.key(id)
        } else if let path = settings.timestamp?.path, let stamp = json?.value(at: path) {
            output.messageKey = Self.key(stamp)
        }

        for index in selected {
            let point = points[index]
            let raw: RawPayloadValue
            if let path = point.path {
                guard let value = json?.value(at: path) else {
                    reject(point.config.name, .missingField, "'\(path)' is not in the payload")
                    continue
                }
                raw = .json(value)
            } else {
                raw = .bytes(payload)
            }
            switch raw.typed(as: point.kind) {
            case .failure(let failure):
                reject(point.config.name, failure.reason, failure.detail)
            case .success(.number(let number)):
                switch point.normalizer.normalize(number) {
                case .success(let value):
                    output.readings.append(Reading(device: deviceName, point: point.config.name, value: .number(value), unit: point.config.reportedUnit, time: time))
                case .failure(let failure):
                    reject(point.config.name, failure.reason, failure.detail)
                }
            case .success(let value):
                output.readings.append(Reading(device: deviceName, point: point.config.name, value: value, time: time))
            }
        }
        return output
    }

    /// The time a payload says it was measured.
    static func timestamp(in json: JSONValue, _ timestamp: PayloadTimestamp) -> Result<Timestamp, NormalizationFailure> {
        func failure(_ detail: String) -> Result<Timestamp, NormalizationFailure> {
            .failure(NormalizationFailure(reason: .badTimestamp, detail: detail))
        }
        guard let value = json.value(at: timestamp.path) else { return failure("'\(timestamp.path)' is not in the payload") }
        switch (value, timestamp.format) {
        case (.number(let number), .auto):
            guard number.isFinite, number >= 0 else { return failure("\(number) is not a time") }
            return .success(number < 1e11 ? Timestamp(epochSeconds: number) : Timestamp(epochMilliseconds: Int64(number)))
        case (.number(let number), .epochSeconds):
            guard number.isFinite, number >= 0, number < 1e12 else { return failure("\(number) is not a time in epoch seconds") }
            return .success(Timestamp(epochSeconds: number))
        case (.number(let number), .epochMilliseconds):
            guard number.isFinite, number >= 0, number < 1e15 else { return failure("\(number) is not a time in epoch milliseconds") }
            return .success(Timestamp(epochMilliseconds: Int64(number)))
        case (.string(let text), .auto), (.string(let text), .rfc3339):
            guard let parsed = Timestamp.parseRFC3339(text) else { return failure("'\(text)' is not an RFC 3339 time") }
            return .success(parsed)
        default:
            return failure("'\(timestamp.path)' does not hold a \(timestamp.format == .rfc3339 ? "text" : "number") time")
        }
    }

    /// A scalar as a dedup key: numbers without a trailing `.0`, strings as they are.
    static func key(_ value: JSONValue) -> String? {
        switch value {
        case .number(let number): Normalizer.format(number)
        case .string(let text): text
        case .bool(let flag): flag ? "true" : "false"
        default: nil
        }
    }
}
