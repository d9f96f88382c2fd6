import Testing

@testable import EdgewiseCore

/// A Modbus device in memory: it refuses a read that touches an unmapped address, or that crosses
/// one of its internal block boundaries, with "illegal data address"; it can also stop answering.
/// Every register holds its own address, so slices are easy to check.
struct FakeModbusDevice {
    var unmapped: Set<Int> = []
    /// A read may not contain both `b - 1` and `b`.
    var boundaries: Set<Int> = []
    var isAnswering = true
    private(set) var reads: [ModbusReadRequest] = []

    mutating func read(_ request: ModbusReadRequest) -> Result<[UInt16], ModbusReadFailure> {
        reads.append(request)
        guard isAnswering else { return .failure(.other(detail: "Connection timed out")) }
        let addresses = request.addresses
        if addresses.contains(where: unmapped.contains) || boundaries.contains(where: { addresses.contains($0 - 1) && addresses.contains($0) }) {
            return .failure(.illegalAddress(detail: "Illegal data address"))
        }
        return .success(addresses.map { UInt16($0) })
    }
}

@Suite("ModbusSplittingRead: falling back when a device refuses a block")
struct ModbusSplittingReadTests {
    static func slots(_ addresses: [Int]) -> [ModbusPointSlot] {
        addresses.map { ModbusPointSlot(point: "p\($0)", table: .holding, address: $0, count: 1) }
    }

    static func read(_ request: ModbusReadRequest, from device: inout FakeModbusDevice, holes: inout ModbusHoles) -> [ModbusSlotResult] {
        ModbusRequestPlanner.read(request, holes: &holes) { device.read($0) }
    }

    @Test func aBlockWithAnUnmappedGapIsSplitThereAndTheGapIsLearned() {
        var device = FakeModbusDevice(unmapped: [102, 103, 104])
        var holes = ModbusHoles()
        let slots = Self.slots([100, 101, 105, 106])
        let plan = ModbusRequestPlanner.plan(slots, maxGap: 10, holes: holes)
        #expect(plan.map(\.description) == ["holding 100–106 (7 registers: p100, p101, p105, p106)"])

        let results = Self.read(plan[0], from: &device, holes: &holes)
        // The block, then its halves at the widest gap.
        #expect(device.reads.map(\.addresses) == [100...106, 100...101, 105...106])
        #expect(results.map(\.slot) == slots)
        #expect(results.map(\.registers) == [.success([100]), .success([101]), .success([105]), .success([106])])
        #expect(holes.ranges[.holding] == [102...104])

        // The next plan does not merge across the hole, and reads without a failure.
        let next = ModbusRequestPlanner.plan(slots, maxGap: 10, holes: holes)
        #expect(next.map(\.addresses) == [100...101, 105...106])
        let before = device.reads.count
        for request in next {
            #expect(Self.read(request, from: &device, holes: &holes).allSatisfy { (try? $0.registers.get()) != nil })
        }
        #expect(device.reads.count == before + 2)
    }

    @Test func anUnreadablePointFailsAloneAndItsAddressIsNotAHole() {
        var device = FakeModbusDevice(unmapped: [300])
        var holes = ModbusHoles()
        let request = ModbusRequestPlanner.plan(Self.slots([298, 299, 300]), maxGap: 10)[0]
        let results = Self.read(request, from: &device, holes: &holes)
        // 298–300 refused → 298 | 299–300 (the central cut of equal gaps) → 299–300 refused → 299 | 300.
        #expect(device.reads.map(\.addresses) == [298...300, 298...298, 299...300, 299...299, 300...300])
        #expect(results.map(\.registers) == [.success([298]), .success([299]), .failure(.illegalAddress(detail: "Illegal data address"))])
        #expect(holes.isEmpty)
    }

    @Test func aBlockBoundaryIsLearnedBetweenAdjacentPoints() {
        var device = FakeModbusDevice(boundaries: [200])
        var holes = ModbusHoles()
        let slots = Self.slots([198, 199, 200, 201])
        let results = Self.read(ModbusRequestPlanner.plan(slots, maxGap: 10)[0], from: &device, holes: &holes)
        #expect(device.reads.map(\.addresses) == [198...201, 198...199, 200...201])
        #expect(results.allSatisfy { (try? $0.registers.get()) != nil })
        #expect(holes.ranges[.holding] == [200...200])
        #expect(ModbusRequestPlanner.plan(slots, maxGap: 10, holes: holes).map(\.addresses) == [198...199, 200...201])
    }

