import CModbus
import EdgewiseCore
import Glibc

/// One Modbus TCP connection or RTU serial line: a libmodbus context (`modbus_t`) and the
/// blocking calls made on it.
///
/// Every call blocks the calling thread until the device answers or the response timeout
/// passes, so use a connection only on a thread that may block: normally through a
/// ``ModbusBus``, whose jobs get the connection on the bus's own thread. It is deliberately not
/// `Sendable`: one thread owns it, and that is never one of Swift concurrency's pool threads.
///
/// ```swift
/// let connection = try ModbusConnection(tcp: HostAndPort(host: "127.0.0.1", port: 5020))
/// try connection.connect()
/// let registers = try connection.readRegisters(.holding, address: 100, count: 4, unitID: 1)
/// try connection.writeCoil(address: 0, value: true, unitID: 1)
/// ```
///
/// **After a failure.** A Modbus exception (the device refused the request) leaves the
/// connection as it is. After any other failure the connection repairs itself, so that the next
/// request starts clean: a TCP connection closes (a late response would otherwise be taken for
/// the answer to the next request), so ``isConnected`` turns `false` and the owner connects
/// again when it next needs to. On a serial line a timeout or a garbled response only flushes
/// the line, since the other devices on it may still answer; a lost port closes it.
public final class ModbusConnection {
    /// Where the connection goes: a TCP endpoint or a serial line.
    public let transport: ModbusDeviceSettings.Transport

    /// How long to wait for the first byte of a response (and, on TCP, for the connection to be
    /// established). Takes effect on the next request; must be positive.
    public var responseTimeout: Duration {
        didSet { applyTimeouts() }
    }

    /// The longest silence allowed between two bytes of one response; `.zero` turns the check
    /// off. Takes effect on the next request.
    public var byteTimeout: Duration {
        didSet { applyTimeouts() }
    }

    /// Whether ``connect()`` succeeded and the connection has not been closed since, by
    /// ``close()`` or after a failure that required it.
    public private(set) var isConnected = false

    /// Requests sent so far (each read or write is one request), failed ones included.
    public internal(set) var requestCount = 0

    /// Requests that failed so far, Modbus exceptions included.
    public internal(set) var failedRequestCount = 0

    /// The most recent request failure, also when the caller caught it.
    public internal(set) var lastFailure: ModbusError?

    /// Told of every request sent, with the time to its answer or failure and whether it failed
    /// (for metrics). Called on the connection's thread; keep it cheap.
    public var requestObserver: (@Sendable (_ duration: Duration, _ failed: Bool) -> Void)?

    /// The libmodbus context, from creation to `deinit`.
    let context: OpaquePointer

    /// A connection to a Modbus TCP server (not connected yet; call ``connect()``). The host may
    /// be a name, an IPv4 or an IPv6 address.
    ///
    /// - Throws: ``ModbusError`` if libmodbus cannot create the context.
    public convenience init(
        tcp endpoint: HostAndPort, responseTimeout: Duration = .seconds(1), byteTimeout: Duration = .milliseconds(500)
    ) throws(ModbusError) {
        try self.init(.tcp(endpoint), responseTimeout: responseTimeout, byteTimeout: byteTimeout)
    }

    /// A Modbus RTU line on a serial port (not opened yet; call ``connect()``).
    ///
    /// - Throws: ``ModbusError`` if libmodbus rejects the line settings.
    public convenience init(
        rtu line: SerialLineConfig, responseTimeout: Duration = .seconds(1), byteTimeout: Duration = .milliseconds(500)
    ) throws(ModbusError) {
        try self.init(.rtu(line), responseTimeout: responseTimeout, byteTimeout: byteTimeout)
    }

