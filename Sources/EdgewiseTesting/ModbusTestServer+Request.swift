import EdgewiseCore

extension ModbusTestServer {
    /// One request the server handled, as its request log has it.
    public struct Request: Sendable, Hashable, CustomStringConvertible {
        /// The unit id the request was for.
        public var unit: Int
        /// The Modbus function code: 1 read coils, 2 read discrete inputs, 3 read holding
        /// registers, 4 read input registers, 5 write coil, 6 write register, 15 write coils,
        /// 16 write registers.
        public var function: Int
        /// The first 0-based address.
        public var address: Int
        /// How many addresses.
        public var count: Int

        /// A request as the server would log it.
        public init(unit: Int, function: Int, address: Int, count: Int) {
            self.unit = unit
            self.function = function
            self.address = address
            self.count = count
        }

        /// Reads one line of the log: `{"unit": 1, "function": 3, "address": 100, "count": 4}`.
        init(jsonLine: String) throws {
            let value = try JSONParser.parse(jsonLine)
            func field(_ name: String) throws -> Int {
                guard let number = value[name]?.integerValue else { throw MalformedLogLine(line: jsonLine) }
                return Int(number)
            }
            self.init(unit: try field("unit"), function: try field("function"), address: try field("address"), count: try field("count"))
        }

        /// `unit 1 function 3 address 100 count 4`, for test failure messages.
        public var description: String { "unit \(unit) function \(function) address \(address) count \(count)" }
    }

    /// A request log line that is not what the server writes.
    public struct MalformedLogLine: Error, CustomStringConvertible {
        /// The line as read.
        public let line: String
        /// The line, quoted.
        public var description: String { "not a request log line: \(line)" }
    }
}
