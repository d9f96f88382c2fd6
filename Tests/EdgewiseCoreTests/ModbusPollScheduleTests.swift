import Testing

@testable import EdgewiseCore

@Suite("ModbusPollSchedule and ModbusDevicePlan: when points are due and which reads that takes")
struct ModbusPollScheduleTests {
    static func slot(_ name: String, _ address: Int) -> ModbusPointSlot { ModbusPointSlot(point: name, table: .holding, address: address, count: 1) }

    static let example = ModbusPollSchedule(device: ModbusExampleDevice.device)

    @Test func pointsAreGroupedByTheirOwnPollOrTheDevices() {
        #expect(Self.example.groups.map(\.interval) == [.milliseconds(500), .seconds(2), .seconds(60)])
        #expect(Self.example.groups.map { $0.slots.map(\.point) } == [["flow"], ["supply_temp", "return_temp", "alarm", "cooling"], ["compressor_hours"]])
    }

    @Test func groupsCoincideExactlyWhenTheirCyclesDo() {
        #expect(Self.example.dueIntervals(at: .zero) == [.milliseconds(500), .seconds(2), .seconds(60)])
        #expect(Self.example.dueIntervals(at: .milliseconds(500)) == [.milliseconds(500)])
        #expect(Self.example.dueIntervals(at: .milliseconds(1500)) == [.milliseconds(500)])
        #expect(Self.example.dueIntervals(at: .seconds(2)) == [.milliseconds(500), .seconds(2)])
        #expect(Self.example.dueIntervals(at: .seconds(58)) == [.milliseconds(500), .seconds(2)])
        #expect(Self.example.dueIntervals(at: .seconds(60)) == [.milliseconds(500), .seconds(2), .seconds(60)])
        #expect(Self.example.dueIntervals(at: .milliseconds(700)) == [])
        #expect(Self.example.dueSlots(at: .seconds(120)).count == 6)
    }

    @Test func nextDueIsTheNextMultipleOfAnyInterval() {
        let schedule = ModbusPollSchedule([(Self.slot("a", 0), .seconds(2)), (Self.slot("b", 1), .seconds(3))])
        var times: [Duration] = []
        var now = Duration.zero
        for _ in 0..<6 {
            now = schedule.nextDue(after: now)
            times.append(now)
        }
        #expect(times == [2, 3, 4, 6, 8, 9].map { Duration.seconds($0) })
        #expect(schedule.dueIntervals(at: .seconds(6)) == [.seconds(2), .seconds(3)])
        #expect(schedule.nextDue(after: .milliseconds(-5)) == .zero)
    }

    @Test func dueTimesNeverDrift() {
        let schedule = ModbusPollSchedule([(Self.slot("a", 0), .milliseconds(300)), (Self.slot("b", 1), .milliseconds(700))])
        var now = Duration.zero
        var count = 0
        while now < .seconds(2100) {
            now = schedule.nextDue(after: now)
            let milliseconds = now.totalMilliseconds
            #expect(milliseconds % 300 == 0 || milliseconds % 700 == 0)
            #expect(!schedule.dueGroups(at: now).isEmpty)
            count += 1
        }
        // In (0, 2100s]: 7000 multiples of 300ms, 3000 of 700ms, 1000 of both (2.1s).
        #expect(count == 7000 + 3000 - 1000)
        #expect(now == .seconds(2100))
    }

    @Test func anOverrunPollSkipsTheTimesItMissedAndStaysOnTheGrid() {
        // Polling finished 130.4 ms after the 2s tick: the next is 2.5s, not 2.630s.
        #expect(Self.example.nextDue(after: .milliseconds(2130) + .microseconds(400)) == .milliseconds(2500))
        #expect(Self.example.nextDue(after: .milliseconds(2500)) == .seconds(3))
    }

    // MARK: Device plan

