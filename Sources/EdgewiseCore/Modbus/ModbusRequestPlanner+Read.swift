extension ModbusRequestPlanner {
    /// Reads `request` with `read`, splitting it where the device refuses the block and learning
    /// the refused addresses into `holes` (see `ModbusSplittingRead` for the algorithm). Returns one
    /// result per point, in the request's order.
    ///
    /// `read` is called once per read actually sent; it blocks, which suits libmodbus's blocking
    /// calls on the connection's own thread. Async callers drive `ModbusSplittingRead` themselves.
    public static func read(
        _ request: ModbusReadRequest, holes: inout ModbusHoles, using read: (ModbusReadRequest) -> Result<[UInt16], ModbusReadFailure>
    ) -> [ModbusSlotResult] {
        var splitting = ModbusSplittingRead(request)
        while let next = splitting.nextRequest {
            splitting.record(read(next), holes: &holes)
        }
        return splitting.results
    }
}
