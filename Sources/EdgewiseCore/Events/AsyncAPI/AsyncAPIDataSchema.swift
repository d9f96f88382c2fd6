/// The schema of one event type's `data`, as docs/events.md lists its fields and
/// `CloudEventEncoder` writes them, narrowed to the configuration: `device` and `point` name the
/// devices and points that can raise the event, and an `anyOf` gives each device's points their
/// value type and unit (`hvac.cooling` is a boolean, `greenhouse-air.temperature` a number in degC).
enum AsyncAPIDataSchema {
    static func json(for event: AsyncAPIEventType, in configuration: EdgewiseConfiguration) -> JSONValue {
        let device = ("device", AsyncAPINameSet.deviceNames(event.devices).schema("The device; also in the CloudEvents subject."))
        let point = ("point", pointNames(of: event.devices).schema("The point; also in the CloudEvents subject."))
        let unit = ("unit", units(of: event.devices).schema("The point's unit (its convert_to, else its unit); absent for unitless points."))
        switch event.data {
        case .readingReported:
            return AsyncAPISchema.object(
                [device, point, ("value", AsyncAPISchema.value(nil, "The value, of the point's type.")), unit],
                required: ["device", "point", "value"], anyOf: pointVariants(event.devices, values: ["value"]))
        case .readingRejected:
            return AsyncAPISchema.object(
                [
                    device,
                    ("point", AsyncAPISchema.string(
                        "The point; absent when the whole message is unusable (malformed JSON, bad timestamp). For unknown_point, the name the topic gave.")),
                    ("source", AsyncAPISchema.string("The MQTT topic, or the Modbus register.")),
                    ("reason", AsyncAPISchema.oneOf(Rejection.Reason.allCases.map(\.rawValue))),
                    ("detail", AsyncAPISchema.string("What exactly was wrong, e.g. expected a number, found text 'warm'.")),
                    ("payload", AsyncAPISchema.string("The first 128 bytes of the payload, as text (invalid UTF-8 replaced).")),
                ],
                required: ["device", "source", "reason", "detail"])
        case .threshold:
            return AsyncAPISchema.object(
                [
                    device, point, ("value", AsyncAPISchema.number("The value that crossed or cleared.")), unit,
                    ("direction", AsyncAPISchema.oneOf([Threshold.Direction.above.rawValue, Threshold.Direction.below.rawValue])),
                    ("limit", AsyncAPISchema.number()), ("hysteresis", AsyncAPISchema.number()),
                ],
                required: ["device", "point", "value", "direction", "limit", "hysteresis"], anyOf: pointVariants(event.devices, values: []))
        case .deviceOffline:
            return AsyncAPISchema.object(
                [
                    device,
                    ("last_seen", AsyncAPISchema.time("The last message or answer; absent if the device was never heard from.")),
                    ("reason", AsyncAPISchema.oneOf(["stale", "unreachable"])),
                    ("stale_after", AsyncAPISchema.string("reason stale: the device's stale_after, written as in config files (60s, 2m10s).")),
                    ("failed_polls", AsyncAPISchema.integer(minimum: 1, "reason unreachable: polls that failed in a row.")),
                    ("error", AsyncAPISchema.string("reason unreachable: the last failure, e.g. Connection timed out.")),
                ],
                required: ["device", "reason"],
                oneOf: [
                    AsyncAPISchema.refinement([("reason", ["const": "stale"])], required: ["stale_after"]),
                    AsyncAPISchema.refinement([("reason", ["const": "unreachable"])], required: ["failed_polls", "error"]),
                ])
        case .deviceOnline:
            return AsyncAPISchema.object(
                [device, ("offline_since", AsyncAPISchema.time("When it was reported offline; absent on first contact."))],
                required: ["device"])
        case .action(let failed):
            let writers = configuration.rules.filter { rule in
                (rule.onTrigger + rule.onClear).contains { if case .write = $0.kind { true } else { false } }
            }
            var properties = [
                device, point, ("value", AsyncAPISchema.value(nil, "The value written, in the point's reported unit.")), unit,
                ("rule", AsyncAPINameSet(names: writers.map(\.name)).schema("The rule whose action it was; absent for other writes.")),
                ("read_back", AsyncAPISchema.value(nil, "What the read-back returned; absent when not read back.")),
                ("duration_ms", AsyncAPISchema.integer(minimum: 0, "From the request to the confirmation or failure, including waiting for the bus.")),
            ]
            var required = ["device", "point", "value", "duration_ms"]
            if failed {
                properties.append(("error", AsyncAPISchema.string("Why, e.g. write holding 100 on unit 1 failed: Illegal data address (Modbus exception 2).")))
                required.append("error")
            }
            return AsyncAPISchema.object(properties, required: required, anyOf: pointVariants(event.devices, values: ["value", "read_back"]))
        case .rule:
            return AsyncAPISchema.object(
                [
                    ("rule", AsyncAPINameSet(names: event.rules.map(\.name)).schema("The rule.")),
                    ("reason", AsyncAPISchema.string("Why, in words: condition held for 2m, until condition met, data unknown (on_unknown: clear).")),
                    ("values", [
                        "type": "object",
                        "description": "Each point the rule's conditions read (DEVICE.POINT), with its value then; null when unknown.",
                        "additionalProperties": ["type": ["number", "boolean", "string", "null"]],
                    ]),
                ],
                required: ["rule", "reason", "values"], anyOf: event.rules.map { ruleVariant($0, in: configuration) })
        case .bufferOverflow:
            let count = AsyncAPISchema.integer(minimum: 0)
            return AsyncAPISchema.object(
                [
                    ("episode", AsyncAPISchema.integer(minimum: 1, "Numbers the stretches of overflow.")),
                    ("since", AsyncAPISchema.time("When the first event was evicted or refused.")),
                    ("until", AsyncAPISchema.time("When the buffer had room again.")),
                    ("policy", AsyncAPISchema.oneOf(BufferConfig.Overflow.allCases.map(\.rawValue), "buffer.overflow in gateway.yaml.")),
                    ("evicted", AsyncAPISchema.object(
                        [("telemetry", count), ("normal", count), ("alarm", count)], required: ["telemetry", "normal", "alarm"],
                        description: "Stored events removed to make room, by class: telemetry (ReadingReported), normal, alarm.")),
                    ("refused", AsyncAPISchema.integer(minimum: 0, "New events not stored.")),
                ],
                required: ["episode", "since", "policy", "evicted", "refused"])
        }
    }

