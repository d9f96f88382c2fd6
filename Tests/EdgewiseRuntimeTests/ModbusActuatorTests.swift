import EdgewiseCore
import EdgewiseTesting
import Testing

@testable import EdgewiseRuntime

/// Writes through `ModbusActuator` to a real Modbus server: typed, read back, confirmed.
@Suite("Modbus writes with read-back", .serialized)
struct ModbusActuatorTests {
    static let device = """
        device: hvac
        protocol: modbus-tcp
        host: 127.0.0.1
        port: PORT
        poll: 200ms
        points:
          cooling: {coil: 0, writable: true}
          setpoint: {holding: 10, type: float32, byte_order: CDAB, unit: degC, writable: true}
          mode: {holding: 12, type: uint16, writable: true, read_back: false}
          level: {holding: 13, type: int16, scale: 0.1, writable: true}
        """

    static let map: [ModbusRegister.Table: [Int: UInt16]] = [.coil: [0: 0], .holding: [10: 0, 11: 0, 12: 0, 13: 0]]

    @Test func aCoilWriteIsReadBackAndConfirmed() async throws {
        let server = try await ModbusTestServer.start(.init(map: Self.map))
        let harness = try ModbusHarness(deviceFile: Self.device, port: server.port)
        let event = await harness.service.actuator.write(device: "hvac", point: "cooling", value: .boolean(true), rule: "cooling-on")
        try await harness.waitFor("the coil polled as on") { events in
            events.contains { $0.point == "cooling" && $0.data == .readingReported(value: .boolean(true), unit: nil) }
        }
        await harness.stop()
        try await server.stop()

        #expect(event.name == .actionConfirmed)
        guard case .actionConfirmed(let data) = event.data else { Issue.record("\(event)"); return }
        #expect(data.rule == "cooling-on")
        #expect(data.readBack == .boolean(true))
        #expect(await harness.events(named: .actionConfirmed).count == 1, "the outcome is published as an event")
        let writes = try server.requests().filter { $0.function == 5 }
        #expect(writes.map(\.address) == [0], "one write-single-coil request")
    }

    @Test func aFloatSetpointIsWrittenInTheDevicesWordOrder() async throws {
        let server = try await ModbusTestServer.start(.init(map: Self.map))
        let harness = try ModbusHarness(deviceFile: Self.device, port: server.port)
        let event = await harness.service.actuator.write(device: "hvac", point: "setpoint", value: .number(21.5))
        try await harness.waitFor("the setpoint polled back") { events in
            events.contains { $0.point == "setpoint" && $0.data == .readingReported(value: .number(21.5), unit: try? UnitCatalog.unit("degC")) }
        }
        await harness.stop()
        try await server.stop()

        guard case .actionConfirmed(let data) = event.data else { Issue.record("\(event)"); return }
        #expect(data.readBack == .number(21.5))
        #expect(try server.requests().contains { $0.function == 16 && $0.address == 10 && $0.count == 2 }, "one write-multiple-registers request")
    }

    @Test func aScaledValueIsWrittenRawAndAWriteWithoutReadBackIsConfirmedAfterTheWrite() async throws {
        let server = try await ModbusTestServer.start(.init(map: Self.map))
        let harness = try ModbusHarness(deviceFile: Self.device, port: server.port)
        let level = await harness.service.actuator.write(device: "hvac", point: "level", value: .number(-1.5))
        let mode = await harness.service.actuator.write(device: "hvac", point: "mode", value: .number(3))
        try await harness.waitFor("both polled back") { events in
            events.contains { $0.point == "level" && $0.data == .readingReported(value: .number(-1.5), unit: nil) }
                && events.contains { $0.point == "mode" && $0.data == .readingReported(value: .number(3), unit: nil) }
        }
        await harness.stop()
        try await server.stop()

        #expect(level.name == .actionConfirmed)
        guard case .actionConfirmed(let modeData) = mode.data else { Issue.record("\(mode)"); return }
        #expect(modeData.readBack == nil, "read_back: false")
        #expect(try server.requests().contains { $0.function == 6 && $0.address == 13 }, "-15 written with write-single-register")
    }

    @Test func aValueThatDoesNotFitOrAPointThatDoesNotExistFailsWithTheReason() async throws {
        let server = try await ModbusTestServer.start(.init(map: Self.map))
        let harness = try ModbusHarness(deviceFile: Self.device, port: server.port)
        let tooBig = await harness.service.actuator.write(device: "hvac", point: "mode", value: .number(70_000))
        let text = await harness.service.actuator.write(device: "hvac", point: "cooling", value: .text("warm"))
        let unknown = await harness.service.actuator.write(device: "hvac", point: "heating", value: .boolean(true))
        await harness.stop()
        try await server.stop()

        for event in [tooBig, text, unknown] {
            #expect(event.name == .actionFailed)
        }
        guard case .actionFailed(let data) = tooBig.data else { return }
        #expect(data.error?.contains("hvac.mode") == true, "\(data.error ?? "")")
        #expect(try server.requests().allSatisfy { $0.function < 5 }, "nothing was written")
    }

    @Test func aWriteToADeviceThatIsDownFails() async throws {
        let server = try await ModbusTestServer.start(.init(map: Self.map))
        let harness = try ModbusHarness(deviceFile: Self.device, port: server.port)
        try await server.stop()
        let event = await harness.service.actuator.write(device: "hvac", point: "cooling", value: .boolean(true))
        await harness.stop()

        guard case .actionFailed(let data) = event.data else { Issue.record("\(event)"); return }
        #expect(data.error?.isEmpty == false)
    }
}
