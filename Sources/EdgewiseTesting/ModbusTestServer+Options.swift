import EdgewiseCore

extension ModbusTestServer {
    /// What a server holds and where it listens.
    public struct Options: Sendable {
        /// Where the server listens.
        public enum Listener: Sendable, Hashable {
            /// 127.0.0.1 on this port; `nil` takes a free one.
            case tcp(port: Int?)
            /// Modbus RTU (8N1) on the serial device at this path, e.g. one end of a ``SerialPortPair``.
            case serial(device: String, baud: Int)
        }

        /// The server's initial contents: table → 0-based address → value, coils and discrete
        /// inputs as 0 or 1. Only these addresses exist.
        public var map: [ModbusRegister.Table: [Int: UInt16]]
        /// The unit ids the server answers for, each with its own copy of the map.
        public var units: [Int]
        /// Where the server listens.
        public var listener: Listener
        /// Whether requests to other units get exception 11 (gateway target failed to respond),
        /// as from a TCP gateway; by default they get no answer, as on a serial line.
        public var answersMissingUnits: Bool
        /// Whether to run the greenhouse controller simulation of `devices/hvac.yaml`
        /// (`--demo-hvac`), whose registers come on top of `map`.
        public var simulatesHVAC: Bool

        /// Options for a server; the defaults give unit 1 on a free TCP port with nothing in it.
        public init(
            map: [ModbusRegister.Table: [Int: UInt16]] = [:], units: [Int] = [1], listener: Listener = .tcp(port: nil),
            answersMissingUnits: Bool = false, simulatesHVAC: Bool = false
        ) {
            precondition(!units.isEmpty && units.allSatisfy { (1...247).contains($0) }, "units \(units) are not 1–247")
            for (table, entries) in map {
                let highest: UInt16 = table.holdsBits ? 1 : .max
                precondition(entries.allSatisfy { (0...65_535).contains($0.key) && $0.value <= highest }, "bad \(table) map")
            }
            self.map = map
            self.units = units
            self.listener = listener
            self.answersMissingUnits = answersMissingUnits
            self.simulatesHVAC = simulatesHVAC
        }

        /// The map as the server's `--map` file: `{"holding": {"100": 215}, …}`.
        var mapJSON: String {
            let tables = map.sorted { $0.key.rawValue < $1.key.rawValue }.map { table, entries in
                let values = entries.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }
                return "\"\(table.rawValue)\": {\(values.joined(separator: ", "))}"
            }
            return "{\(tables.joined(separator: ", "))}\n"
        }
    }
}
