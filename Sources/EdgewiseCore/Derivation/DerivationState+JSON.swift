/// The saved form of `DerivationState`: a small JSON document in the state directory.
///
/// ```json
/// {"version": 1,
///  "thresholds": {"air/temperature/0": true},
///  "devices": {"air": {"status": "online", "last_seen": 1763924700123}},
///  "last_reported": {"air/temperature": {"value": 21.5, "time": 1763924700123}},
///  "message_keys": {"air": ["18733", "18734"]}}
/// ```
/// Reading is lenient: entries it does not understand are skipped, so a damaged or older file
/// costs at most some remembered state, never the start of the gateway.
extension DerivationState {
    static let formatVersion = 1

    public func encodedJSON() -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 4096)
        writer.beginObject()
        writer.key("version")
        writer.integer(Int64(Self.formatVersion))
        writer.key("thresholds")
        writer.beginObject()
        for (key, crossed) in crossedThresholds.sorted(by: { $0.key < $1.key }) {
            writer.key(key)
            writer.bool(crossed)
        }
        writer.endObject()
        writer.key("devices")
        writer.beginObject()
        for (device, liveness) in devices.sorted(by: { $0.key < $1.key }) {
            writer.key(device)
            writer.beginObject()
            writer.key("status")
            writer.string(liveness.status.rawValue)
            if let lastSeen = liveness.lastSeen {
                writer.key("last_seen")
                writer.integer(lastSeen.epochMilliseconds)
            }
            if let offlineSince = liveness.offlineSince {
                writer.key("offline_since")
                writer.integer(offlineSince.epochMilliseconds)
            }
            writer.endObject()
        }
        writer.endObject()
        writer.key("last_reported")
        writer.beginObject()
        for (key, reported) in lastReported.sorted(by: { $0.key < $1.key }) {
            writer.key(key)
            writer.beginObject()
            writer.key("value")
            EventDataFields.write(reported.value, to: &writer)
            writer.key("time")
            writer.integer(reported.time.epochMilliseconds)
            writer.endObject()
        }
        writer.endObject()
        writer.key("message_keys")
        writer.beginObject()
        for (device, recent) in recentMessageKeys.sorted(by: { $0.key < $1.key }) {
            writer.key(device)
            writer.beginArray()
            for key in recent.keys { writer.string(key) }
            writer.endArray()
        }
        writer.endObject()
        writer.endObject()
        return writer.takeBytes()
    }

    /// Reads a saved state.
    ///
    /// - Throws: `JSONSyntaxError` when the file is not JSON at all; anything else unexpected is skipped.
    public static func decode(json bytes: [UInt8]) throws(JSONSyntaxError) -> DerivationState {
        let root = try JSONParser.parse(bytes)
        var state = DerivationState()
        for (key, value) in root["thresholds"]?.objectValue ?? [:] {
            if let crossed = value.boolValue { state.crossedThresholds[key] = crossed }
        }
        for (device, value) in root["devices"]?.objectValue ?? [:] {
            guard let status = value["status"]?.stringValue.flatMap(DeviceLiveness.Status.init(rawValue:)) else { continue }
            state.devices[device] = DeviceLiveness(
                status: status, lastSeen: value["last_seen"]?.integerValue.map(Timestamp.init(epochMilliseconds:)),
                offlineSince: value["offline_since"]?.integerValue.map(Timestamp.init(epochMilliseconds:)))
        }
        for (key, value) in root["last_reported"]?.objectValue ?? [:] {
            guard let time = value["time"]?.integerValue.map(Timestamp.init(epochMilliseconds:)) else { continue }
            let reading: ReadingValue? = switch value["value"] {
            case .number(let number)?: .number(number)
            case .bool(let flag)?: .boolean(flag)
            case .string(let text)?: .text(text)
            default: nil
            }
            if let reading { state.lastReported[key] = ReportedValue(value: reading, time: time) }
        }
        for (device, value) in root["message_keys"]?.objectValue ?? [:] {
            state.recentMessageKeys[device] = RecentKeys(keys: (value.arrayValue ?? []).compactMap(\.stringValue))
        }
        return state
    }
}
