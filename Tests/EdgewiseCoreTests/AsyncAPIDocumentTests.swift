import Testing

@testable import EdgewiseCore

@Suite("AsyncAPI 3.0 document of the upstream events")
struct AsyncAPIDocumentTests {
    // MARK: - Structure

    @Test func hasTheTopLevelStructureOfAnAsyncAPI3Document() throws {
        let document = AsyncAPIFixture.document()
        #expect(document["asyncapi"] == "3.0.0")
        #expect(document["info"]?["title"] == "Edgewise gateway greenhouse-01")
        #expect(document["info"]?["version"] == .string(EdgewiseVersion.current))
        #expect(document["defaultContentType"] == "application/cloudevents+json")
        let channels = try #require(document["channels"]?.objectValue)
        let operations = try #require(document["operations"]?.objectValue)
        #expect(!channels.isEmpty)
        for (id, channel) in channels {
            #expect(channel["address"]?.stringValue != nil, "channel \(id) has no address")
            let messages = try #require(channel["messages"]?.objectValue, "channel \(id) has no messages")
            for (_, message) in messages {
                #expect(message["$ref"]?.stringValue?.hasPrefix("#/components/messages/") == true)
            }
        }
        for (id, operation) in operations {
            #expect(operation["action"] == "send", "operation \(id)")
            #expect(operation["channel"]?["$ref"]?.stringValue?.hasPrefix("#/channels/") == true, "operation \(id)")
        }
    }

    @Test func everyReferenceResolvesWithinTheDocument() throws {
        var example: [String] = []
        collectReferences(in: AsyncAPIFixture.document(), into: &example)
        #expect(example.count == 12 * 3 + 12 + 12)  // channel messages, servers and operations' channels; operations' messages; payloads
        for document in AsyncAPIFixture.variants {
            var references: [String] = []
            collectReferences(in: document, into: &references)
            for reference in references {
                #expect(resolve(reference, in: document) != nil, "\(reference) does not resolve")
            }
        }
    }

    @Test func followsTheAsyncAPI3SchemaForEveryObjectItUses() {
        for document in AsyncAPIFixture.variants {
            #expect(AsyncAPIStructure.problems(in: document) == [])
        }
    }

