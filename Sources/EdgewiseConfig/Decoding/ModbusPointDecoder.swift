import EdgewiseCore

/// A point of a Modbus device: `{holding: 100, type: int16, scale: 0.1, unit: degC}`.
///
/// Checks that the table, type, `bit` and `length` fit together, that only coils and holding
/// registers are `writable`, and that only writable points set `read_back`.
enum ModbusPointDecoder {
    /// - Parameter key: the point's name as written under `points:`.
    static func decode(_ point: ConfigMapping, named key: ConfigNode) -> PointConfig? {
        let name = key.scalarText ?? ""
        let tables = ModbusRegister.Table.allCases
        let given = tables.filter { point.contains($0.rawValue) }
        tables.forEach { point.markKnown($0.rawValue) }
        guard given.count == 1, let table = given.first else {
            let listed = tables.map(\.rawValue).joined(separator: ", ")
            if given.isEmpty {
                point.diagnostics.error(at: point.location, "\(point.context) has no register address",
                                        hint: "give exactly one of \(listed) with the 0-based address, e.g. 'holding: 100'")
            } else {
                point.diagnostics.error(at: point.keyLocation(given[1].rawValue) ?? point.location,
                                        "\(point.context) names both '\(given[0].rawValue)' and '\(given[1].rawValue)'",
                                        hint: "a point lives in exactly one of \(listed)")
            }
            readRemainingKeys(point)
            return nil
        }
        let errorsBefore = point.diagnostics.errorCount
        let addressNode = point.optional(table.rawValue)
        let address = addressNode?.integer(in: 0...65_535)
        let type = valueType(point, table: table)
        let bitNode = point.optional("bit")
        let bit = bitNode?.integer(in: 0...15)
        let byteOrder = point.optional("byte_order").flatMap(ModbusDeviceDecoder.byteOrder)
        let poll = point.optional("poll")?.duration(atLeast: ModbusDeviceDecoder.shortestInterval)
        let writableNode = point.optional("writable")
        let writableValue = writableNode?.boolean()
        let writable = writableValue ?? false
        let readBackNode = point.optional("read_back")
        let readBack = readBackNode?.boolean()
        let values = PointValueSettings(point, kind: type?.valueKind ?? .number)

        if let type, let address, address + type.registerCount - 1 > 65_535, let addressNode {
            addressNode.error("\(type.registerCount) registers from address \(address) run past the last Modbus address, 65535")
        }
        if let bitNode {
            if table.holdsBits {
                bitNode.error("'bit' selects a bit of a register, but \(table.rawValue) \(table == .coil ? "addresses are" : "inputs are") single bits already")
            } else if let type, type != .bool {
                bitNode.error("'bit' needs 'type: bool', but the point's type is \(typeName(type))")
            }
        }
        if writable, let writableNode {
            if !table.isWritable {
                writableNode.error("\(table == .input ? "input registers" : "discrete inputs") are read-only in Modbus",
                                   hint: "only coils and holding registers can be written")
            } else if table == .holding, bitNode != nil {
                writableNode.error("a single bit of a holding register cannot be written",
                                   hint: "Modbus writes whole registers; write the register as a uint16 point instead")
            }
        }
        // When 'writable' itself is invalid, that error is enough.
        if readBack != nil, !writable, writableNode == nil || writableValue != nil, let readBackNode {
            readBackNode.error("'read_back' applies only to writable points, and point '\(name)' is not writable",
                               hint: "remove 'read_back', or add 'writable: true' if rules may change the point")
        }
        guard let address, let type, point.diagnostics.errorCount == errorsBefore else { return nil }
        let register = ModbusRegister(
            table: table, address: address, type: type, bit: bit, byteOrder: byteOrder, pollInterval: poll, readBack: readBack ?? true)
        return PointConfig(
            name: name, location: key.location, source: .modbus(register), unit: values.unit, scale: values.scale,
            offset: values.offset, validRange: values.validRange, thresholds: values.thresholds, isWritable: writable,
            convertTo: values.convertTo, decimals: values.decimals, deadband: values.deadband, minimumInterval: values.minimumInterval
        )
    }

    /// `type` (default `bool` for coils and discrete inputs, `uint16` for registers) and `length` for strings.
    static func valueType(_ point: ConfigMapping, table: ModbusRegister.Table) -> ModbusValueType? {
        let typeNode = point.optional("type")
        let lengthNode = point.optional("length")
        let name = typeNode?.string() ?? (typeNode == nil ? (table.holdsBits ? "bool" : "uint16") : nil)
        guard let name else { return nil }
        let simple: [String: ModbusValueType] = [
            "bool": .bool, "int16": .int16, "uint16": .uint16, "int32": .int32, "uint32": .uint32,
            "int64": .int64, "uint64": .uint64, "float32": .float32, "float64": .float64,
        ]
        let type: ModbusValueType
        if name == "string" {
            guard let lengthNode else {
                point.diagnostics.error(at: typeNode?.location ?? point.location, "a string point needs 'length', the number of registers it spans",
                                        hint: "each register holds two characters, e.g. 'length: 8' for 16 characters")
                return nil
            }
            guard let length = lengthNode.integer(in: 1...125) else { return nil }
            type = .string(registers: length)
        } else if let known = simple[name] {
            type = known
            if let lengthNode {
                lengthNode.error("'length' applies only to 'type: string'")
                return nil
            }
        } else {
            let aliases = ["float": "float32", "real": "float32", "double": "float64", "int": "int16", "uint": "uint16",
                           "word": "uint16", "dword": "uint32", "boolean": "bool", "short": "int16", "long": "int32"]
            let hint = (aliases[name.lowercased()] ?? SpellingSuggestion.closest(to: name, among: ModbusValueType.names)).map { "did you mean '\($0)'?" }
                ?? "one of \(ModbusValueType.names.joined(separator: ", "))"
            typeNode?.error("unknown Modbus type '\(name)'", hint: hint)
            return nil
        }
        if table.holdsBits, type != .bool {
            typeNode?.error("\(table == .coil ? "coils" : "discrete inputs") hold single bits, so the type must be bool, not \(name)")
            return nil
        }
        return type
    }

    static func typeName(_ type: ModbusValueType) -> String {
        if case .string = type { return "string" }
        return "\(type)"
    }

    /// Marks the remaining point keys known after an address error, so they are not also reported.
    static func readRemainingKeys(_ point: ConfigMapping) {
        point.markKnown("type", "length", "bit", "byte_order", "poll", "writable", "read_back", "unit", "scale", "offset", "valid", "thresholds", "description",
                        "convert_to", "decimals", "deadband", "min_interval")
    }
}
