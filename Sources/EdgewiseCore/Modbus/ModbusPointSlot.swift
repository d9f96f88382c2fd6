/// The addresses one point occupies in one Modbus table: what the request planner packs into reads.
///
/// `count` is in registers for holding and input registers (a `float32` takes 2, a bit of a register
/// its 1 register) and 1 for coils and discrete inputs.
public struct ModbusPointSlot: Sendable, Hashable, CustomStringConvertible {
    /// The point's name (unique within its device).
    public var point: String
    public var table: ModbusRegister.Table
    /// The first 0-based protocol address.
    public var address: Int
    /// How many addresses the point covers, at least 1.
    public var count: Int

    public init(point: String, table: ModbusRegister.Table, address: Int, count: Int) {
        precondition(count >= 1, "a point occupies at least one address")
        self.point = point
        self.table = table
        self.address = address
        self.count = count
    }

    /// The slot of `point`, which lives at `register`.
    public init(point: PointConfig, register: ModbusRegister) {
        self.init(point: point.name, table: register.table, address: register.address, count: register.table.holdsBits ? 1 : register.type.registerCount)
    }

    /// The slot of a Modbus point; `nil` for an MQTT point.
    public init?(point: PointConfig) {
        guard let register = point.modbusRegister else { return nil }
        self.init(point: point, register: register)
    }

    /// The last address the point covers.
    public var lastAddress: Int { address + count - 1 }

    /// The addresses the point covers.
    public var addresses: ClosedRange<Int> { address...lastAddress }

    /// `flow@holding 102–103`.
    public var description: String {
        "\(point)@\(table.rawValue) \(count == 1 ? "\(address)" : "\(address)–\(lastAddress)")"
    }

    /// Address, then the wider point first, then name: the order the planner walks a table in.
    static func planningOrder(_ left: ModbusPointSlot, _ right: ModbusPointSlot) -> Bool {
        (left.address, -left.count, left.point) < (right.address, -right.count, right.point)
    }
}