    /// A connection over `transport` (not connected yet; call ``connect()``).
    ///
    /// - Parameters:
    ///   - responseTimeout: see ``responseTimeout``; positive.
    ///   - byteTimeout: see ``byteTimeout``; `.zero` or positive.
    /// - Throws: ``ModbusError`` if libmodbus cannot create the context or rejects the settings.
    public init(
        _ transport: ModbusDeviceSettings.Transport, responseTimeout: Duration = .seconds(1),
        byteTimeout: Duration = .milliseconds(500)
    ) throws(ModbusError) {
        self.transport = transport
        self.responseTimeout = responseTimeout
        self.byteTimeout = byteTimeout
        let created: OpaquePointer?
        let function: String
        switch transport {
        case .tcp(let endpoint):
            // The protocol-independent variant resolves host names and speaks IPv6.
            function = "modbus_new_tcp_pi"
            created = modbus_new_tcp_pi(endpoint.host, String(endpoint.port))
        case .rtu(let line):
            function = "modbus_new_rtu"
            let parity = CChar(UInt8(ascii: line.parity.rawValue.unicodeScalars.first!))
            created = modbus_new_rtu(line.port, Int32(line.baud), parity, Int32(line.dataBits), Int32(line.stopBits))
        }
        guard let created else {
            throw ModbusError(function: function, errorNumber: errno, operation: "set up \(Self.describe(transport))")
        }
        context = created
        applyTimeouts()
    }

    deinit {
        close()
        modbus_free(context)
    }

    /// Connects to the TCP server or opens and configures the serial port; does nothing when
    /// already connected. Blocks up to ``responseTimeout`` for a TCP connection.
    ///
    /// - Throws: ``ModbusError`` naming the endpoint, e.g. `connect to 127.0.0.1:5020 failed:
    ///   Connection refused` (kind `.connectionClosed`), or `.timeout` when the server did not
    ///   answer the handshake in time.
    public func connect() throws(ModbusError) {
        guard !isConnected else { return }
        applyTimeouts()
        guard modbus_connect(context) == 0 else {
            let errorNumber = errno
            throw ModbusError(function: "modbus_connect", errorNumber: errorNumber, operation: connectOperation)
        }
        isConnected = true
    }

    /// Closes the connection or serial port; does nothing when not connected. A later
    /// ``connect()`` opens it again.
    public func close() {
        guard isConnected else { return }
        modbus_close(context)
        isConnected = false
    }

    /// What ``connect()`` does, for error messages: `connect to HOST:PORT` or `open PORT at 9600 8N1`.
    private var connectOperation: String {
        switch transport {
        case .tcp(let endpoint): "connect to \(endpoint)"
        case .rtu: "open \(Self.describe(transport))"
        }
    }

    /// `HOST:PORT` or `PORT at BAUD 8N1`.
    static func describe(_ transport: ModbusDeviceSettings.Transport) -> String {
        switch transport {
        case .tcp(let endpoint): "\(endpoint)"
        case .rtu(let line): "\(line.port) at \(line.baud) \(line.dataBits)\(line.parity.rawValue)\(line.stopBits)"
        }
    }

    /// Hands both timeouts to libmodbus.
    private func applyTimeouts() {
        precondition(responseTimeout > .zero, "Modbus response timeout \(responseTimeout) is not positive")
        precondition(byteTimeout >= .zero, "Modbus byte timeout \(byteTimeout) is negative")
        let response = Self.secondsAndMicroseconds(responseTimeout)
        let byte = Self.secondsAndMicroseconds(byteTimeout)
        // Both fail only for arguments the preconditions exclude.
        _ = modbus_set_response_timeout(context, response.seconds, response.microseconds)
        _ = modbus_set_byte_timeout(context, byte.seconds, byte.microseconds)
    }

    /// `duration` as libmodbus takes timeouts (microseconds below one second), rounded down to a
    /// microsecond but never down to zero.
    private static func secondsAndMicroseconds(_ duration: Duration) -> (seconds: UInt32, microseconds: UInt32) {
        let (seconds, attoseconds) = duration.components
        precondition(seconds < Int64(UInt32.max), "Modbus timeout \(duration) is too long")
        let microseconds = attoseconds / 1_000_000_000_000
        if seconds == 0 && microseconds == 0 && attoseconds > 0 { return (0, 1) }
        return (UInt32(seconds), UInt32(microseconds))
    }
}

/// A connection belongs to one thread at a time and moves between threads only as a `sending`
/// value; marking it explicitly keeps a future `Sendable` conformance from creeping in.
@available(*, unavailable)
extension ModbusConnection: Sendable {}
