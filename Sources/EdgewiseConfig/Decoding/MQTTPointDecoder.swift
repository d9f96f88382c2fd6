import EdgewiseCore

/// A point of an MQTT device: `{json: "$.temp", unit: degC, valid: [-40, 85]}`.
enum MQTTPointDecoder {
    enum PayloadType: String, CaseIterable {
        case number, bool, string
    }

    /// - Parameter key: the point's name as written under `points:`.
    static func decode(_ point: ConfigMapping, named key: ConfigNode) -> PointConfig? {
        let name = key.scalarText ?? ""
        let errorsBefore = point.diagnostics.errorCount
        let path = point.optional("json")?.parsed(PayloadPath.parse)
        let typeNode = point.optional("type")
        let type = typeNode.map { $0.choice(PayloadType.self) } ?? .number
        let kind: ValueKind? = switch type {
        case .number?: .number
        case .bool?: .boolean
        case .string?: .string
        case nil: nil
        }
        if let writable = point.keyLocation("writable") {
            point.markKnown("writable")
            point.diagnostics.error(at: writable, "MQTT points cannot be written yet", hint: "rules can write Modbus coils and holding registers")
            return nil
        }
        guard let kind else { return nil }
        let values = PointValueSettings(point, kind: kind)
        guard point.diagnostics.errorCount == errorsBefore else { return nil }
        return PointConfig(
            name: name, location: key.location, source: .mqtt(json: path, kind: kind), unit: values.unit, scale: values.scale,
            offset: values.offset, validRange: values.validRange, thresholds: values.thresholds, convertTo: values.convertTo, decimals: values.decimals,
            deadband: values.deadband, minimumInterval: values.minimumInterval
        )
    }
}
