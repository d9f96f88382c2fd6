import Testing

@testable import EdgewiseCore

@Suite("ModbusRequestPlanner: packing points into reads")
struct ModbusRequestPlannerTests {
    /// One-register holding points at `addresses`, named `pADDRESS`.
    static func registers(_ addresses: [Int], table: ModbusRegister.Table = .holding) -> [ModbusPointSlot] {
        addresses.map { ModbusPointSlot(point: "p\($0)", table: table, address: $0, count: 1) }
    }

    /// Each read as `FIRST–LAST` (or `FIRST`), for compact expectations.
    static func spans(_ requests: [ModbusReadRequest]) -> [String] {
        requests.map { $0.count == 1 ? "\($0.address)" : "\($0.address)–\($0.lastAddress)" }
    }

    static let telegrafExample = registers([1, 2, 3, 5, 6, 10, 11, 12, 14])

    @Test func maxGapZeroMergesOnlyAdjacentPoints() {
        #expect(Self.spans(ModbusRequestPlanner.plan(Self.telegrafExample, maxGap: 0)) == ["1–3", "5–6", "10–12", "14"])
    }

    @Test func maxGapBridgesThatManyUnclaimedAddresses() {
        #expect(Self.spans(ModbusRequestPlanner.plan(Self.telegrafExample, maxGap: 1)) == ["1–6", "10–14"])
        #expect(Self.spans(ModbusRequestPlanner.plan(Self.telegrafExample, maxGap: 2)) == ["1–6", "10–14"])
        #expect(Self.spans(ModbusRequestPlanner.plan(Self.telegrafExample, maxGap: 3)) == ["1–14"])
    }

    @Test func aLearnedHoleIsNeverMergedAcross() {
        var holes = ModbusHoles()
        holes.insert(table: .holding, 7...9)
        #expect(Self.spans(ModbusRequestPlanner.plan(Self.telegrafExample, maxGap: 3, holes: holes)) == ["1–6", "10–14"])
        // A hole in another table changes nothing here.
        var elsewhere = ModbusHoles()
        elsewhere.insert(table: .input, 7...9)
        #expect(Self.spans(ModbusRequestPlanner.plan(Self.telegrafExample, maxGap: 3, holes: elsewhere)) == ["1–14"])
    }

    @Test func aBoundaryHoleSeparatesAdjacentPoints() {
        var holes = ModbusHoles()
        holes.insert(table: .holding, 200...200)
        let slots = Self.registers([198, 199, 200, 201])
        #expect(Self.spans(ModbusRequestPlanner.plan(slots, maxGap: 10, holes: holes)) == ["198–199", "200–201"])
    }

    @Test func aSpanOf130RegistersBecomesTwoReads() {
        let slots = Self.registers(Array(0..<130))
        let requests = ModbusRequestPlanner.plan(slots, maxGap: 0)
        #expect(Self.spans(requests) == ["0–124", "125–129"])
        #expect(requests.map(\.slots.count) == [125, 5])
    }

    @Test func aFloatThatWouldCrossTheLimitStartsTheNextRead() {
        let slots = Self.registers(Array(0..<124)) + [ModbusPointSlot(point: "f", table: .holding, address: 124, count: 2)]
        #expect(Self.spans(ModbusRequestPlanner.plan(slots, maxGap: 0)) == ["0–123", "124–125"])
    }

    @Test func coilsAndDiscreteInputsMayReadTwoThousandBits() {
        let coils = Self.registers(Array(0..<2001), table: .coil)
        #expect(Self.spans(ModbusRequestPlanner.plan(coils, maxGap: 0)) == ["0–1999", "2000"])
        let inputs = Self.registers([0, 1999], table: .discreteInput)
        #expect(Self.spans(ModbusRequestPlanner.plan(inputs, maxGap: 2000)) == ["0–1999"])
        #expect(Self.spans(ModbusRequestPlanner.plan(Self.registers([0, 125]), maxGap: 200)) == ["0", "125"])
    }

