import EdgewiseCore

extension GatewayStatus {
    /// A point's last accepted value.
    public struct Point: Sendable, Hashable, Codable {
        public var device: String
        public var point: String
        /// The last value: a JSON number, boolean or string, as the point's type; `nil` (JSON
        /// `null`) when the point has no value yet.
        public var value: ReadingValue?
        /// The unit symbol (`degC`, `percent`); `nil` for unitless points.
        public var unit: String?
        /// When the value was measured (the payload's time when the device file names one, else
        /// when it arrived); `nil` with no value.
        public var time: String?

        public init(device: String, point: String, value: ReadingValue?, unit: String? = nil, time: Timestamp? = nil) {
            self.device = device
            self.point = point
            self.value = value
            self.unit = unit
            self.time = time?.rfc3339
        }

        /// The point of `reading`, with its value, unit and time.
        public init(_ reading: Reading) {
            self.init(device: reading.device, point: reading.point, value: reading.value, unit: reading.unit?.symbol, time: reading.time)
        }

        enum CodingKeys: String, CodingKey {
            case device, point, value, unit, time
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            device = try container.decode(String.self, forKey: .device)
            point = try container.decode(String.self, forKey: .point)
            unit = try container.decodeIfPresent(String.self, forKey: .unit)
            time = try container.decodeIfPresent(String.self, forKey: .time)
            if try container.decodeNil(forKey: .value) {
                value = nil
            } else if let boolean = try? container.decode(Bool.self, forKey: .value) {
                value = .boolean(boolean)
            } else if let number = try? container.decode(Double.self, forKey: .value) {
                value = .number(number)
            } else {
                value = .text(try container.decode(String.self, forKey: .value))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(device, forKey: .device)
            try container.encode(point, forKey: .point)
            switch value {
            case .number(let number)?: try container.encode(number, forKey: .value)
            case .boolean(let boolean)?: try container.encode(boolean, forKey: .value)
            case .text(let text)?: try container.encode(text, forKey: .value)
            case nil: try container.encodeNil(forKey: .value)
            }
            try container.encode(unit, forKey: .unit)
            try container.encode(time, forKey: .time)
        }
    }
}
