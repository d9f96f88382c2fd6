import EdgewiseCore

/// The Modbus-specific keys of a device file: `host`/`port` or `serial`, `unit_id`, `poll`,
/// `byte_order`, `timeout`, `byte_timeout`, `max_gap`, `offline_after`.
enum ModbusDeviceDecoder {
    /// The shortest poll interval and response timeout accepted: below this a bus only thrashes.
    static let shortestInterval = Duration.milliseconds(10)
    /// The largest `max_gap`: one read holds at most 125 registers.
    static let maxGapRange = 0...ModbusLimits.maxRegistersPerRead
    /// The range of `offline_after`.
    static let offlineAfterRange = 1...100

    static func settings(_ file: ConfigMapping, rtu: Bool) -> ModbusDeviceSettings? {
        let errorsBefore = file.diagnostics.errorCount
        let transport = rtu ? serialTransport(file) : tcpTransport(file)
        let unitID = file.optional("unit_id")?.integer(in: 0...255)
        let poll = file.optional("poll")?.duration(atLeast: shortestInterval)
        let byteOrder = file.optional("byte_order").flatMap(byteOrder)
        let timeout = file.optional("timeout")?.duration(atLeast: shortestInterval)
        let byteTimeout = file.optional("byte_timeout")?.duration(atLeast: .milliseconds(1))
        let maxGap = file.optional("max_gap")?.integer(in: maxGapRange)
        let offlineAfter = file.optional("offline_after")?.integer(in: offlineAfterRange)
        guard let transport, file.diagnostics.errorCount == errorsBefore else { return nil }
        return ModbusDeviceSettings(
            transport: transport, unitID: unitID ?? 1, pollInterval: poll ?? .seconds(1), byteOrder: byteOrder ?? .abcd,
            responseTimeout: timeout ?? .seconds(1), byteTimeout: byteTimeout, maxGap: maxGap ?? ModbusDeviceSettings.defaultMaxGap,
            offlineAfter: offlineAfter ?? ModbusDeviceSettings.defaultOfflineAfter
        )
    }

    static func tcpTransport(_ file: ConfigMapping) -> ModbusDeviceSettings.Transport? {
        let host = file.required("host", hint: "the controller's address, e.g. 'host: 192.168.1.50'")?.nonEmptyString()
        let port = file.optional("port")?.integer(in: 1...65_535)
        if let serial = file.keyLocation("serial") {
            file.markKnown("serial")
            file.diagnostics.error(at: serial, "'serial' is for 'protocol: modbus-rtu', but this device uses modbus-tcp")
        }
        return host.map { .tcp(HostAndPort(host: $0, port: port ?? 502)) }
    }

    static func serialTransport(_ file: ConfigMapping) -> ModbusDeviceSettings.Transport? {
        for key in ["host", "port"] {
            if let location = file.keyLocation(key) {
                file.markKnown(key)
                file.diagnostics.error(at: location, "'\(key)' is for 'protocol: modbus-tcp', but this device uses modbus-rtu",
                                       hint: "set the serial port under 'serial: {port: /dev/ttyUSB0}'")
            }
        }
        guard let serial = file.required("serial", hint: "e.g. serial: {port: /dev/ttyUSB0, baud: 9600, parity: N}")?
            .mapping(context: "'serial'")
        else { return nil }
        defer { serial.reportUnknownKeys() }
        let port = serial.required("port", hint: "e.g. port: /dev/ttyUSB0")?.nonEmptyString()
        let baud = serial.optional("baud")?.integer(in: 50...4_000_000)
        let parity = serial.optional("parity").flatMap(parity)
        let dataBits = serial.optional("data_bits")?.integer(in: 5...8)
        let stopBits = serial.optional("stop_bits")?.integer(in: 1...2)
        return port.map {
            .rtu(SerialLineConfig(port: $0, baud: baud ?? 9600, parity: parity ?? SerialLineConfig.Parity.none, dataBits: dataBits ?? 8, stopBits: stopBits ?? 1))
        }
    }

    /// `N`, `E`, `O`, or the words `none`, `even`, `odd`.
    static func parity(_ node: ConfigNode) -> SerialLineConfig.Parity? {
        let words: [String: SerialLineConfig.Parity] = ["n": .none, "none": .none, "e": .even, "even": .even, "o": .odd, "odd": .odd]
        guard let text = node.string() else { return nil }
        guard let parity = words[text.lowercased()] else {
            node.error("'parity' must be N, E or O (none, even or odd), but is '\(text)'")
            return nil
        }
        return parity
    }

    static func byteOrder(_ node: ConfigNode) -> ByteOrder? {
        guard let text = node.string() else { return nil }
        guard let order = ByteOrder(rawValue: text.uppercased()) else {
            node.error("\(node.name) must be one of ABCD, CDAB, BADC, DCBA, but is '\(text)'",
                       hint: "ABCD is big-endian, the Modbus default; CDAB swaps the two 16-bit words")
            return nil
        }
        return order
    }
}
