/// How Edgewise talks to a device: the device file's `protocol` and the keys that go with it.
public enum DeviceConnection: Sendable {
    /// `protocol: mqtt` — the device publishes to the local broker.
    case mqtt(MQTTDeviceSettings)
    /// `protocol: modbus-tcp` or `modbus-rtu` — Edgewise polls the device.
    case modbus(ModbusDeviceSettings)

    /// The value of `protocol:` that selects this connection.
    public var protocolName: String {
        switch self {
        case .mqtt: "mqtt"
        case .modbus(let settings): settings.transport.protocolName
        }
    }
}

/// The MQTT part of a device file.
public struct MQTTDeviceSettings: Sendable {
    /// `topic`: the topic the device publishes to; may use `+`/`#` and capture `{device}`/`{point}`.
    public var topic: TopicPattern
    /// `timestamp`: where the payload carries the time of measurement; without it, readings are
    /// stamped with the time the message arrived.
    public var timestamp: PayloadTimestamp?
    /// `message_id`: where the payload carries a message id or sequence number; a message repeating
    /// one already seen (a QoS 1 redelivery) is dropped. Without it, `timestamp` serves the same purpose.
    public var messageID: PayloadPath?

    public init(topic: TopicPattern, timestamp: PayloadTimestamp? = nil, messageID: PayloadPath? = nil) {
        self.topic = topic
        self.timestamp = timestamp
        self.messageID = messageID
    }
}

/// `timestamp:` in an MQTT device file: `{json: "$.ts", format: auto}` or just `"$.ts"`.
public struct PayloadTimestamp: Sendable, Hashable {
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// Numbers are epoch seconds below 10^11 and epoch milliseconds above; strings are RFC 3339.
        case auto
        case epochSeconds = "epoch_s"
        case epochMilliseconds = "epoch_ms"
        case rfc3339
    }

    public var path: PayloadPath
    public var format: Format

    public init(path: PayloadPath, format: Format = .auto) {
        self.path = path
        self.format = format
    }
}

/// The Modbus part of a device file.
public struct ModbusDeviceSettings: Sendable {
    public enum Transport: Sendable, Hashable {
        /// `host` and `port` (default 502).
        case tcp(HostAndPort)
        /// `serial:` — an RS-485 line.
        case rtu(SerialLineConfig)

        public var protocolName: String {
            switch self {
            case .tcp: "modbus-tcp"
            case .rtu: "modbus-rtu"
            }
        }
    }

    public var transport: Transport
    /// `unit_id`: the slave address, 1–247 (0 is broadcast; TCP gateways often want 1 or 255). Default 1.
    public var unitID: Int
    /// `poll`: how often points are read unless a point sets its own `poll` (default 1s).
    public var pollInterval: Duration
    /// `byte_order`: how multi-register values are laid out, unless a point overrides it (default ABCD).
    public var byteOrder: ByteOrder
    /// `timeout`: how long to wait for a response (default 1s).
    public var responseTimeout: Duration
    /// `byte_timeout`: the longest silence allowed between two bytes of one response (libmodbus's
    /// byte timeout); `nil` keeps libmodbus's default. Mostly for slow or noisy RS-485 lines.
    public var byteTimeout: Duration?
    /// `max_gap`: how many unclaimed registers (or bits, for coils and discrete inputs) one read may
    /// span to cover two points, 0–125 (default 10). `0` merges only adjacent points; a device that
    /// refuses reads across its unmapped addresses is handled anyway (see `ModbusRequestPlanner`).
    public var maxGap: Int
    /// `offline_after`: after this many failed polls in a row the device counts as offline, 1–100
    /// (default 3).
    public var offlineAfter: Int

    /// The default `max_gap`.
    public static let defaultMaxGap = 10
    /// The default `offline_after`.
    public static let defaultOfflineAfter = 3

    public init(
        transport: Transport, unitID: Int = 1, pollInterval: Duration = .seconds(1), byteOrder: ByteOrder = .abcd, responseTimeout: Duration = .seconds(1),
        byteTimeout: Duration? = nil, maxGap: Int = Self.defaultMaxGap, offlineAfter: Int = Self.defaultOfflineAfter
    ) {
        self.transport = transport
        self.unitID = unitID
        self.pollInterval = pollInterval
        self.byteOrder = byteOrder
        self.responseTimeout = responseTimeout
        self.byteTimeout = byteTimeout
        self.maxGap = maxGap
        self.offlineAfter = offlineAfter
    }
}

/// `serial:` in a Modbus RTU device file: the serial port and its line settings.
public struct SerialLineConfig: Sendable, Hashable {
    public enum Parity: String, Sendable, Hashable, CaseIterable {
        case none = "N", even = "E", odd = "O"
    }

    /// `port`, e.g. `/dev/ttyUSB0`.
    public var port: String
    /// `baud` (default 9600).
    public var baud: Int
    /// `parity`: `N`, `E` or `O` (default `N`).
    public var parity: Parity
    /// `data_bits`: 7 or 8 (default 8).
    public var dataBits: Int
    /// `stop_bits`: 1 or 2 (default 1).
    public var stopBits: Int

    public init(port: String, baud: Int = 9600, parity: Parity = .none, dataBits: Int = 8, stopBits: Int = 1) {
        self.port = port
        self.baud = baud
        self.parity = parity
        self.dataBits = dataBits
        self.stopBits = stopBits
    }
}

/// Word and byte order of values that span registers: `ABCD` is big-endian (the Modbus norm),
/// `CDAB` swaps words, `BADC` swaps bytes within words, `DCBA` is little-endian.
public enum ByteOrder: String, Sendable, Hashable, CaseIterable {
    case abcd = "ABCD", cdab = "CDAB", badc = "BADC", dcba = "DCBA"
}