    @Test func twoGapsAreLearnedInOneRead() {
        var device = FakeModbusDevice(unmapped: [3, 12])
        var holes = ModbusHoles()
        let slots = Self.slots([0, 1, 2, 5, 6, 10, 11, 14, 15])
        _ = Self.read(ModbusRequestPlanner.plan(slots, maxGap: 10)[0], from: &device, holes: &holes)
        #expect(holes.ranges[.holding] == [3...4, 12...13])
        #expect(ModbusRequestPlanner.plan(slots, maxGap: 10, holes: holes).map(\.addresses) == [0...2, 5...11, 14...15])
        #expect(device.reads.count == 7)
    }

    @Test func aTimeoutFailsEveryPointWithoutSplitting() {
        var device = FakeModbusDevice(isAnswering: false)
        var holes = ModbusHoles()
        let results = Self.read(ModbusRequestPlanner.plan(Self.slots([0, 5, 9]), maxGap: 10)[0], from: &device, holes: &holes)
        #expect(device.reads.count == 1)
        #expect(results.map(\.registers) == Array(repeating: .failure(.other(detail: "Connection timed out")), count: 3))
        #expect(holes.isEmpty)
    }

    @Test func aTimeoutDuringTheFallbackFailsTheReadsStillPending() {
        var read = ModbusSplittingRead(ModbusRequestPlanner.plan(Self.slots([0, 1, 8, 9]), maxGap: 10)[0])
        var holes = ModbusHoles()
        read.record(.failure(.illegalAddress(detail: "Illegal data address")), holes: &holes)
        #expect(read.nextRequest?.addresses == 0...1)
        read.record(.failure(.other(detail: "Connection timed out")), holes: &holes)
        #expect(read.isFinished)
        #expect(read.readCount == 2)
        #expect(read.results.map(\.registers) == Array(repeating: .failure(.other(detail: "Connection timed out")), count: 4))
    }

    @Test func pointsSharingARegisterAreNotSplitApart() {
        var device = FakeModbusDevice(unmapped: [10])
        var holes = ModbusHoles()
        let slots = [
            ModbusPointSlot(point: "status", table: .holding, address: 10, count: 1),
            ModbusPointSlot(point: "running", table: .holding, address: 10, count: 1),
        ]
        let results = Self.read(ModbusRequestPlanner.plan(slots, maxGap: 0)[0], from: &device, holes: &holes)
        #expect(device.reads.count == 1)
        #expect(results.map(\.slot.point) == ["running", "status"])
        #expect(results.allSatisfy { $0.registers == .failure(.illegalAddress(detail: "Illegal data address")) })
    }

    @Test func aResponseOfTheWrongLengthFailsTheRead() {
        var holes = ModbusHoles()
        let request = ModbusRequestPlanner.plan(Self.slots([0, 1]), maxGap: 0)[0]
        let results = ModbusRequestPlanner.read(request, holes: &holes) { _ in .success([1]) }
        #expect(results.map(\.registers) == Array(repeating: .failure(.other(detail: "the device returned 1 values for a read of 2")), count: 2))
    }

    @Test func bitsArriveAsOneRegisterOfZeroOrOnePerBit() {
        var holes = ModbusHoles()
        let slots = [ModbusPointSlot(point: "a", table: .coil, address: 0, count: 1), ModbusPointSlot(point: "b", table: .coil, address: 2, count: 1)]
        let request = ModbusRequestPlanner.plan(slots, maxGap: 5)[0]
        let results = ModbusRequestPlanner.read(request, holes: &holes) { _ in .success([1, 0, 0]) }
        let values = results.map { ModbusValueCodec.decode(registers: try! $0.registers.get(), type: .bool, byteOrder: .abcd, bit: nil) }
        #expect(values == [.boolean(true), .boolean(false)])
    }
}
