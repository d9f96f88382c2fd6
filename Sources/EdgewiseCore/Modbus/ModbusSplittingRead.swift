/// Reads one planned request, and when the device refuses the block with "illegal data address",
/// finds out which points it can still read and where its hole is — a state machine the runtime
/// feeds with responses. `ModbusRequestPlanner.read(_:holes:using:)` drives it with a synchronous
/// read function; async callers write the same three-line loop:
///
/// ```swift
/// var read = ModbusSplittingRead(request)
/// while let next = read.nextRequest { read.record(await connection.read(next), holes: &holes) }
/// let results = read.results
/// ```
///
/// The algorithm:
/// 1. Send the request. On success every point gets its registers.
/// 2. On "illegal data address" with points in more than one cluster (points that overlap, such
///    as bits of one register, form one cluster), split it at the widest gap between clusters (the
///    most central of equally wide ones) and read each half the same way, left first.
/// 3. When both halves of a split succeed as whole reads, the addresses between them are what the
///    device refused: they are inserted into `holes`, so the planner never merges across them again.
///    When the halves were adjacent, the first address of the right half is recorded as a boundary.
/// 4. A refused single cluster fails its points; their own addresses are not a hole.
/// 5. Any other failure (a timeout, say) fails the points of that read without splitting, and also
///    those of every read still pending: the device is not answering, so asking more only adds
///    timeouts.
///
/// A device with one refused address in a block of `n` points costs at most about `2 log₂ n`
/// extra reads, once; afterwards the learned hole keeps the planner from merging across it.
public struct ModbusSplittingRead: Sendable {
    struct Pending: Sendable {
        var request: ModbusReadRequest
        /// The split this request is a half of, and which half.
        var split: Int?
        var isLeft: Bool
    }

    struct Split: Sendable {
        var table: ModbusRegister.Table
        /// What to learn when both halves succeed.
        var hole: ClosedRange<Int>?
        var left: Bool?
        var right: Bool?
    }

    /// The request as planned.
    public let request: ModbusReadRequest
    private var pending: [Pending]
    private var splits: [Split] = []
    private var outcomes: [ModbusPointSlot: Result<ArraySlice<UInt16>, ModbusReadFailure>] = [:]
    /// How many reads have been recorded so far.
    public private(set) var readCount = 0

    public init(_ request: ModbusReadRequest) {
        self.request = request
        pending = [Pending(request: request, split: nil, isLeft: false)]
    }

    /// The read to send next, or `nil` when every point has its outcome.
    public var nextRequest: ModbusReadRequest? { pending.last?.request }

    /// Whether every point has its outcome.
    public var isFinished: Bool { pending.isEmpty }

    /// The outcome of the read `nextRequest` returned. A success must carry `count` values; a
    /// response of another length counts as a failure of the read.
    ///
    /// - Precondition: `nextRequest` is not `nil`.
    public mutating func record(_ response: Result<[UInt16], ModbusReadFailure>, holes: inout ModbusHoles) {
        guard let current = pending.popLast() else { preconditionFailure("record(_:holes:) called after the read finished") }
        readCount += 1
        let request = current.request
        switch response {
        case .success(let values) where values.count == request.count:
            for slot in request.slots { outcomes[slot] = .success(request.registers(of: slot, in: values)) }
            settle(current, succeeded: true, holes: &holes)
        case .success(let values):
            failAll(current, .other(detail: "the device returned \(values.count) values for a read of \(request.count)"), holes: &holes)
        case .failure(let failure) where failure.isIllegalAddress:
            if let (left, right, hole) = Self.split(request) {
                splits.append(Split(table: request.table, hole: hole))
                settle(current, succeeded: false, holes: &holes)
                pending.append(Pending(request: right, split: splits.count - 1, isLeft: false))
                pending.append(Pending(request: left, split: splits.count - 1, isLeft: true))
            } else {
                for slot in request.slots { outcomes[slot] = .failure(failure) }
                settle(current, succeeded: false, holes: &holes)
            }
        case .failure(let failure):
            failAll(current, failure, holes: &holes)
        }
    }

    /// One outcome per point of the request, in the request's order.
    ///
    /// - Precondition: the read is finished.
    public var results: [ModbusSlotResult] {
        precondition(isFinished, "the read is not finished")
        return request.slots.map { ModbusSlotResult(slot: $0, registers: outcomes[$0]!) }
    }

    /// Fails `current` and everything still pending with `failure`.
    private mutating func failAll(_ current: Pending, _ failure: ModbusReadFailure, holes: inout ModbusHoles) {
        for slot in current.request.slots + pending.flatMap(\.request.slots) { outcomes[slot] = .failure(failure) }
        pending.removeAll()
    }

    /// Notes whether a half read as a whole; learns the hole when both halves of its split did.
    private mutating func settle(_ read: Pending, succeeded: Bool, holes: inout ModbusHoles) {
        guard let index = read.split else { return }
        if read.isLeft { splits[index].left = succeeded } else { splits[index].right = succeeded }
        let split = splits[index]
        if split.left == true, split.right == true, let hole = split.hole { holes.insert(table: split.table, hole) }
    }

    /// The two halves of a refused request and the addresses between them, or `nil` when its points
    /// form one cluster.
    static func split(_ request: ModbusReadRequest) -> (ModbusReadRequest, ModbusReadRequest, ClosedRange<Int>?)? {
        guard request.slots.count >= 2 else { return nil }
        let slots = request.slots.sorted(by: ModbusPointSlot.planningOrder)
        // Candidate cuts: before slot i, where nothing earlier reaches slot i's address.
        var best: (index: Int, gap: Int, offCentre: Int)?
        var reach = slots[0].lastAddress
        for index in 1..<slots.count {
            let gap = slots[index].address - reach - 1
            if gap >= 0 {
                let offCentre = abs(2 * index - slots.count)
                if best == nil || gap > best!.gap || (gap == best!.gap && offCentre < best!.offCentre) { best = (index, gap, offCentre) }
            }
            reach = max(reach, slots[index].lastAddress)
        }
        guard let best else { return nil }
        let left = covering(Array(slots[..<best.index]), table: request.table)
        let right = covering(Array(slots[best.index...]), table: request.table)
        let hole = best.gap > 0 ? (left.lastAddress + 1)...(right.address - 1) : right.address...right.address
        return (left, right, hole)
    }

    /// The smallest read covering `slots`.
    static func covering(_ slots: [ModbusPointSlot], table: ModbusRegister.Table) -> ModbusReadRequest {
        let first = slots.map(\.address).min()!
        let last = slots.map(\.lastAddress).max()!
        return ModbusReadRequest(table: table, address: first, count: last - first + 1, slots: slots)
    }
}
