import EdgewiseCore
import EdgewiseTesting
import Glibc
import Testing

@testable import EdgewiseRuntime

/// The Modbus poller against a real Modbus server (pymodbus, scripts/modbus-server).
@Suite("Modbus polling against a real server", .serialized)
struct ModbusPollingTests {
    /// float32 123.456 is 0x42F6E979; how each byte order lays it out, and other known words.
    static let map: [ModbusRegister.Table: [Int: UInt16]] = [
        .holding: [
            0: 0x42F6, 1: 0xE979,            // float32 ABCD
            2: 0xE979, 3: 0x42F6,            // float32 CDAB
            4: 0xF642, 5: 0x79E9,            // float32 BADC
            6: 0x79E9, 7: 0xF642,            // float32 DCBA
            8: 0xFFFE,                       // int16 -2
            9: 0x0001, 10: 0x0002,           // uint32 ABCD 65538
            11: 0x0000, 12: 0x0000, 13: 0x0000, 14: 0x0064,   // int64 ABCD 100
            15: 0x4865, 16: 0x6C6C, 17: 0x6F00,               // string "Hello"
            18: 0b0000_0000_0000_0100,       // bit 2 set
            19: 254,                         // uint16 254, scale 0.1 → 25.4
        ],
        .input: [0: 0x4000, 1: 0x0000, 2: 0, 3: 0],           // float64 ABCD 2.0
        .coil: [0: 1],
        .discreteInput: [0: 0],
    ]

    static let typesDevice = """
        device: plc
        protocol: modbus-tcp
        host: 127.0.0.1
        port: PORT
        poll: 200ms
        points:
          f_abcd: {holding: 0, type: float32, decimals: 3}
          f_cdab: {holding: 2, type: float32, byte_order: CDAB, decimals: 3}
          f_badc: {holding: 4, type: float32, byte_order: BADC, decimals: 3}
          f_dcba: {holding: 6, type: float32, byte_order: DCBA, decimals: 3}
          i16: {holding: 8, type: int16}
          u32: {holding: 9, type: uint32}
          i64: {holding: 11, type: int64}
          name: {holding: 15, type: string, length: 3}
          flag: {holding: 18, type: bool, bit: 2}
          temperature: {holding: 19, type: uint16, scale: 0.1, unit: degC}
          f64: {input: 0, type: float64}
          pump: {coil: 0}
          alarm: {discrete_input: 0}
        """

    @Test func everyTypeAndByteOrderDecodesFromTheServersRegisters() async throws {
        let server = try await ModbusTestServer.start(.init(map: Self.map))
        let harness = try ModbusHarness(deviceFile: Self.typesDevice, port: server.port)
        try await harness.waitFor("a full poll") { events in events.count { $0.name == .readingReported } >= 13 }
        await harness.stop()
        try await server.stop()

        for order in ["abcd", "cdab", "badc", "dcba"] {
            #expect(await harness.latest("f_\(order)") == .number(123.456), "float32 \(order)")
        }
        #expect(await harness.latest("i16") == .number(-2))
        #expect(await harness.latest("u32") == .number(65_538))
        #expect(await harness.latest("i64") == .number(100))
        #expect(await harness.latest("name") == .text("Hello"))
        #expect(await harness.latest("flag") == .boolean(true))
        #expect(await harness.latest("temperature") == .number(25.4))
        #expect(await harness.latest("f64") == .number(2))
        #expect(await harness.latest("pump") == .boolean(true))
        #expect(await harness.latest("alarm") == .boolean(false))
    }

    @Test func theExampleHVACMapIsReadInFourRequestsPerFullCycleInsteadOfSix() async throws {
        let server = try await ModbusTestServer.start(.init(simulatesHVAC: true))
        let device = try FileSystem.read(RepositoryPaths.root() + "/devices/hvac.yaml")
            .split(separator: "port: 5020", omittingEmptySubsequences: false).joined(separator: "port: PORT")
        let harness = try ModbusHarness(deviceFile: device, port: server.port)
        try await harness.waitFor("the first full cycle") { events in events.count { $0.name == .readingReported } >= 6 }
        await harness.stop()
        try await server.stop()

        // The first poll (time 0) has every point due: coil 0, discrete input 0, input 200–201
        // and holding 100–103 (supply_temp, return_temp and flow merged).
        let first = Array(try server.requests().prefix(4))
        #expect(Set(first.map { "\($0.function)@\($0.address)+\($0.count)" }) == ["1@0+1", "2@0+1", "4@200+2", "3@100+4"])
        #expect(await harness.latest("supply_temp") != nil)
        #expect(await harness.latest("flow") != nil)
    }

