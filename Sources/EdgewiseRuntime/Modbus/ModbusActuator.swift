import EdgewiseCore
import EdgewiseModbus

/// Writes Modbus points for the rule engine's actions (`hvac.cooling = on`,
/// `hvac.setpoint = 21.5`) and closes the loop: write, read back (unless the point says
/// `read_back: false`), then an `ActionConfirmed` or `ActionFailed` event with the reason.
///
/// Writes are queued on the device's bus like polls, ahead of any polls still waiting, so a write
/// never collides with a poll on a shared serial line and does not wait behind a backlog.
public struct ModbusActuator: Sendable {
    /// A writable device: its settings, its bus and how its registers decode.
    struct Target: Sendable {
        let device: DeviceConfig
        let settings: ModbusDeviceSettings
        let bus: ModbusBus
        let decoder: ModbusReadingDecoder
    }

    let targets: [String: Target]
    let pipeline: EventPipeline

    init(targets: [String: Target], pipeline: EventPipeline) {
        self.targets = targets
        self.pipeline = pipeline
    }

    /// Writes `value` (in the point's reported unit) to `device.point`, publishes the outcome as
    /// `ActionConfirmed` or `ActionFailed`, and returns that event.
    ///
    /// - Parameter rule: the rule whose action this is, for the event; `nil` for other writes.
    @discardableResult
    public func write(device deviceName: String, point pointName: String, value: ReadingValue, rule: String? = nil) async -> DomainEvent {
        let event = await attempt(device: deviceName, point: pointName, value: value, rule: rule)
        await pipeline.publish(event)
        return event
    }

    /// Whether `device` is a Modbus device this actuator can write.
    public func handles(device: String) -> Bool { targets[device] != nil }

    /// Writes like `write(device:point:value:rule:)` but only returns the outcome, without
    /// publishing it: for callers that retry before they report.
    public func attempt(device deviceName: String, point pointName: String, value: ReadingValue, rule: String? = nil) async -> DomainEvent {
        let clock = ContinuousClock()
        let started = clock.now
        func outcome(_ error: String?, readBack: ReadingValue? = nil, unit: MeasurementUnit? = nil) -> DomainEvent {
            let data = ActionEventData(value: value, unit: unit, rule: rule, readBack: readBack, error: error, duration: clock.now - started)
            return DomainEvent(error == nil ? .actionConfirmed : .actionFailed, time: WallClock.now(), device: deviceName, point: pointName,
                               data: error == nil ? .actionConfirmed(data) : .actionFailed(data))
        }
        let event: DomainEvent
        if let target = targets[deviceName], let point = target.device.point(named: pointName), let register = point.modbusRegister {
            event = await write(value, to: point, register: register, on: target, outcome: outcome)
        } else {
            event = outcome("\(deviceName).\(pointName) is not a Modbus point this gateway polls")
        }
        return event
    }

    func write(
        _ value: ReadingValue, to point: PointConfig, register: ModbusRegister, on target: Target,
        outcome: (String?, ReadingValue?, MeasurementUnit?) -> DomainEvent
    ) async -> DomainEvent {
        let written: ModbusWriteValue
        switch ModbusValueCodec.writeValue(for: value, point: point, register: register, deviceByteOrder: target.settings.byteOrder, device: target.device.name) {
        case .success(let words): written = words
        case .failure(let error): return outcome(error.message, nil, point.reportedUnit)
        }
        let unitID = target.settings.unitID
        let timeout = target.settings.responseTimeout
        let readBack = register.readBack
        let slot = ModbusPointSlot(point: point, register: register)
        let result: Result<[UInt16]?, ModbusBusError>
        do {
            result = .success(try await target.bus.perform(.write) { connection throws(ModbusError) -> [UInt16]? in
                if connection.responseTimeout != timeout { connection.responseTimeout = timeout }
                switch written {
                case .coil(let state): try connection.writeCoil(address: register.address, value: state, unitID: unitID)
                case .registers(let words): try connection.writeRegisters(address: register.address, values: words, unitID: unitID)
                }
                guard readBack else { return nil }
                return try connection.readRegisters(slot.table, address: slot.address, count: slot.count, unitID: unitID)
            })
        } catch {
            result = .failure(error)
        }
        switch result {
        case .failure(let error):
            return outcome("\(error)", nil, point.reportedUnit)
        case .success(nil):
            return outcome(nil, nil, point.reportedUnit)
        case .success(let words?):
            var readings: [(point: PointConfig, reading: Reading)] = []
            var rejections: [Rejection] = []
            target.decoder.decode([ModbusSlotResult(slot: slot, registers: .success(words[...]))], source: "read-back", at: WallClock.now(),
                                  readings: &readings, rejections: &rejections)
            let shown = readings.first?.reading.value
            guard ModbusValueCodec.matches(readBack: words[...], written: written) else {
                return outcome("the read-back shows \(shown.map { "\($0)" } ?? "a value outside the point's valid range"), not the value written", shown, point.reportedUnit)
            }
            return outcome(nil, shown, point.reportedUnit)
        }
    }
}