    /// The point names of `devices`, in order, without repeats.
    static func pointNames(of devices: [DeviceConfig]) -> AsyncAPINameSet {
        AsyncAPINameSet(names: devices.flatMap { $0.points.map(\.name) })
    }

    /// The reported units of the points of `devices`.
    static func units(of devices: [DeviceConfig]) -> AsyncAPINameSet {
        AsyncAPINameSet(names: devices.flatMap { $0.points.compactMap(\.reportedUnit?.symbol) })
    }

    /// For each device, its points grouped by value type and unit: `device` and `point` pin the
    /// group, each key of `values` has the group's type, `unit` its unit.
    static func pointVariants(_ devices: [DeviceConfig], values: [String]) -> [JSONValue] {
        var variants: [JSONValue] = []
        for device in devices {
            var groups: [(kind: ValueKind, unit: String?, points: [String])] = []
            for point in device.points {
                let unit = point.reportedUnit?.symbol
                if let index = groups.firstIndex(where: { $0.kind == point.valueKind && $0.unit == unit }) {
                    groups[index].points.append(point.name)
                } else {
                    groups.append((point.valueKind, unit, [point.name]))
                }
            }
            for group in groups {
                var properties: [(String, JSONValue)] = [
                    ("device", AsyncAPINameSet.single(name: device.name, isTemplate: device.isTemplate)),
                    ("point", ["enum": .array(group.points.map(JSONValue.string))]),
                ]
                properties += values.map { ($0, AsyncAPISchema.value(group.kind)) }
                if let unit = group.unit { properties.append(("unit", ["const": .string(unit)])) }
                variants.append(AsyncAPISchema.refinement(properties))
            }
        }
        return variants
    }

    /// `rule` pinned to `rule`'s name, and `values` holding exactly the points its conditions read,
    /// each of its point's type or null.
    static func ruleVariant(_ rule: RuleConfig, in configuration: EdgewiseConfiguration) -> JSONValue {
        var keys: [String] = []
        var properties: [(String, JSONValue)] = []
        let conditions = [rule.when.expression] + (rule.until.map { [$0.expression] } ?? [])
        for reference in conditions.flatMap(\.pointReferences) where !keys.contains(reference.description) {
            keys.append(reference.description)
            let kind = configuration.device(named: reference.device)?.point(named: reference.point)?.valueKind
            let types: [JSONValue] = (kind.map { [.string($0.rawValue)] } ?? ["number", "boolean", "string"]) + ["null"]
            properties.append((reference.description, ["type": .array(types)]))
        }
        return AsyncAPISchema.refinement([
            ("rule", ["const": .string(rule.name)]),
            ("values", AsyncAPISchema.refinement(properties, required: keys)),
        ])
    }
}
