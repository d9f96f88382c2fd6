extension ModbusValueCodec {
    /// What to write so that `point` reads back as `value`, or why that cannot be done.
    ///
    /// `value` is in the point's reported unit (`convert_to`, else `unit`), as rules write it. The
    /// normalization is inverted: the value is converted back to `unit`, then
    /// `raw = (value − offset) / scale`, then encoded as the register type (integers rounded to the
    /// nearest). `decimals` and `valid` are not applied to writes. Coils take `true`/`false` (or the
    /// numbers 1/0); a `bool` in a whole holding register writes 1 or 0; strings are padded with NUL.
    ///
    /// - Parameters:
    ///   - register: the point's register (`point.source`'s), passed so callers that matched on the
    ///     source already need not do it again.
    ///   - deviceByteOrder: the device's `byte_order`, used unless the point sets its own.
    ///   - device: the device's name, to name the point as `device.point` in messages.
    public static func writeValue(
        for value: ReadingValue, point: PointConfig, register: ModbusRegister, deviceByteOrder: ByteOrder, device: String? = nil
    ) -> Result<ModbusWriteValue, ModbusEncodingError> {
        let name = device.map { "\($0).\(point.name)" } ?? point.name
        guard register.table.isWritable else {
            let table = register.table == .input ? "input registers" : "discrete inputs"
            return .failure(ModbusEncodingError(.notWritable, "\(name) cannot be written: \(table) are read-only in Modbus"))
        }
        guard point.isWritable else {
            return .failure(ModbusEncodingError(.notWritable, "\(name) is not writable (its device file does not say 'writable: true')"))
        }
        if register.table == .coil {
            guard let state = switchState(value) else {
                return .failure(ModbusEncodingError(.wrongType, "\(describe(value)) is not a state for the coil \(name): write true or false (or 1 or 0)"))
            }
            return .success(.coil(state))
        }
        if register.bit != nil {
            return .failure(ModbusEncodingError(.notWritable, "\(name) is one bit of a holding register, and Modbus writes whole registers"))
        }
        let byteOrder = register.byteOrder ?? deviceByteOrder
        switch (register.type, value) {
        case (.bool, _):
            guard let state = switchState(value) else {
                return .failure(ModbusEncodingError(.wrongType, "\(describe(value)) is not a state for \(name): write true or false (or 1 or 0)"))
            }
            return .success(.registers(split(state ? 1 : 0, count: 1, byteOrder)))
        case (.string(let count), .text(let text)):
            return encode(text: text, registers: count, byteOrder: byteOrder).map(ModbusWriteValue.registers)
                .mapError { ModbusEncodingError($0.reason, "\($0.message): \(name)") }
        case (.string, _):
            return .failure(ModbusEncodingError(.wrongType, "\(describe(value)) is not text, but \(name) holds text"))
        case (_, .number(let number)):
            return encodeNumber(number, point: point, type: register.type, byteOrder: byteOrder, name: name).map(ModbusWriteValue.registers)
        case (_, .boolean), (_, .text):
            return .failure(ModbusEncodingError(.wrongType, "\(describe(value)) is not a number, but \(name) holds numbers"))
        }
    }

    /// Whether registers (or, for a coil, one register of 0 or 1) read back after a write show
    /// what was written. Compare the raw words, not decoded values: rounding cannot blur them.
    public static func matches(readBack: ArraySlice<UInt16>, written: ModbusWriteValue) -> Bool {
        switch written {
        case .coil(let state): readBack.count == 1 && (readBack[readBack.startIndex] != 0) == state
        case .registers(let words): readBack.elementsEqual(words)
        }
    }

    /// The raw value for an engineering value: the Normalizer's steps undone.
    public static func rawValue(for value: Double, point: PointConfig) -> Double {
        var raw = value
        if let unit = point.unit, let target = point.convertTo, unit != target { raw = target.convert(raw, to: unit) }
        return (raw - (point.offset ?? 0)) / (point.scale ?? 1)
    }

    static func encodeNumber(_ value: Double, point: PointConfig, type: ModbusValueType, byteOrder: ByteOrder, name: String) -> Result<[UInt16], ModbusEncodingError> {
        guard value.isFinite else { return .failure(ModbusEncodingError(.notFinite, "\(value) cannot be written to \(name)")) }
        let raw = rawValue(for: value, point: point)
        return encode(raw, type: type, byteOrder: byteOrder).mapError { error in
            guard error.reason == .outOfRange else { return ModbusEncodingError(error.reason, "\(error.message) (\(name))") }
            let unit = point.reportedUnit.map { " \($0)" } ?? ""
            return ModbusEncodingError(.outOfRange, "\(Normalizer.format(value))\(unit) does not fit \(name) (\(limits(of: type, point: point)))")
        }
    }

    /// `int16 -32768…32767 after scale 0.1: -3276.8…3276.7 degC`, or just the type's range when
    /// the point is not scaled.
    static func limits(of type: ModbusValueType, point: PointConfig) -> String {
        let range = rangeDescription(of: type) ?? "\(type)"
        var steps: [String] = []
        if let scale = point.scale, scale != 1 { steps.append("scale \(Normalizer.format(scale))") }
        if let offset = point.offset, offset != 0 { steps.append("offset \(Normalizer.format(offset))") }
        if let unit = point.unit, let target = point.convertTo, unit != target { steps.append("conversion from \(unit) to \(target)") }
        guard !steps.isEmpty, let bounds = rawBounds(of: type) else { return range }
        let normalizer = Normalizer(point: PointConfig(
            name: point.name, location: point.location, source: point.source, unit: point.unit, scale: point.scale, offset: point.offset,
            convertTo: point.convertTo))
        guard case .success(let low) = normalizer.normalize(bounds.lowerBound), case .success(let high) = normalizer.normalize(bounds.upperBound) else {
            return "\(range) after \(steps.joined(separator: ", "))"
        }
        let unit = point.reportedUnit.map { " \($0)" } ?? ""
        return "\(range) after \(steps.joined(separator: ", ")): \(Normalizer.format(tidy(min(low, high))))…\(Normalizer.format(tidy(max(low, high))))\(unit)"
    }

    /// `value` rounded to 12 significant digits, so `-32768 × 0.1` prints as -3276.8.
    static func tidy(_ value: Double) -> Double {
        guard value != 0, value.isFinite else { return value }
        var magnitude = 1.0
        var digits = 0
        while magnitude <= abs(value), digits < 12 {
            magnitude *= 10
            digits += 1
        }
        let factor = Normalizer.powerOfTen(12 - digits)
        return (value * factor).rounded() / factor
    }

    /// `true`/`false`, or the numbers 1 and 0.
    static func switchState(_ value: ReadingValue) -> Bool? {
        switch value {
        case .boolean(let state): state
        case .number(1): true
        case .number(0): false
        default: nil
        }
    }

    /// `21.5`, `true`, `'auto'`.
    static func describe(_ value: ReadingValue) -> String {
        if case .text(let text) = value { return "'\(text)'" }
        return value.description
    }
}
