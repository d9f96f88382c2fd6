import EdgewiseCore

/// The Modbus checks that need more than one point or one file: points of a device that read the
/// same registers, two device files for one Modbus unit, and devices that disagree about the line
/// settings of a shared serial port. Each error names both and points at the later one.
struct ModbusValidator {
    let devices: [DeviceDeclaration]
    let diagnostics: DiagnosticCollector

    func validate() {
        for device in devices { checkOverlaps(device) }
        checkAddresses()
    }

    // MARK: Points

    /// Two points overlap when they share a register (or coil, or discrete input), unless one of
    /// them reads a single bit of it: a status word may have bit points inside it. Two bit points
    /// overlap when they read the same bit.
    func checkOverlaps(_ device: DeviceDeclaration) {
        var earlier: [(point: PointConfig, register: ModbusRegister)] = []
        for case let point? in device.points.map(\.config) {
            guard let register = point.modbusRegister else { continue }
            if let first = earlier.first(where: { Self.overlap($0.register, register) != nil }) {
                report(point, register, overlapping: first.point, first.register, device: device.name)
            }
            earlier.append((point, register))
        }
    }

    /// The addresses two registers share, when that makes them overlap.
    static func overlap(_ first: ModbusRegister, _ second: ModbusRegister) -> ClosedRange<Int>? {
        guard first.table == second.table else { return nil }
        let (a, b) = (addresses(of: first), addresses(of: second))
        guard a.overlaps(b) else { return nil }
        switch (first.bit, second.bit) {
        case (nil, nil): return a.clamped(to: b)
        case (let x?, let y?): return x == y ? a : nil
        default: return nil
        }
    }

    static func addresses(of register: ModbusRegister) -> ClosedRange<Int> {
        let count = register.table.holdsBits ? 1 : register.type.registerCount
        return register.address...(register.address + count - 1)
    }

    func report(_ point: PointConfig, _ register: ModbusRegister, overlapping first: PointConfig, _ firstRegister: ModbusRegister, device: String) {
        let shared = Self.overlap(firstRegister, register)!
        let what = "point '\(point.name)' of device '\(device)'"
        if let bit = register.bit {
            diagnostics.error(at: point.location, "\(what) reads the same bit as point '\(first.name)': \(Self.name(register.table, shared)), bit \(bit)",
                              hint: "'\(first.name)' is defined at \(first.location); each bit belongs to one point")
            return
        }
        let rule = register.table.holdsBits
            ? "each \(Self.noun(register.table)) belongs to one point"
            : "a register belongs to one value, but bool points with 'bit' may read the bits of another point's register"
        diagnostics.error(at: point.location, "\(what) overlaps point '\(first.name)': both read \(Self.name(register.table, shared))",
                          hint: "'\(first.name)' is defined at \(first.location) and covers \(Self.name(firstRegister.table, Self.addresses(of: firstRegister))); \(rule)")
    }

    /// `holding register 101`, `holding registers 100–101`, `coil 3`, `discrete input 0`.
    static func name(_ table: ModbusRegister.Table, _ addresses: ClosedRange<Int>) -> String {
        let noun = noun(table)
        return addresses.count == 1 ? "\(noun) \(addresses.lowerBound)" : "\(noun)s \(addresses.lowerBound)–\(addresses.upperBound)"
    }

    /// `coil`, `discrete input`, `input register`, `holding register`.
    static func noun(_ table: ModbusRegister.Table) -> String {
        switch table {
        case .coil: "coil"
        case .discreteInput: "discrete input"
        case .input: "input register"
        case .holding: "holding register"
        }
    }

    // MARK: Devices

    /// Two TCP devices at the same host, port and unit id, or two RTU devices on one serial port
    /// with the same unit id or different line settings.
    func checkAddresses() {
        var earlier: [(device: DeviceConfig, settings: ModbusDeviceSettings)] = []
        for case let device? in devices.map(\.config) {
            guard case .modbus(let settings) = device.connection else { continue }
            switch settings.transport {
            case .tcp(let address):
                if let first = earlier.first(where: { Self.sameUnit($0.settings, settings) }) {
                    reportSameUnit(device, first.device, at: "\(address), unit \(settings.unitID)")
                }
            case .rtu(let line):
                if let first = earlier.first(where: { Self.serialLine(of: $0.settings).map { $0.port == line.port && $0 != line } ?? false }) {
                    let firstLine = Self.serialLine(of: first.settings)!
                    diagnostics.error(
                        at: device.location,
                        "device '\(device.name)' sets serial port \(line.port) to \(Self.framing(line)), but device '\(first.device.name)' uses it at \(Self.framing(firstLine))",
                        hint: "'\(first.device.name)' is defined at \(first.device.location); every device on one serial line uses the same baud, parity, data bits and stop bits")
                }
                if let first = earlier.first(where: { Self.sameUnit($0.settings, settings) }) {
                    reportSameUnit(device, first.device, at: "serial port \(line.port), unit \(settings.unitID)")
                }
            }
            earlier.append((device, settings))
        }
    }

    func reportSameUnit(_ device: DeviceConfig, _ first: DeviceConfig, at address: String) {
        diagnostics.error(at: device.location, "device '\(device.name)' polls the same Modbus unit as device '\(first.name)': \(address)",
                          hint: "'\(first.name)' is defined at \(first.location); describe each unit in one file, or correct the address or 'unit_id'")
    }

    /// Whether two devices reach the same unit: the same host (ignoring case) and port, or the same
    /// serial port, and the same unit id.
    static func sameUnit(_ first: ModbusDeviceSettings, _ second: ModbusDeviceSettings) -> Bool {
        guard first.unitID == second.unitID else { return false }
        switch (first.transport, second.transport) {
        case (.tcp(let a), .tcp(let b)): return a.host.lowercased() == b.host.lowercased() && a.port == b.port
        case (.rtu(let a), .rtu(let b)): return a.port == b.port
        default: return false
        }
    }

    static func serialLine(of settings: ModbusDeviceSettings) -> SerialLineConfig? {
        if case .rtu(let line) = settings.transport { return line }
        return nil
    }

    /// `9600 8N1`.
    static func framing(_ line: SerialLineConfig) -> String { "\(line.baud) \(line.dataBits)\(line.parity.rawValue)\(line.stopBits)" }
}