    @Test func theExampleDevicesCombinationsAndTheirReads() {
        let plan = ModbusDevicePlan(device: ModbusExampleDevice.device)
        #expect(plan.combinations.map(\.period) == [.milliseconds(500), .seconds(2), .seconds(60)])
        #expect(plan.combinations.map(\.intervals) == [
            [.milliseconds(500)], [.milliseconds(500), .seconds(2)], [.milliseconds(500), .seconds(2), .seconds(60)],
        ])
        #expect(plan.combinations.map { $0.requests.map(\.description) } == [
            ["holding 102–103 (2 registers: flow)"],
            ["coil 0 (1 bit: cooling)", "discrete_input 0 (1 bit: alarm)", "holding 100–103 (4 registers: supply_temp, return_temp, flow)"],
            [
                "coil 0 (1 bit: cooling)", "discrete_input 0 (1 bit: alarm)", "input 200–201 (2 registers: compressor_hours)",
                "holding 100–103 (4 registers: supply_temp, return_temp, flow)",
            ],
        ])
        #expect(plan.fullCycle.count == 4)
        #expect(plan.naiveRequestCount == 6)
    }

    @Test func theExampleDeviceMakes181ReadsAMinuteInsteadOf241() {
        let plan = ModbusDevicePlan(device: ModbusExampleDevice.device)
        #expect(plan.hyperperiod == .seconds(60))
        // In each minute: 1 full cycle, 29 other 2s ticks, 90 ticks of only the 500ms group.
        #expect(plan.combinations.map(\.occurrencesPerHyperperiod) == [90, 29, 1])
        #expect(plan.requestsPerHyperperiod == 90 * 1 + 29 * 3 + 1 * 4)
        #expect(plan.naiveRequestsPerHyperperiod == 120 * 1 + 30 * 4 + 1 * 1)
    }

    @Test func requestsAtATimeComeFromTheCombinationDueThen() {
        let plan = ModbusDevicePlan(device: ModbusExampleDevice.device)
        #expect(plan.requests(at: .milliseconds(1500)) == plan.combinations[0].requests)
        #expect(plan.requests(at: .seconds(4)) == plan.combinations[1].requests)
        #expect(plan.requests(at: .zero) == plan.combinations[2].requests)
        #expect(plan.requests(at: .milliseconds(1)) == [])
    }

    @Test func newHolesArePlannedAtOnceAndCachedAfterUpdate() {
        var plan = ModbusDevicePlan(device: ModbusExampleDevice.device)
        var holes = ModbusHoles()
        holes.insert(table: .holding, 102...102)
        let split = ["holding 100–101 (2 registers: supply_temp, return_temp)", "holding 102–103 (2 registers: flow)"]
        #expect(plan.requests(at: .seconds(2), holes: holes).suffix(2).map(\.description) == split)
        plan.update(holes: holes)
        #expect(plan.holes == holes)
        #expect(plan.combinations[1].requests.suffix(2).map(\.description) == split)
        #expect(plan.fullCycle.count == 5)
    }

    @Test func intervalsWithCommonMultiplesFormEveryCombination() {
        let schedule = ModbusPollSchedule([
            (Self.slot("a", 0), .seconds(2)), (Self.slot("b", 1), .seconds(3)), (Self.slot("c", 2), .seconds(5)),
        ])
        let plan = ModbusDevicePlan(schedule: schedule, maxGap: 10)
        #expect(plan.combinations.map(\.period) == [2, 3, 5, 6, 10, 15, 30].map { Duration.seconds($0) })
        #expect(plan.combinations[3].intervals == [.seconds(2), .seconds(3)])
        #expect(plan.hyperperiod == .seconds(30))
        // Over 30s: a 15 times, b 10 times, c 6 times.
        #expect(plan.naiveRequestsPerHyperperiod == 31)
        // One read per tick, each covering what is due: ticks at 2,3,4,5,6,8,9,10,12,14,15,16,18,20,21,22,24,25,26,27,28 and 0.
        #expect(plan.requestsPerHyperperiod == 22)
    }

    @Test func combinationsTooRareToEnumerateArePlannedWhenTheyOccur() {
        let schedule = ModbusPollSchedule([
            (Self.slot("a", 0), .milliseconds(10_007)), (Self.slot("b", 1), .milliseconds(10_009)), (Self.slot("c", 2), .milliseconds(10_037)),
        ])
        let plan = ModbusDevicePlan(schedule: schedule, maxGap: 10)
        #expect(plan.hyperperiod == nil)
        #expect(plan.requestsPerHyperperiod == nil)
        #expect(plan.combinations.map(\.intervals.count) == [1, 1, 1, 3])
        // a and b coincide after 10007 × 10009 ms (about 28 hours), a combination not enumerated.
        let both = Duration.milliseconds(10_007 * 10_009)
        #expect(plan.requests(at: both).map(\.description) == ["holding 0–1 (2 registers: a, b)"])
        #expect(plan.requests(at: .zero).map(\.description) == ["holding 0–2 (3 registers: a, b, c)"])
    }
}
