import EdgewiseCore

/// Decodes one `devices/*.yaml` file into its device, recording every problem it finds.
///
/// A template file (`device: "{device}"` with a topic capturing `{device}`) that lists `instances`
/// becomes one device per instance, so rules can refer to them; without `instances` it stays one
/// template that the gateway instantiates for every device name it sees.
enum DeviceFileDecoder {
    static let protocols = ["mqtt", "modbus-tcp", "modbus-rtu"]

    static func decode(_ root: ConfigNode) -> [DeviceDeclaration] {
        guard let unnamed = root.mapping(context: "the device file") else { return [] }
        let errorsBefore = unnamed.diagnostics.errorCount
        let nameNode = unnamed.required("device", hint: "name the device, e.g. 'device: greenhouse-air'")
        var name = nameNode?.nonEmptyString()
        if let given = name, !Names.isValidIdentifier(given.replacingPlaceholderInConfig("{device}", with: "x")) {
            nameNode?.error("device name '\(given)' may contain only letters, digits, '_' and '-', and must start with a letter",
                            hint: "rules refer to points as DEVICE.POINT, so the name cannot contain '.' or spaces")
            name = nil
        }
        let context = name.map { "device '\($0)'" } ?? "the device"
        let device = DeviceContext(name: name ?? "?", context: context)
        // Messages from here on name the device.
        let file = ConfigMapping(unnamed.node, context: context)!
        file.markKnown("device")

        file.markKnown("description")
        let staleAfter = file.optional("stale_after")?.duration()
        let protocolNode = file.required("protocol", hint: "one of: \(protocols.joined(separator: ", "))")
        let protocolName = protocolNode?.string()
        var connection: DeviceConnection?
        var pointDecoder: ((ConfigMapping, ConfigNode) -> PointConfig?)?
        switch protocolName {
        case "mqtt":
            connection = MQTTDeviceDecoder.connection(file)
            pointDecoder = { MQTTPointDecoder.decode($0, named: $1) }
        case "modbus-tcp", "modbus-rtu":
            let settings = ModbusDeviceDecoder.settings(file, rtu: protocolName == "modbus-rtu")
            connection = settings.map(DeviceConnection.modbus)
            pointDecoder = { ModbusPointDecoder.decode($0, named: $1) }
        case let other?:
            let hint = SpellingSuggestion.closest(to: other, among: protocols).map { "did you mean '\($0)'?" }
                ?? "one of: \(protocols.joined(separator: ", "))"
            protocolNode?.error("unknown protocol '\(other)' for \(context)", hint: hint)
        case nil:
            break
        }

        let points = decodePoints(file.required("points", hint: "list the device's points under 'points:'"), device: device, decoder: pointDecoder)
        let instances = name.flatMap { name in
            nameNode.flatMap { MQTTDeviceDecoder.checkTemplate(file, name: name, nameNode: $0, connection: connection) }
        }
        // With an unknown protocol we cannot tell which keys belong; listing them all would be noise.
        if pointDecoder != nil { file.reportUnknownKeys() }

        guard let name, let nameNode else { return [] }
        var declaration = DeviceDeclaration(name: name, location: nameNode.location, points: points ?? [])
        if let connection, file.diagnostics.errorCount == errorsBefore {
            declaration.config = DeviceConfig(
                name: name, location: nameNode.location, connection: connection, staleAfter: staleAfter, points: declaration.points.compactMap(\.config)
            )
        }
        guard let instances else { return [declaration] }
        return instances.map { instance in
            var concrete = declaration
            concrete.name = name.replacingPlaceholderInConfig("{device}", with: instance)
            if var config = declaration.config, case .mqtt(var settings) = config.connection {
                config.name = concrete.name
                settings.topic = settings.topic.fixingDevice(instance)
                config.connection = .mqtt(settings)
                concrete.config = config
            }
            return concrete
        }
    }

    struct DeviceContext {
        var name: String
        var context: String
    }

    /// Every point under `points:`: its name, with its settings when they decode.
    static func decodePoints(_ node: ConfigNode?, device: DeviceContext, decoder: ((ConfigMapping, ConfigNode) -> PointConfig?)?) -> [(name: String, config: PointConfig?)]? {
        guard let node, let points = node.mapping(context: "the points of \(device.context)") else { return nil }
        if points.entries.isEmpty {
            node.error("\(device.context) has no points", hint: "a device needs at least one point")
        }
        var decoded: [(name: String, config: PointConfig?)] = []
        for (key, value) in points.entries {
            guard let name = key.scalarText, Names.isValidIdentifier(name) else {
                key.error("point name \(key.shape) may contain only letters, digits, '_' and '-', and must start with a letter",
                          hint: "rules refer to points as DEVICE.POINT, so the name cannot contain '.' or spaces")
                continue
            }
            guard let decoder, let settings = value.mapping(context: "point '\(name)' of \(device.context)") else {
                decoded.append((name, nil))
                continue
            }
            decoded.append((name, decoder(settings, key)))
            settings.reportUnknownKeys()
        }
        return decoded
    }
}