    @Test func operationsSendTheMessagesOfTheirChannel() throws {
        let document = AsyncAPIFixture.document()
        for (id, operation) in try #require(document["operations"]?.objectValue) {
            let channel = try #require(operation["channel"]?["$ref"]?.stringValue)
            for message in operation["messages"]?.arrayValue ?? [] {
                #expect(message["$ref"]?.stringValue?.hasPrefix(channel + "/messages/") == true, "operation \(id)")
            }
        }
    }

    @Test func theEncodedTextIsTheDocument() throws {
        let document = AsyncAPIDocument(configuration: AsyncAPIFixture.configuration())
        let bytes = document.encoded()
        #expect(try JSONParser.parse(bytes) == document.json)
        #expect(!bytes.contains(UInt8(ascii: "\n")))
        #expect(bytes == AsyncAPIDocument(configuration: AsyncAPIFixture.configuration()).encoded())
    }

    // MARK: - Server

    @Test func theUpstreamBrokerIsTheServer() throws {
        let server = try #require(AsyncAPIFixture.document()["servers"]?["upstream"])
        #expect(server["host"] == "cloud.example.com:8883")
        #expect(server["protocol"] == "secure-mqtt")
        #expect(server["protocolVersion"] == "3.1.1")
        #expect(server["bindings"]?["mqtt"] == ["clientId": "edgewise-greenhouse-01-upstream", "keepAlive": 30, "bindingVersion": "0.2.0"])
        let plain = AsyncAPIFixture.document(upstreamURL: "mqtt://[::1]")["servers"]?["upstream"]
        #expect(plain?["host"] == "[::1]:1883")
        #expect(plain?["protocol"] == "mqtt")
    }

    @Test func withoutUpstreamTheServerIsAPlaceholderAndTheTopicTheDefault() throws {
        let document = AsyncAPIFixture.document(upstream: false)
        let server = try #require(document["servers"]?["upstream"])
        #expect(server["host"] == "{host}")
        #expect(server["variables"]?["host"]?["description"] != nil)
        #expect(document["channels"]?["ReadingReported"]?["address"] == "edgewise/greenhouse-01/events/ReadingReported/{device}")
        #expect(document["info"]?["description"]?.stringValue?.contains("No upstream is configured") == true)
    }

    @Test func withBatchingTheDescriptionSaysWhereTheBatchesGo() throws {
        var configuration = AsyncAPIFixture.configuration()
        configuration.gateway.upstream?.batch = UpstreamBatchConfig(maxEvents: 20)
        let description = AsyncAPIDocument(configuration: configuration).json["info"]?["description"]?.stringValue ?? ""
        #expect(description.contains("application/cloudevents-batch+json") && description.contains("up to 20 per message) on edgewise/greenhouse-01/batch"), "\(description)")
        #expect(AsyncAPIFixture.document()["info"]?["description"]?.stringValue?.contains("batch") == false)
    }

    // MARK: - Channels

    @Test func eachEventTypeHasAChannelAtItsUpstreamTopic() throws {
        let channels = try #require(AsyncAPIFixture.document()["channels"]?.objectValue)
        #expect(channels.keys == [
            "ReadingReported", "ReadingRejected", "ThresholdCrossed", "ThresholdCleared", "DeviceOffline", "DeviceOnline", "RuleTriggered",
            "RuleCleared", "ActionConfirmed", "ActionFailed", "BufferOverflow", "CoolingRequested",
        ])
        #expect(channels["ThresholdCrossed"]?["address"] == "edgewise/greenhouse-01/events/ThresholdCrossed/{device}")
        #expect(channels["RuleTriggered"]?["address"] == "edgewise/greenhouse-01/events/RuleTriggered/-")
        #expect(channels["RuleTriggered"]?["parameters"] == nil)
        #expect(channels["CoolingRequested"]?["messages"] == ["CoolingRequested": ["$ref": "#/components/messages/CoolingRequested"]])
    }

    @Test func theDeviceParameterListsTheDevicesThatRaiseTheEvent() throws {
        let channels = try #require(AsyncAPIFixture.document(templates: false)["channels"])
        #expect(channels["ReadingReported"]?["parameters"]?["device"]?["enum"] == ["greenhouse-air", "hvac"])
        #expect(channels["ThresholdCrossed"]?["parameters"]?["device"]?["enum"] == ["greenhouse-air"])
        #expect(channels["ActionFailed"]?["parameters"]?["device"]?["enum"] == ["hvac"])
        // greenhouse-air has stale_after, hvac is polled: both can go offline.
        #expect(channels["DeviceOffline"]?["parameters"]?["device"]?["enum"] == ["greenhouse-air", "hvac"])
    }

    @Test func templateDevicesLeaveTheDeviceParameterOpen() throws {
        let device = try #require(AsyncAPIFixture.document()["channels"]?["ReadingReported"]?["parameters"]?["device"])
        #expect(device["enum"] == nil)
        #expect(device["examples"] == ["greenhouse-air", "hvac"])
        #expect(device["description"]?.stringValue?.contains("room-{device}") == true)
    }

    @Test func aTopicWithThePointHasAPointParameter() throws {
        let channels = try #require(AsyncAPIFixture.document(topic: "site/{gateway}/{device}/{point}/{type}", templates: false)["channels"])
        #expect(channels["ReadingReported"]?["address"] == "site/greenhouse-01/{device}/{point}/ReadingReported")
        #expect(channels["ThresholdCrossed"]?["parameters"]?["point"]?["enum"] == ["temperature"])
        #expect(channels["DeviceOnline"]?["address"] == "site/greenhouse-01/{device}/-/DeviceOnline")
        #expect(channels["BufferOverflow"]?["address"] == "site/greenhouse-01/-/-/BufferOverflow")
        // A rejected message names no point, or one the device lacks.
        let rejected = channels["ReadingRejected"]?["parameters"]?["point"]
        #expect(rejected?["enum"] == nil)
        #expect(rejected?["examples"]?.arrayValue?.contains("-") == true)
    }

    @Test func channelAddressesAreTheTopicsTheForwarderPublishesTo() throws {
        for topic in ["edgewise/{gateway}/events/{type}/{device}", "site/{gateway}/{device}/{point}/{type}", "all/{gateway}"] {
            let configuration = AsyncAPIFixture.configuration(topic: topic)
            let upstream = try #require(configuration.gateway.upstream)
            let document = AsyncAPIDocument(configuration: configuration).json
            for sample in AsyncAPIFixture.sampleEvents {
                let event = Event(id: AsyncAPIFixture.eventID, event: sample)
                let expected = upstream.topic(for: event, gateway: "greenhouse-01")
                let operation = try #require(document["operations"]?["send\(sample.name)"], "no operation for \(sample.name)")
                let channelID = try #require(operation["channel"]?["$ref"]?.stringValue?.split(separator: "/").last.map(String.init))
                let address = try #require(document["channels"]?[channelID]?["address"]?.stringValue)
                let filled = address.replacingPlaceholder("{device}", with: sample.device ?? "?").replacingPlaceholder("{point}", with: sample.point ?? "-")
                #expect(filled == expected, "\(sample.name) with topic \(topic)")
            }
        }
    }

    @Test func withoutTypeInTheTopicEventsShareAChannel() throws {
        let document = AsyncAPIFixture.document(topic: "all/{gateway}")
        let channels = try #require(document["channels"]?.objectValue)
        #expect(channels.keys == ["events"])
        #expect(channels["events"]?["address"] == "all/greenhouse-01")
        #expect(channels["events"]?["messages"]?.objectValue?.count == 12)
        #expect(document["operations"]?["sendDeviceOnline"]?["messages"] == [["$ref": "#/channels/events/messages/DeviceOnline"]])
    }

    @Test func upstreamEventsLimitsTheChannels() throws {
        let document = AsyncAPIFixture.document(forwarded: ["ThresholdCrossed", "DeviceOffline"])
        #expect(document["channels"]?.objectValue?.keys == ["ThresholdCrossed", "DeviceOffline"])
        #expect(document["operations"]?.objectValue?.keys == ["sendThresholdCrossed", "sendDeviceOffline"])
        #expect(document["components"]?["messages"]?.objectValue?.keys == ["ThresholdCrossed", "DeviceOffline"])
    }

    // MARK: - Messages and payloads

    @Test func messagesAreCloudEventsWithTheirTypeFixed() throws {
        let document = AsyncAPIFixture.document()
        let messages = try #require(document["components"]?["messages"]?.objectValue)
        for (name, message) in messages {
            #expect(message["contentType"] == "application/cloudevents+json")
            #expect(message["payload"] == ["$ref": .string("#/components/schemas/\(name)")])
            let payload = try #require(document["components"]?["schemas"]?[name])
            #expect(payload["properties"]?["type"]?["const"] == .string(EventName(name).cloudEventType()))
            #expect(payload["properties"]?["specversion"]?["const"] == "1.0")
            #expect(payload["required"]?.arrayValue?.contains("data") == true)
        }
    }

    @Test func customEventsNameTheRulesThatEmitThem() throws {
        let schemas = try #require(AsyncAPIFixture.document()["components"]?["schemas"])
        let data = try #require(schemas["CoolingRequested"]?["properties"]?["data"])
        #expect(data["properties"]?["rule"]?["enum"] == ["cool-greenhouse"])
        #expect(data["required"] == ["rule", "reason", "values"])
        #expect(schemas["CoolingRequested"]?["properties"]?["source"]?["const"] == "edgewise://greenhouse-01")
        #expect(schemas["RuleTriggered"]?["properties"]?["data"]?["properties"]?["rule"]?["enum"] == ["cool-greenhouse", "heat-office"])
    }

    @Test func bufferOverflowCountsEvictionsByClass() throws {
        let data = try #require(AsyncAPIFixture.document()["components"]?["schemas"]?["BufferOverflow"]?["properties"]?["data"])
        #expect(data["properties"]?["evicted"]?["required"] == ["telemetry", "normal", "alarm"])
        #expect(data["required"] == ["episode", "since", "policy", "evicted", "refused"])
    }

    @Test func anEventNothingRaisesIsDescribedAndSaysSo() throws {
        let document = AsyncAPIFixture.document(thresholds: false)
        let message = try #require(document["components"]?["messages"]?["ThresholdCrossed"])
        #expect(message["description"] == "This gateway does not send it now: no point in this configuration has thresholds.")
        #expect(document["channels"]?["ThresholdCrossed"]?["parameters"]?["device"]?["enum"] == nil)
    }

    @Test("the payload schema accepts what CloudEventEncoder writes", arguments: AsyncAPIFixture.sampleEvents.indices)
    func payloadSchemaAcceptsTheEncodedEvent(index: Int) throws {
        let document = AsyncAPIFixture.document()
        let sample = AsyncAPIFixture.sampleEvents[index]
        let encoded = CloudEventEncoder(gatewayID: "greenhouse-01").encode(Event(id: AsyncAPIFixture.eventID, event: sample))
        let event = try JSONParser.parse(encoded)
        let schema = try #require(document["components"]?["schemas"]?[sample.name.name])
        #expect(SchemaCheck(document: document).errors(event, schema) == [], "\(sample.name): \(event)")
        var replayed = try #require(event.objectValue)
        replayed.append(key: "edgewisereplay", value: true)
        #expect(SchemaCheck(document: document).errors(.object(replayed), schema) == [])
    }

    @Test("the payload schema rejects what the configuration cannot produce", arguments: [
        ("ReadingReported", #"{"device":"hvac","point":"cooling","value":1}"#, "hvac.cooling is a boolean"),
        ("ReadingReported", #"{"device":"hvac","point":"supply_temp","value":21.5,"unit":"V"}"#, "hvac.supply_temp is in degC"),
        ("ReadingReported", #"{"device":"boiler","point":"temperature","value":21.5}"#, "there is no device boiler"),
        ("ReadingReported", #"{"device":"room-kitchen","point":"temperature","value":"warm"}"#, "room temperatures are numbers"),
        ("DeviceOffline", #"{"device":"hvac","reason":"stale"}"#, "stale needs stale_after"),
        ("ActionConfirmed", #"{"device":"hvac","point":"cooling","value":true,"read_back":1,"duration_ms":4}"#, "read_back is a boolean"),
        ("CoolingRequested", #"{"rule":"cool-greenhouse","reason":"x","values":{}}"#, "the rule reads greenhouse-air.temperature"),
    ])
    func payloadSchemaRejects(name: String, data: String, why: String) throws {
        let document = AsyncAPIFixture.document()
        let schema = try #require(document["components"]?["schemas"]?[name]?["properties"]?["data"])
        #expect(!SchemaCheck(document: document).errors(try JSONParser.parse(data), schema).isEmpty, "\(why)")
    }

    @Test func templateDevicesAppearAsPatterns() throws {
        let properties = try #require(AsyncAPIFixture.document()["components"]?["schemas"]?["ReadingReported"]?["properties"])
        #expect(properties["data"]?["properties"]?["device"]?["anyOf"] == [["enum": ["greenhouse-air", "hvac"]], ["pattern": "^room-[^/+#]+$"]])
        let check = SchemaCheck(document: AsyncAPIFixture.document())
        let subject = try #require(properties["subject"])
        #expect(check.errors("room-kitchen/temperature", subject) == [])
        #expect(!check.errors("room-kitchen/pressure", subject).isEmpty)
        #expect(!check.errors("room-a/b/temperature", subject).isEmpty)
    }

    // MARK: - Helpers

    func collectReferences(in value: JSONValue, into references: inout [String]) {
        switch value {
        case .object(let object):
            for (key, member) in object {
                if key == "$ref", let reference = member.stringValue { references.append(reference) } else { collectReferences(in: member, into: &references) }
            }
        case .array(let elements):
            for element in elements { collectReferences(in: element, into: &references) }
        default:
            break
        }
    }
}

/// Resolves a local JSON pointer reference (`#/components/messages/X`) in `document`.
func resolve(_ reference: String, in document: JSONValue) -> JSONValue? {
    guard reference.hasPrefix("#/") else { return nil }
    var current: JSONValue? = document
    for token in reference.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false) {
        let key = String(token).replacingPlaceholder("~1", with: "/").replacingPlaceholder("~0", with: "~")
        current = current?[key]
    }
    return current
}

/// Configurations for the tests: the repository's example (greenhouse-air, hvac, the cooling rule),
/// plus a template device `room-{device}` and a second rule, with the knobs the tests turn.
enum AsyncAPIFixture {
    static let here = ConfigLocation(file: "test.yaml", line: 1, column: 1)
    static let eventID = EventID("019ab2f4-5c3e-7a41-8d2f-6b1e0c9a7f10")!
    static let time = Timestamp(epochMilliseconds: 1_763_924_700_123)

    /// The documents the structural tests check: every shape of configuration.
    static var variants: [JSONValue] {
        [
            document(), document(upstream: false), document(topic: "site/{gateway}/{device}/{point}/{type}"), document(topic: "all/{gateway}"),
            document(thresholds: false, templates: false), document(forwarded: []),
        ]
    }

    static func document(
        upstream: Bool = true, upstreamURL: String = "mqtts://cloud.example.com", topic: String? = nil, thresholds: Bool = true,
        templates: Bool = true, forwarded: Set<String>? = nil
    ) -> JSONValue {
        AsyncAPIDocument(configuration: configuration(
            upstream: upstream, upstreamURL: upstreamURL, topic: topic, thresholds: thresholds, templates: templates, forwarded: forwarded)).json
    }

    static func configuration(
        upstream: Bool = true, upstreamURL: String = "mqtts://cloud.example.com", topic: String? = nil, thresholds: Bool = true,
        templates: Bool = true, forwarded: Set<String>? = nil
    ) -> EdgewiseConfiguration {
        let local = BrokerConfig(url: try! BrokerURL.parse("mqtt://127.0.0.1:1883"))
        let upstreamConfig = UpstreamConfig(
            broker: BrokerConfig(url: try! BrokerURL.parse(upstreamURL)), topic: topic.map { try! TopicTemplate.parse($0) } ?? .default,
            events: forwarded)
        let gateway = GatewayConfig(id: "greenhouse-01", localBroker: local, upstream: upstream ? upstreamConfig : nil)
        var devices = [greenhouseAir(thresholds: thresholds), hvac]
        if templates { devices.append(room) }
        let rules = [
            rule("cool-greenhouse", when: "greenhouse-air.temperature > 26", until: "greenhouse-air.temperature < 24",
                 then: [write("hvac", "cooling", "on"), RuleAction(.emit(EventName("CoolingRequested")), location: here)]),
            rule("heat-office", when: "hvac.alarm or greenhouse-air.temperature < 5", then: [write("hvac", "cooling", "off")]),
        ]
        return EdgewiseConfiguration(gateway: gateway, devices: devices, rules: rules)
    }

    static func greenhouseAir(thresholds: Bool) -> DeviceConfig {
        let settings = MQTTDeviceSettings(topic: try! TopicPattern.parse("sensors/greenhouse/air"))
        return DeviceConfig(name: "greenhouse-air", location: here, connection: .mqtt(settings), staleAfter: .seconds(60), points: [
            PointConfig(
                name: "temperature", location: here, source: .mqtt(json: try! PayloadPath.parse("$.temp"), kind: .number), unit: unit("degC"),
                thresholds: thresholds ? [Threshold(direction: .above, limit: 30, hysteresis: 1, location: here)] : []),
            PointConfig(name: "humidity", location: here, source: .mqtt(json: try! PayloadPath.parse("$.hum"), kind: .number), unit: unit("percent")),
        ])
    }

    static let hvac: DeviceConfig = {
        let settings = ModbusDeviceSettings(transport: .tcp(HostAndPort(host: "127.0.0.1", port: 5020)))
        return DeviceConfig(name: "hvac", location: here, connection: .modbus(settings), points: [
            PointConfig(name: "supply_temp", location: here, source: .modbus(ModbusRegister(table: .holding, address: 100, type: .int16)),
                        unit: unit("degC"), scale: 0.1),
            PointConfig(name: "alarm", location: here, source: .modbus(ModbusRegister(table: .discreteInput, address: 0, type: .bool))),
            PointConfig(name: "cooling", location: here, source: .modbus(ModbusRegister(table: .coil, address: 0, type: .bool)), isWritable: true),
        ])
    }()

    /// `device: "room-{device}"` on `home/{device}/{point}`: rooms are named as they publish.
    static let room: DeviceConfig = {
        let settings = MQTTDeviceSettings(topic: try! TopicPattern.parse("home/{device}/{point}"))
        return DeviceConfig(name: "room-{device}", location: here, connection: .mqtt(settings), staleAfter: .seconds(300), points: [
            PointConfig(name: "temperature", location: here, source: .mqtt(json: nil, kind: .number), unit: unit("degC"))
        ])
    }()

    static func unit(_ symbol: String) -> MeasurementUnit { try! UnitCatalog.unit(symbol) }

    static func expression(_ text: String) -> SourceExpression { try! SourceExpression.parse(text, at: here) }

    static func write(_ device: String, _ point: String, _ value: String) -> RuleAction {
        RuleAction(.write(PointWrite(device: device, point: point, targetLocation: here, value: expression(value))), location: here)
    }

    static func rule(_ name: String, when: String, until: String? = nil, then: [RuleAction]) -> RuleConfig {
        RuleConfig(name: name, location: here, when: expression(when), until: until.map(expression), onTrigger: then)
    }

    /// One event of every kind, as the runtime derives them.
    static let sampleEvents: [DomainEvent] = {
        let degC = unit("degC")
        let values = [RuleEventData.PointValue(point: "greenhouse-air.temperature", value: .number(27.5))]
        return [
            DomainEvent(.readingReported, time: time, device: "greenhouse-air", point: "temperature", data: .readingReported(value: .number(24.5), unit: degC)),
            DomainEvent(.readingReported, time: time, device: "hvac", point: "cooling", data: .readingReported(value: .boolean(true), unit: nil)),
            DomainEvent(.readingReported, time: time, device: "room-kitchen", point: "temperature", data: .readingReported(value: .number(21), unit: degC)),
            DomainEvent(.readingRejected, time: time, device: "greenhouse-air", point: nil, data: .readingRejected(
                source: "sensors/greenhouse/air", reason: .malformedPayload, detail: "expected ',' at byte 12", payloadExcerpt: "{\"temp\": 2")),
            DomainEvent(.readingRejected, time: time, device: "room-kitchen", point: "pressure", data: .readingRejected(
                source: "home/kitchen/pressure", reason: .unknownPoint, detail: "device 'room-kitchen' has no point 'pressure'", payloadExcerpt: "1013")),
            DomainEvent(.thresholdCrossed, time: time, device: "greenhouse-air", point: "temperature", data: .thresholdCrossed(
                ThresholdEventData(value: 30.4, unit: degC, direction: .above, limit: 30, hysteresis: 1))),
            DomainEvent(.thresholdCleared, time: time, device: "greenhouse-air", point: "temperature", data: .thresholdCleared(
                ThresholdEventData(value: 28.9, unit: degC, direction: .above, limit: 30, hysteresis: 1))),
            DomainEvent(.deviceOffline, time: time, device: "greenhouse-air", data: .deviceOffline(lastSeen: time, cause: .silent(staleAfter: .seconds(60)))),
            DomainEvent(.deviceOffline, time: time, device: "hvac", data: .deviceOffline(
                lastSeen: nil, cause: .unreachable(failedPolls: 3, error: "Connection timed out"))),
            DomainEvent(.deviceOnline, time: time, device: "room-bath", data: .deviceOnline(offlineSince: nil)),
            DomainEvent(.ruleTriggered, time: time, device: nil, data: .ruleTriggered(
                RuleEventData(rule: "cool-greenhouse", reason: "condition held", values: values))),
            DomainEvent(.ruleCleared, time: time, device: nil, data: .ruleCleared(RuleEventData(rule: "heat-office", reason: "until condition met", values: [
                RuleEventData.PointValue(point: "hvac.alarm", value: .boolean(false)),
                RuleEventData.PointValue(point: "greenhouse-air.temperature", value: nil),
            ]))),
            DomainEvent(EventName("CoolingRequested"), time: time, device: nil, data: .emitted(
                RuleEventData(rule: "cool-greenhouse", reason: "condition held", values: values))),
            DomainEvent(.actionConfirmed, time: time, device: "hvac", point: "cooling", data: .actionConfirmed(ActionEventData(
                value: .boolean(true), unit: nil, rule: "cool-greenhouse", readBack: .boolean(true), duration: .milliseconds(42)))),
            DomainEvent(.actionFailed, time: time, device: "hvac", point: "cooling", data: .actionFailed(ActionEventData(
                value: .boolean(false), unit: nil, rule: nil, error: "write coil 0 on unit 1 failed: Connection timed out", duration: .seconds(1)))),
            DomainEvent(.bufferOverflow, time: time, device: nil, data: .bufferOverflow(BufferOverflowData(
                episode: 1, since: time, until: time + .seconds(90), policy: "priority", evictedTelemetry: 1200, evictedNormal: 3, evictedAlarm: 0,
                refused: 0))),
        ]
    }()
}

/// Checks a JSON value against a JSON Schema, with the keywords the AsyncAPI document uses (draft
/// 07): `$ref`, `type`, `const`, `enum`, `pattern`, `minimum`, `properties`, `required`,
/// `additionalProperties`, `anyOf`, `oneOf`. An unknown keyword is an error, so the document
/// cannot use one this check ignores.
struct SchemaCheck {
    let document: JSONValue

    static let keywords: Set<String> = [
        "$ref", "type", "const", "enum", "pattern", "minimum", "properties", "required", "additionalProperties", "anyOf", "oneOf",
        "description", "format",
    ]

    func errors(_ value: JSONValue, _ schema: JSONValue, at path: String = "$") -> [String] {
        guard let schema = schema.objectValue else { return ["\(path): the schema is not an object"] }
        var errors: [String] = []
        for key in schema.keys where !Self.keywords.contains(key) { errors.append("\(path): unknown keyword \(key)") }
        if let reference = schema["$ref"]?.stringValue {
            guard let target = resolve(reference, in: document) else { return ["\(path): \(reference) does not resolve"] }
            errors += self.errors(value, target, at: path)
        }
        if let type = schema["type"] {
            let types = type.arrayValue ?? [type]
            if !types.contains(where: { Self.has(value, type: $0.stringValue ?? "") }) { errors.append("\(path): \(value) is not \(type)") }
        }
        if let constant = schema["const"], constant != value { errors.append("\(path): \(value) is not \(constant)") }
        if let values = schema["enum"]?.arrayValue, !values.contains(value) { errors.append("\(path): \(value) is not one of \(values)") }
        if let pattern = schema["pattern"]?.stringValue, let text = value.stringValue {
            do {
                if try text.firstMatch(of: Regex(pattern)) == nil { errors.append("\(path): '\(text)' does not match \(pattern)") }
            } catch {
                errors.append("\(path): bad pattern \(pattern)")
            }
        }
        if let minimum = schema["minimum"]?.doubleValue, let number = value.doubleValue, number < minimum {
            errors.append("\(path): \(number) < \(minimum)")
        }
        if let object = value.objectValue {
            let properties = schema["properties"]?.objectValue ?? JSONObject()
            for name in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[name] == nil {
                errors.append("\(path): \(name) is missing")
            }
            for (name, member) in object {
                if let property = properties[name] {
                    errors += self.errors(member, property, at: "\(path).\(name)")
                } else if let additional = schema["additionalProperties"] {
                    if additional == false { errors.append("\(path): \(name) is not allowed") }
                    if additional.objectValue != nil { errors += self.errors(member, additional, at: "\(path).\(name)") }
                }
            }
        }
        if let alternatives = schema["anyOf"]?.arrayValue {
            if !alternatives.contains(where: { self.errors(value, $0, at: path).isEmpty }) { errors.append("\(path): no anyOf alternative holds") }
        }
        if let alternatives = schema["oneOf"]?.arrayValue {
            let holding = alternatives.filter { self.errors(value, $0, at: path).isEmpty }.count
            if holding != 1 { errors.append("\(path): \(holding) oneOf alternatives hold") }
        }
        return errors
    }

    static func has(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("string", .string), ("boolean", .bool), ("number", .number), ("object", .object), ("array", .array), ("null", .null): true
        case ("integer", .number): value.integerValue != nil
        default: false
        }
    }
}

/// The rules of the AsyncAPI 3.0.0 JSON Schema (asyncapi/spec-json-schemas,
/// `schemas/3.0.0.json`) for the objects the document uses: the members each may have (all of
/// them `additionalProperties: false`), the ones it must have, and the shape of component keys,
/// MQTT bindings and payload schemas.
enum AsyncAPIStructure {
    struct Rule {
        var allowed: Set<String>
        var required: Set<String> = []
    }

    static let document = Rule(
        allowed: ["asyncapi", "id", "info", "servers", "defaultContentType", "channels", "operations", "components"], required: ["asyncapi", "info"])
    static let info = Rule(
        allowed: ["title", "version", "description", "termsOfService", "contact", "license", "tags", "externalDocs"], required: ["title", "version"])
    static let server = Rule(
        allowed: ["host", "pathname", "title", "summary", "description", "protocol", "protocolVersion", "variables", "security", "tags",
                  "externalDocs", "bindings"],
        required: ["host", "protocol"])
    static let serverVariable = Rule(allowed: ["enum", "default", "description", "examples"])
    static let channel = Rule(
        allowed: ["address", "messages", "title", "summary", "description", "servers", "parameters", "tags", "externalDocs", "bindings"])
    static let parameter = Rule(allowed: ["enum", "default", "description", "examples", "location"])
    static let operation = Rule(
        allowed: ["action", "channel", "title", "summary", "description", "security", "tags", "externalDocs", "bindings", "traits", "messages",
                  "reply"],
        required: ["action", "channel"])
    static let message = Rule(
        allowed: ["headers", "payload", "correlationId", "contentType", "name", "title", "summary", "description", "tags", "externalDocs",
                  "bindings", "examples", "traits", "deprecated"])
    static let components = Rule(
        allowed: ["schemas", "servers", "channels", "operations", "messages", "securitySchemes", "serverVariables", "parameters",
                  "correlationIds", "replies", "replyAddresses", "externalDocs", "tags", "operationTraits", "messageTraits", "serverBindings",
                  "channelBindings", "operationBindings", "messageBindings"])
    static let mqttServerBinding = Rule(
        allowed: ["clientId", "cleanSession", "lastWill", "keepAlive", "sessionExpiryInterval", "maximumPacketSize", "bindingVersion"])
    static let mqttOperationBinding = Rule(allowed: ["qos", "retain", "messageExpiryInterval", "bindingVersion"])
    static let reference = Rule(allowed: ["$ref"], required: ["$ref"])

    static func problems(in document: JSONValue) -> [String] {
        var problems: [String] = []
        func check(_ value: JSONValue?, _ rule: Rule, _ path: String) {
            guard let object = value?.objectValue else { return problems.append("\(path) is not an object") }
            for key in object.keys where !rule.allowed.contains(key) && !key.hasPrefix("x-") { problems.append("\(path).\(key) is not allowed") }
            for key in rule.required where object[key] == nil { problems.append("\(path).\(key) is missing") }
        }
        func members(_ value: JSONValue?, _ path: String) -> [(key: String, value: JSONValue)] {
            guard let value else { return [] }
            guard let object = value.objectValue else {
                problems.append("\(path) is not an object")
                return []
            }
            return Array(object)
        }
        check(document, Self.document, "$")
        if document["asyncapi"] != "3.0.0" { problems.append("$.asyncapi is not 3.0.0") }
        check(document["info"], info, "$.info")
        for (key, server) in members(document["servers"], "$.servers") {
            check(server, Self.server, "$.servers.\(key)")
            for (name, variable) in members(server["variables"], "$.servers.\(key).variables") {
                check(variable, serverVariable, "$.servers.\(key).variables.\(name)")
            }
            if let binding = server["bindings"]?["mqtt"] {
                check(binding, mqttServerBinding, "$.servers.\(key).bindings.mqtt")
                if binding["bindingVersion"] != "0.2.0" { problems.append("$.servers.\(key): MQTT binding version is not 0.2.0") }
            }
        }
        for (key, channel) in members(document["channels"], "$.channels") {
            check(channel, Self.channel, "$.channels.\(key)")
            for (name, message) in members(channel["messages"], "$.channels.\(key).messages") {
                check(message, reference, "$.channels.\(key).messages.\(name)")
            }
            for (name, parameter) in members(channel["parameters"], "$.channels.\(key).parameters") {
                check(parameter, Self.parameter, "$.channels.\(key).parameters.\(name)")
                if let values = parameter["enum"], values.arrayValue?.allSatisfy({ $0.stringValue != nil }) != true {
                    problems.append("$.channels.\(key).parameters.\(name).enum is not a list of strings")
                }
            }
            // Every {parameter} in the address is described, and nothing else.
            let address = channel["address"]?.stringValue ?? ""
            let named = Set(address.matches(of: #/\{([^}]+)\}/#).map { String($0.output.1) })
            if named != Set(channel["parameters"]?.objectValue?.keys ?? []) {
                problems.append("$.channels.\(key): the parameters do not match the address \(address)")
            }
        }
        for (key, operation) in members(document["operations"], "$.operations") {
            check(operation, Self.operation, "$.operations.\(key)")
            if !["send", "receive"].contains(operation["action"]?.stringValue ?? "") { problems.append("$.operations.\(key).action") }
            check(operation["channel"], reference, "$.operations.\(key).channel")
            for message in operation["messages"]?.arrayValue ?? [] { check(message, reference, "$.operations.\(key).messages") }
            if let binding = operation["bindings"]?["mqtt"] {
                check(binding, mqttOperationBinding, "$.operations.\(key).bindings.mqtt")
                if let qos = binding["qos"], ![0, 1, 2].contains(qos) { problems.append("$.operations.\(key): QoS \(qos)") }
            }
        }
        if let components = document["components"] {
            check(components, Self.components, "$.components")
            for (section, entries) in members(components, "$.components") {
                for (key, _) in members(entries, "$.components.\(section)") where key.wholeMatch(of: #/[\w\d\.\-_]+/#) == nil {
                    problems.append("$.components.\(section).\(key): not a valid component key")
                }
            }
            for (key, message) in members(components["messages"], "$.components.messages") {
                check(message, Self.message, "$.components.messages.\(key)")
            }
            for (key, schema) in members(components["schemas"], "$.components.schemas") {
                problems += schemaProblems(schema, "$.components.schemas.\(key)")
            }
        }
        return problems
    }

    /// What makes `schema` an invalid draft-07 schema as AsyncAPI restricts it (non-empty `anyOf`
    /// and `oneOf`), or one `SchemaCheck` does not understand.
    static func schemaProblems(_ schema: JSONValue, _ path: String) -> [String] {
        guard let object = schema.objectValue else { return ["\(path) is not a schema"] }
        var problems: [String] = []
        let types: Set<JSONValue> = ["string", "number", "integer", "boolean", "object", "array", "null"]
        for (key, value) in object {
            switch key {
            case "type":
                if !(value.arrayValue ?? [value]).allSatisfy(types.contains) { problems.append("\(path).type \(value)") }
            case "enum", "anyOf", "oneOf", "required":
                if value.arrayValue?.isEmpty != false { problems.append("\(path).\(key) is not a non-empty array") }
                if key == "anyOf" || key == "oneOf" {
                    for (index, element) in (value.arrayValue ?? []).enumerated() { problems += schemaProblems(element, "\(path).\(key)[\(index)]") }
                }
            case "properties":
                for (name, property) in value.objectValue ?? JSONObject() { problems += schemaProblems(property, "\(path).properties.\(name)") }
            case "additionalProperties":
                if value.boolValue == nil { problems += schemaProblems(value, "\(path).additionalProperties") }
            case "pattern":
                if (try? Regex(value.stringValue ?? "(")) == nil { problems.append("\(path).pattern is not a regular expression") }
            case "description", "format", "$ref":
                if value.stringValue == nil { problems.append("\(path).\(key) is not a string") }
            case "const", "minimum":
                break
            default:
                problems.append("\(path).\(key) is a keyword the tests do not check")
            }
        }
        return problems
    }
}
