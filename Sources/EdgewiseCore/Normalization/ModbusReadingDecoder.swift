/// Turns what one poll of a Modbus device read into readings and rejections: each point's
/// registers are decoded (`ModbusValueCodec`: type, byte order, bit) and, for numbers, normalized
/// (`scale`, `offset`, unit conversion, `decimals`, `valid`) — the same `Reading`s the MQTT path
/// produces, so event derivation and rules treat both alike.
///
/// A point the device would not give (an exception, say) is a `device_error` rejection; a value
/// that does not normalize (NaN in a float register, outside `valid`) is rejected like an MQTT
/// value. Pure: the poller passes the time the answer arrived.
public struct ModbusReadingDecoder: Sendable {
    /// What the decoder needs of one point, looked up once per config.
    struct PointDecoder: Sendable {
        let config: PointConfig
        let register: ModbusRegister
        let byteOrder: ByteOrder
        let normalizer: Normalizer
    }

    public let deviceName: String
    let points: [String: PointDecoder]

    /// - Parameter device: a Modbus device (`protocol: modbus-tcp` or `modbus-rtu`).
    public init(device: DeviceConfig) {
        deviceName = device.name
        var deviceOrder = ByteOrder.abcd
        if case .modbus(let settings) = device.connection { deviceOrder = settings.byteOrder }
        var points: [String: PointDecoder] = [:]
        for point in device.points {
            guard case .modbus(let register) = point.source else { continue }
            points[point.name] = PointDecoder(config: point, register: register, byteOrder: register.byteOrder ?? deviceOrder, normalizer: Normalizer(point: point))
        }
        self.points = points
    }

    /// The configuration of the point named `name`.
    public func point(named name: String) -> PointConfig? { points[name]?.config }

    /// Decodes `results` (one per point read) received at `time`.
    ///
    /// - Parameter source: where the values came from, for rejections: `modbus-tcp 10.0.0.5:502 unit 1`.
    public func decode(
        _ results: [ModbusSlotResult], source: String, at time: Timestamp,
        readings: inout [(point: PointConfig, reading: Reading)], rejections: inout [Rejection]
    ) {
        for result in results {
            guard let point = points[result.slot.point] else { continue }
            let name = point.config.name
            switch result.registers {
            case .failure(let failure):
                rejections.append(Rejection(device: deviceName, point: name, source: source, reason: .deviceError, detail: failure.detail, time: time))
            case .success(let registers):
                let value = ModbusValueCodec.decode(registers: registers, type: point.register.type, byteOrder: point.byteOrder, bit: point.register.bit)
                guard case .number(let raw) = value else {
                    readings.append((point.config, Reading(device: deviceName, point: name, value: value, time: time)))
                    continue
                }
                switch point.normalizer.normalize(raw) {
                case .success(let normalized):
                    readings.append((point.config, Reading(device: deviceName, point: name, value: .number(normalized), unit: point.config.reportedUnit, time: time)))
                case .failure(let failure):
                    rejections.append(Rejection(device: deviceName, point: name, source: source, reason: failure.reason, detail: failure.detail, time: time))
                }
            }
        }
    }
}
