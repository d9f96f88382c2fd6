/// Packs the points due in one poll into as few reads as the protocol and the device allow. Pure;
/// the runtime sends the requests.
///
/// Per table, points are sorted by address and walked once; the next point joins the current read
/// while
/// - at most `maxGap` unclaimed addresses lie between them (overlapping points always join),
/// - the read stays within `ModbusLimits` (125 registers, 2000 bits), and
/// - the addresses it adds contain no learned hole (`ModbusHoles`).
///
/// Otherwise it starts a new read. With single-register points at addresses
/// `[1, 2, 3, 5, 6, 10, 11, 12, 14]`:
/// - `maxGap: 0` → reads `1–3`, `5–6`, `10–12`, `14`;
/// - `maxGap: 1` → reads `1–6`, `10–14`;
/// - `maxGap: 3` → reads `1–14`;
/// - `maxGap: 3` with a hole at `7–9` → reads `1–6`, `10–14`.
///
/// Several bit points of one register, and bit points inside a wider point (a status word and its
/// bits), overlap and share a read. Reads come table by table in the order of
/// `ModbusRegister.Table.allCases` — coil, discrete_input, input, holding — and by address within
/// a table, so a plan is the same every time for the same points.
public enum ModbusRequestPlanner {
    /// The reads that cover `slots`.
    ///
    /// - Precondition: `maxGap >= 0`.
    public static func plan(_ slots: [ModbusPointSlot], maxGap: Int, holes: ModbusHoles = ModbusHoles()) -> [ModbusReadRequest] {
        precondition(maxGap >= 0, "maxGap must not be negative")
        var requests: [ModbusReadRequest] = []
        for table in ModbusRegister.Table.allCases {
            let sorted = slots.filter { $0.table == table }.sorted(by: ModbusPointSlot.planningOrder)
            guard let first = sorted.first else { continue }
            var current = ModbusReadRequest(first)
            for slot in sorted.dropFirst() {
                if let merged = merging(slot, into: current, maxGap: maxGap, holes: holes) {
                    current = merged
                } else {
                    requests.append(current)
                    current = ModbusReadRequest(slot)
                }
            }
            requests.append(current)
        }
        return requests
    }

    /// `request` extended to cover `slot`, or `nil` when the gap, the protocol limit or a hole forbids it.
    static func merging(_ slot: ModbusPointSlot, into request: ModbusReadRequest, maxGap: Int, holes: ModbusHoles) -> ModbusReadRequest? {
        let end = max(request.lastAddress, slot.lastAddress)
        let gap = slot.address - request.lastAddress - 1
        guard gap <= maxGap, end - request.address + 1 <= ModbusLimits.maxReadCount(for: request.table) else { return nil }
        if end > request.lastAddress, holes.intersects(table: request.table, (request.lastAddress + 1)...end) { return nil }
        var merged = request
        merged.count = end - request.address + 1
        merged.slots.append(slot)
        return merged
    }
}
