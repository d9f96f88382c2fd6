/// One read on the wire: `count` consecutive addresses of one table, covering the points in `slots`.
public struct ModbusReadRequest: Sendable, Hashable, CustomStringConvertible {
    public var table: ModbusRegister.Table
    /// The first address read.
    public var address: Int
    /// How many registers (or bits) are read.
    public var count: Int
    /// The points the read covers, by address; their addresses lie within the request.
    public var slots: [ModbusPointSlot]

    public init(table: ModbusRegister.Table, address: Int, count: Int, slots: [ModbusPointSlot]) {
        self.table = table
        self.address = address
        self.count = count
        self.slots = slots
    }

    /// A read of exactly one point.
    public init(_ slot: ModbusPointSlot) {
        self.init(table: slot.table, address: slot.address, count: slot.count, slots: [slot])
    }

    /// The last address read.
    public var lastAddress: Int { address + count - 1 }

    /// The addresses read.
    public var addresses: ClosedRange<Int> { address...lastAddress }

    /// The part of a response to this request that belongs to `slot` (one value per address; for
    /// coils and discrete inputs, 0 or 1 per bit).
    ///
    /// - Precondition: `response` has `count` values and `slot` lies within the request.
    public func registers(of slot: ModbusPointSlot, in response: [UInt16]) -> ArraySlice<UInt16> {
        precondition(response.count == count && slot.table == table && addresses.contains(slot.address) && slot.lastAddress <= lastAddress,
                     "\(slot) is not within \(self)")
        return response[(slot.address - address)...(slot.lastAddress - address)]
    }

    /// `holding 100–103 (4 registers: supply_temp, return_temp, flow)`, `coil 0 (1 bit: cooling)`.
    public var description: String {
        let addresses = count == 1 ? "\(address)" : "\(address)–\(lastAddress)"
        let noun = table.holdsBits ? "bit" : "register"
        return "\(table.rawValue) \(addresses) (\(count) \(noun)\(count == 1 ? "" : "s"): \(slots.map(\.point).joined(separator: ", ")))"
    }
}
