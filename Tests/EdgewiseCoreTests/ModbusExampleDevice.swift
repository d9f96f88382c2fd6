@testable import EdgewiseCore

/// The repository's example `devices/hvac.yaml`, built by hand (the core tests do not read YAML):
///
/// | point            | register                 | poll  |
/// |------------------|--------------------------|-------|
/// | supply_temp      | holding 100, int16       | 2s    |
/// | return_temp      | holding 101, int16       | 2s    |
/// | flow             | holding 102–103, float32 | 500ms |
/// | compressor_hours | input 200–201, uint32    | 1m    |
/// | alarm            | discrete_input 0         | 2s    |
/// | cooling          | coil 0, writable         | 2s    |
enum ModbusExampleDevice {
    static let device: DeviceConfig = {
        let location = ConfigLocation(file: "devices/hvac.yaml", line: 1, column: 9)
        func point(_ name: String, _ register: ModbusRegister, writable: Bool = false) -> PointConfig {
            PointConfig(name: name, location: location, source: .modbus(register), isWritable: writable)
        }
        let settings = ModbusDeviceSettings(transport: .tcp(HostAndPort(host: "127.0.0.1", port: 5020)), unitID: 1, pollInterval: .seconds(2))
        return DeviceConfig(name: "hvac", location: location, connection: .modbus(settings), points: [
            point("supply_temp", ModbusRegister(table: .holding, address: 100, type: .int16)),
            point("return_temp", ModbusRegister(table: .holding, address: 101, type: .int16)),
            point("flow", ModbusRegister(table: .holding, address: 102, type: .float32, byteOrder: .cdab, pollInterval: .milliseconds(500))),
            point("compressor_hours", ModbusRegister(table: .input, address: 200, type: .uint32, pollInterval: .seconds(60))),
            point("alarm", ModbusRegister(table: .discreteInput, address: 0, type: .bool)),
            point("cooling", ModbusRegister(table: .coil, address: 0, type: .bool), writable: true),
        ])
    }()

    /// Every point's slot, in file order.
    static var slots: [ModbusPointSlot] { device.points.compactMap { ModbusPointSlot(point: $0) } }
}