    @Test func aHoleInsideAMergedBlockIsLearnedAndNeverMergedAgain() async throws {
        // Registers 1–4 do not exist, so a merged read of 0–5 gets "illegal data address".
        let server = try await ModbusTestServer.start(.init(map: [.holding: [0: 7, 5: 9]]))
        let harness = try ModbusHarness(deviceFile: """
            device: meter
            protocol: modbus-tcp
            host: 127.0.0.1
            port: PORT
            poll: 200ms
            max_gap: 10
            points:
              a: {holding: 0}
              b: {holding: 5}
            """, port: server.port)
        try await harness.waitFor("three polls") { events in events.count { $0.name == .readingReported && $0.point == "a" } >= 3 }
        await harness.stop()
        try await server.stop()

        let requests = try server.requests()
        #expect(requests.prefix(3).map { "\($0.address)+\($0.count)" } == ["0+6", "0+1", "5+1"], "the merged read fails, then each point alone")
        #expect(!requests.dropFirst(3).contains { $0.count > 1 }, "later polls read the points separately")
        #expect(await harness.events(named: .readingRejected).isEmpty)
        #expect(await harness.latest("b") == .number(9))
    }

    @Test func aPointTheDeviceRefusesIsRejectedOnceWhileTheOthersFlow() async throws {
        let server = try await ModbusTestServer.start(.init(map: [.holding: [0: 7]]))
        let harness = try ModbusHarness(deviceFile: """
            device: meter
            protocol: modbus-tcp
            host: 127.0.0.1
            port: PORT
            poll: 200ms
            points:
              good: {holding: 0}
              missing: {holding: 300}
            """, port: server.port)
        try await harness.waitFor("five polls") { events in events.count { $0.point == "good" && $0.name == .readingReported } >= 5 }
        await harness.stop()
        try await server.stop()

        let rejections = await harness.events(named: .readingRejected)
        #expect(rejections.count == 1, "reported when the error starts, not every poll")
        guard case .readingRejected(_, let reason, let detail, _)? = rejections.first?.data else { Issue.record("no rejection"); return }
        #expect(reason == .deviceError)
        #expect(detail.contains("Illegal data address"))
        #expect(rejections.first?.point == "missing")
        #expect(await harness.events(named: .deviceOffline).isEmpty, "a refused point does not make the device offline")
    }

    @Test func aServerThatDiesIsReportedOfflineAndOnlineAgainWhenItReturns() async throws {
        let server = try await ModbusTestServer.start(.init(map: [.holding: [0: 7]]))
        let harness = try ModbusHarness(deviceFile: """
            device: meter
            protocol: modbus-tcp
            host: 127.0.0.1
            port: PORT
            poll: 100ms
            timeout: 200ms
            offline_after: 2
            points:
              value: {holding: 0}
            """, port: server.port)
        try await harness.waitFor("the first reading") { events in events.contains { $0.name == .readingReported } }
        try await server.stop()
        try await harness.waitFor("DeviceOffline") { events in events.contains { $0.name == .deviceOffline } }
        try await server.restart()
        try await harness.waitFor("DeviceOnline after the restart") { events in events.count { $0.name == .deviceOnline } >= 2 }
        try await harness.waitFor("a reading after the restart") { events in
            guard let online = events.lastIndex(where: { $0.name == .deviceOnline }) else { return false }
            return events[online...].contains { $0.name == .readingReported }
        }
        await harness.stop()
        try await server.stop()

        let offline = await harness.events(named: .deviceOffline)
        #expect(offline.count == 1, "offline is announced once, however many polls fail")
        guard case .deviceOffline(let lastSeen, .unreachable(let failedPolls, let error))? = offline.first?.data else {
            Issue.record("not an unreachable DeviceOffline: \(String(describing: offline.first))")
            return
        }
        #expect(lastSeen != nil)
        #expect(failedPolls == 2)
        #expect(!error.isEmpty)
    }

    @Test func aSilentDeviceDoesNotDelayADeviceOnAnotherBus() async throws {
        let silent = try SilentTCPListener()
        let server = try await ModbusTestServer.start(.init(map: [.holding: [0: 7]]))
        // Two devices in one gateway, on two buses: one answers, one never does (3 s timeout).
        let harness = try ModbusHarness(deviceFiles: ["""
            device: meter
            protocol: modbus-tcp
            host: 127.0.0.1
            port: \(server.port!)
            poll: 100ms
            points:
              value: {holding: 0}
            """, """
            device: stuck
            protocol: modbus-tcp
            host: 127.0.0.1
            port: \(silent.port)
            poll: 100ms
            timeout: 3s
            points:
              value: {holding: 0}
            """])
        try await harness.waitFor("ten readings while the other device hangs") { events in
            events.count { $0.name == .readingReported && $0.device == "meter" } >= 10
        }
        #expect(await harness.events.allSatisfy { $0.device == "meter" }, "the silent device has produced nothing yet")
        await harness.stop()
        try await server.stop()
    }
}
