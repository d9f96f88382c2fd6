/// The payload schema of one event type: the CloudEvents 1.0 envelope in structured JSON mode, as
/// `CloudEventEncoder` writes it, around the event's `data` (``AsyncAPIDataSchema``).
enum AsyncAPIEnvelopeSchema {
    /// What `CloudEventEncoder` writes as `id`: a lower-case UUIDv7.
    static let uuidV7Pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"

    static func json(for event: AsyncAPIEventType, in configuration: EdgewiseConfiguration) -> JSONValue {
        let gatewayID = configuration.gateway.id
        let devices = AsyncAPINameSet.deviceNames(event.devices)
        var properties: [(String, JSONValue)] = [
            ("specversion", AsyncAPISchema.constant("1.0")),
            ("id", [
                "type": "string", "pattern": .string(uuidV7Pattern),
                "description": "A UUIDv7, unique per gateway and never reused; an event delivered twice keeps its id, so consumers can deduplicate on it.",
            ]),
        ]
        switch event.subject {
        case .gateway:
            properties.append(("source", AsyncAPISchema.constant("edgewise://\(gatewayID)")))
        case .point, .device:
            properties.append(("source", devices.wrapped(prefix: "edgewise://\(gatewayID)/devices/").schema("edgewise://GATEWAY/devices/DEVICE")))
        }
        properties.append(("type", AsyncAPISchema.constant(event.name.cloudEventType())))
        switch event.subject {
        case .gateway:
            break
        case .point:
            properties.append(("subject", pointSubjects(of: event.devices).schema("DEVICE/POINT")))
        case .device where event.hasOpenPoint:
            var subjects = devices
            subjects.formUnion(devices.wrapped(prefix: "", suffix: "/").openEnded())
            properties.append(("subject", subjects.schema("DEVICE, or DEVICE/POINT when the problem concerns a point")))
        case .device:
            properties.append(("subject", devices.schema("DEVICE")))
        }
        properties += [
            ("time", AsyncAPISchema.time("When it happened, RFC 3339 UTC with milliseconds; for readings, when the value was measured.")),
            ("datacontenttype", AsyncAPISchema.constant("application/json")),
            ("data", AsyncAPIDataSchema.json(for: event, in: configuration)),
            ("edgewisereplay", [
                "type": "boolean", "const": true,
                "description": "Present, and true, on events sent from the buffer's backlog after an outage or a restart rather than live.",
            ]),
        ]
        var required = ["specversion", "id", "source", "type", "time", "datacontenttype", "data"]
        if event.subject != .gateway { required.insert("subject", at: 4) }
        return AsyncAPISchema.object(
            properties, required: required,
            description: "A \(event.name) event: CloudEvents 1.0 in structured JSON mode. See docs/events.md.")
    }

    /// `DEVICE/POINT` for every point of `devices`; a template device contributes a pattern.
    static func pointSubjects(of devices: [DeviceConfig]) -> AsyncAPINameSet {
        var subjects = AsyncAPINameSet()
        for device in devices {
            if device.isTemplate {
                let points = device.points.map { AsyncAPINameSet.escaped($0.name) }.joined(separator: "|")
                subjects.insert(pattern: AsyncAPINameSet.instancePattern(device.name) + "/(\(points))")
            } else {
                for point in device.points { subjects.insert("\(device.name)/\(point.name)") }
            }
        }
        return subjects
    }
}

extension AsyncAPINameSet {
    /// Each name and pattern followed by any one topic level: `hvac/` → `hvac/[^/+#]+`.
    fileprivate func openEnded() -> AsyncAPINameSet {
        var set = AsyncAPINameSet()
        for name in names { set.insert(pattern: Self.escaped(name) + Self.topicLevel) }
        for pattern in patterns { set.insert(pattern: pattern + Self.topicLevel) }
        return set
    }
}
