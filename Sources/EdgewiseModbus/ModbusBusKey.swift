import EdgewiseCore

/// Which physical bus a Modbus device is on: a TCP server (host and port) or a serial line (the
/// port's path). Devices with equal keys share one ``ModbusBus``, so their requests take turns
/// instead of colliding on the line or opening one connection each.
///
/// Keys compare the endpoint as configured, with the host name lowercased: `localhost:502`
/// and `127.0.0.1:502` are different keys, and so are two paths (a symlink under
/// `/dev/serial/by-id/` and `/dev/ttyUSB0`) naming the same serial port. Resolve such aliases
/// before making keys when devices may name one line differently.
public struct ModbusBusKey: Hashable, Sendable, CustomStringConvertible {
    /// What identifies the bus.
    public enum Line: Hashable, Sendable {
        /// A Modbus TCP server (or TCP-to-RTU gateway) at this host and port.
        case tcp(HostAndPort)
        /// An RS-485 line on the serial port at this path.
        case serial(port: String)
    }

    /// The endpoint or serial port.
    public let line: Line

    /// The bus a device with `transport` is on.
    public init(_ transport: ModbusDeviceSettings.Transport) {
        switch transport {
        case .tcp(let endpoint): self = .tcp(endpoint)
        case .rtu(let line): self = .serial(port: line.port)
        }
    }

    private init(line: Line) {
        self.line = line
    }

    /// The bus of a Modbus TCP server.
    public static func tcp(_ endpoint: HostAndPort) -> ModbusBusKey {
        ModbusBusKey(line: .tcp(HostAndPort(host: endpoint.host.lowercased(), port: endpoint.port)))
    }

    /// The bus on the serial port at `port`.
    public static func serial(port: String) -> ModbusBusKey {
        ModbusBusKey(line: .serial(port: port))
    }

    /// `HOST:PORT` (`[::1]:502` for IPv6) or the serial port's path, e.g. `/dev/ttyUSB0`.
    public var description: String {
        switch line {
        case .tcp(let endpoint): endpoint.description
        case .serial(let port): port
        }
    }
}
