/// Limits the Modbus application protocol sets on one request (Modbus Application Protocol
/// Specification V1.1b3, functions 1–4), named so the planner and its tests say where numbers come from.
public enum ModbusLimits {
    /// Registers one "read holding registers" (3) or "read input registers" (4) request may return.
    public static let maxRegistersPerRead = 125
    /// Bits one "read coils" (1) or "read discrete inputs" (2) request may return.
    public static let maxBitsPerRead = 2000
    /// The highest protocol address.
    public static let lastAddress = 65_535

    /// How many addresses of `table` one read may cover: 2000 bits or 125 registers.
    public static func maxReadCount(for table: ModbusRegister.Table) -> Int {
        table.holdsBits ? maxBitsPerRead : maxRegistersPerRead
    }
}
