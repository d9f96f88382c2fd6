/// The saved form of `RuleEngineState`: a JSON document in the state directory.
///
/// ```json
/// {"version": 1, "time": 1763924700123,
///  "rules": {"cool-greenhouse": {"definition": "9c1f0a7d3b2e4f10", "intent": "on", "active_since": 1763924600000,
///                                "last_triggered": 1763924600000, "last_cleared": 1763920000000}},
///  "values": {"greenhouse-air.temperature": {"value": 26.4, "time": 1763924699000}},
///  "history": {"room.temp": [[1763924640000, 21.5], [1763924700000, 21.7]]},
///  "offline": ["hvac"]}
/// ```
/// `intent` is `off`, `pending` (with `pending_since`) or `on`; a deferred trigger or clear has
/// `requested_at` and `request_reason`. Reading is lenient, like `DerivationState`'s: entries it
/// does not understand are skipped, so a damaged or older file costs some remembered state, never
/// the start of the gateway.
extension RuleEngineState {
    static let formatVersion = 1

    public func encodedJSON() -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 1024)
        writer.beginObject()
        writer.key("version")
        writer.integer(Int64(Self.formatVersion))
        if let time {
            writer.key("time")
            writer.integer(time.epochMilliseconds)
        }
        writer.key("rules")
        writer.beginObject()
        for (name, rule) in rules.sorted(by: { $0.key < $1.key }) {
            writer.key(name)
            rule.write(to: &writer)
        }
        writer.endObject()
        writer.key("values")
        writer.beginObject()
        for (key, recorded) in values.sorted(by: { $0.key < $1.key }) {
            writer.key(key)
            writer.beginObject()
            writer.key("value")
            EventDataFields.write(recorded.value, to: &writer)
            writer.key("time")
            writer.integer(recorded.time.epochMilliseconds)
            writer.endObject()
        }
        writer.endObject()
        writer.key("history")
        writer.beginObject()
        for (key, samples) in history.sorted(by: { $0.key < $1.key }) {
            writer.key(key)
            writer.beginArray()
            for sample in samples {
                writer.beginArray()
                writer.integer(sample.time.epochMilliseconds)
                writer.number(sample.value)
                writer.endArray()
            }
            writer.endArray()
        }
        writer.endObject()
        writer.key("offline")
        writer.beginArray()
        for device in offlineDevices.sorted() { writer.string(device) }
        writer.endArray()
        writer.endObject()
        return writer.takeBytes()
    }

    /// Reads a saved state.
    ///
    /// - Throws: `JSONSyntaxError` when the file is not JSON at all; anything else unexpected is skipped.
    public static func decode(json bytes: [UInt8]) throws(JSONSyntaxError) -> RuleEngineState {
        let root = try JSONParser.parse(bytes)
        var state = RuleEngineState()
        state.time = root["time"]?.integerValue.map(Timestamp.init(epochMilliseconds:))
        for (name, value) in root["rules"]?.objectValue ?? [:] {
            if let rule = RuleState(json: value) { state.rules[name] = rule }
        }
        for (key, value) in root["values"]?.objectValue ?? [:] {
            guard let time = value["time"]?.integerValue.map(Timestamp.init(epochMilliseconds:)) else { continue }
            let reading: ReadingValue? =
                switch value["value"] {
                case .number(let number)?: .number(number)
                case .bool(let flag)?: .boolean(flag)
                case .string(let text)?: .text(text)
                default: nil
                }
            if let reading { state.values[key] = RecordedValue(value: reading, time: time) }
        }
        for (key, value) in root["history"]?.objectValue ?? [:] {
            let samples = (value.arrayValue ?? []).compactMap { pair -> HistorySample? in
                guard let time = pair[0]?.integerValue, let number = pair[1]?.doubleValue else { return nil }
                return HistorySample(time: Timestamp(epochMilliseconds: time), value: number)
            }
            if !samples.isEmpty { state.history[key] = samples.sorted { $0.time < $1.time } }
        }
        state.offlineDevices = Set((root["offline"]?.arrayValue ?? []).compactMap(\.stringValue))
        return state
    }
}

extension RuleState {
    func write(to writer: inout JSONWriter) {
        func time(_ key: String, _ value: Timestamp?) {
            guard let value else { return }
            writer.key(key)
            writer.integer(value.epochMilliseconds)
        }
        writer.beginObject()
        writer.key("definition")
        writer.string(definition)
        writer.key("intent")
        switch intent {
        case .off: writer.string("off")
        case .on: writer.string("on")
        case .pending(let since):
            writer.string("pending")
            time("pending_since", since)
        }
        time("active_since", activeSince)
        time("last_triggered", lastTriggered)
        time("last_cleared", lastCleared)
        time("requested_at", requestedAt)
        if let requestReason {
            writer.key("request_reason")
            writer.string(requestReason)
        }
        writer.endObject()
    }

    init?(json value: JSONValue) {
        guard let definition = value["definition"]?.stringValue else { return nil }
        func time(_ key: String) -> Timestamp? { value[key]?.integerValue.map(Timestamp.init(epochMilliseconds:)) }
        self.init(definition: definition)
        switch value["intent"]?.stringValue {
        case "on": intent = .on
        case "pending": intent = time("pending_since").map { .pending(since: $0) } ?? .off
        default: intent = .off
        }
        activeSince = time("active_since")
        lastTriggered = time("last_triggered")
        lastCleared = time("last_cleared")
        requestedAt = time("requested_at")
        requestReason = value["request_reason"]?.stringValue
    }
}