    @Test func bitPointsOfOneRegisterAndOfAStatusWordShareTheRead() {
        let slots = [
            ModbusPointSlot(point: "running", table: .holding, address: 10, count: 1),
            ModbusPointSlot(point: "status", table: .holding, address: 10, count: 1),
            ModbusPointSlot(point: "fault", table: .holding, address: 10, count: 1),
            ModbusPointSlot(point: "energy", table: .holding, address: 11, count: 2),
            ModbusPointSlot(point: "energy_low_word_bit", table: .holding, address: 12, count: 1),
        ]
        let requests = ModbusRequestPlanner.plan(slots, maxGap: 0)
        #expect(requests.map(\.description) == ["holding 10–12 (3 registers: fault, running, status, energy, energy_low_word_bit)"])
    }

    @Test func tablesNeverMergeAndComeInAFixedOrder() {
        let slots = [
            ModbusPointSlot(point: "h", table: .holding, address: 0, count: 1), ModbusPointSlot(point: "i", table: .input, address: 1, count: 1),
            ModbusPointSlot(point: "d", table: .discreteInput, address: 0, count: 1), ModbusPointSlot(point: "c", table: .coil, address: 1, count: 1),
        ]
        #expect(ModbusRequestPlanner.plan(slots, maxGap: 10).map(\.table) == [.coil, .discreteInput, .input, .holding])
    }

    @Test func thePlanDoesNotDependOnTheOrderOfThePoints() {
        let slots = Self.telegrafExample + Self.registers([3], table: .coil)
        #expect(ModbusRequestPlanner.plan(slots.reversed(), maxGap: 1) == ModbusRequestPlanner.plan(slots, maxGap: 1))
    }

    @Test func requestsDescribeTheirAddressesAndPoints() {
        let requests = ModbusRequestPlanner.plan(ModbusExampleDevice.slots, maxGap: 10)
        #expect(requests.map(\.description) == [
            "coil 0 (1 bit: cooling)", "discrete_input 0 (1 bit: alarm)", "input 200–201 (2 registers: compressor_hours)",
            "holding 100–103 (4 registers: supply_temp, return_temp, flow)",
        ])
    }

    @Test func aResponseIsSlicedPerPoint() {
        let request = ModbusRequestPlanner.plan(ModbusExampleDevice.slots.filter { $0.table == .holding }, maxGap: 10)[0]
        let response: [UInt16] = [215, 0xFF9C, 0xE979, 0x42F6]
        let flow = request.slots.first { $0.point == "flow" }!
        #expect(request.registers(of: flow, in: response) == [0xE979, 0x42F6])
        let returnTemp = request.slots.first { $0.point == "return_temp" }!
        #expect(ModbusValueCodec.decode(registers: request.registers(of: returnTemp, in: response), type: .int16, byteOrder: .abcd, bit: nil) == .number(-100))
    }

    @Test func slotsComeFromPointConfigs() {
        let location = ConfigLocation(file: "f", line: 1, column: 1)
        let bit = PointConfig(name: "b", location: location, source: .modbus(ModbusRegister(table: .holding, address: 7, type: .bool, bit: 3)))
        let energy = PointConfig(name: "e", location: location, source: .modbus(ModbusRegister(table: .input, address: 9, type: .float64)))
        let coil = PointConfig(name: "c", location: location, source: .modbus(ModbusRegister(table: .coil, address: 4, type: .bool)))
        let mqtt = PointConfig(name: "t", location: location, source: .mqtt(json: nil, kind: .number))
        #expect(ModbusPointSlot(point: bit) == ModbusPointSlot(point: "b", table: .holding, address: 7, count: 1))
        #expect(ModbusPointSlot(point: energy) == ModbusPointSlot(point: "e", table: .input, address: 9, count: 4))
        #expect(ModbusPointSlot(point: coil) == ModbusPointSlot(point: "c", table: .coil, address: 4, count: 1))
        #expect(ModbusPointSlot(point: mqtt) == nil)
    }

    @Test func holesMergeWhenTheyOverlapOrTouch() {
        var holes = ModbusHoles()
        #expect(holes.isEmpty)
        holes.insert(table: .holding, 10...12)
        holes.insert(table: .holding, 20...20)
        holes.insert(table: .holding, 13...15)
        holes.insert(table: .input, 1...1)
        #expect(holes.ranges[.holding] == [10...15, 20...20])
        #expect(holes.description == "input 1, holding 10–15, holding 20")
        #expect(holes.intersects(table: .holding, 15...19))
        #expect(!holes.intersects(table: .holding, 16...19))
        #expect(!holes.intersects(table: .coil, 10...12))
    }
}
