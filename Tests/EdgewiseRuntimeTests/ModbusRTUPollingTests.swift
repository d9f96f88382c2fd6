import EdgewiseCore
import EdgewiseTesting
import Testing

@testable import EdgewiseRuntime

/// Two devices on one RS-485 line (a pty pair with pymodbus's serial server on the other end).
@Suite("Modbus RTU: devices sharing a serial line", .serialized)
struct ModbusRTUPollingTests {
    static func device(_ name: String, unit: Int, port: String) -> String {
        """
        device: \(name)
        protocol: modbus-rtu
        serial: {port: \(port), baud: 9600}
        unit_id: \(unit)
        poll: 200ms
        points:
          temperature: {holding: 0, type: int16, scale: 0.1, unit: degC}
          relay: {coil: 0, writable: true}
        """
    }

    @Test func twoUnitsOnOneLineAreBothPolledAndAWriteGoesBetweenPolls() async throws {
        let pair = try await SerialPortPair.start()
        let server = try await ModbusTestServer.start(.init(
            map: [.holding: [0: 215], .coil: [0: 0]], units: [1, 2], listener: .serial(device: pair.second, baud: 9600)))
        let harness = try ModbusHarness(deviceFiles: [Self.device("zone-a", unit: 1, port: pair.first), Self.device("zone-b", unit: 2, port: pair.first)])
        try await harness.waitFor("readings from both units") { events in
            events.contains { $0.device == "zone-a" && $0.point == "temperature" } && events.contains { $0.device == "zone-b" && $0.point == "temperature" }
        }
        let write = await harness.service.actuator.write(device: "zone-b", point: "relay", value: .boolean(true))
        try await harness.waitFor("zone-b's relay polled as on") { events in
            events.contains { $0.device == "zone-b" && $0.point == "relay" && $0.data == .readingReported(value: .boolean(true), unit: nil) }
        }
        await harness.stop()
        try await server.stop()
        try await pair.stop()

        #expect(write.name == .actionConfirmed, "\(write)")
        #expect(harness.service.buses.count == 1, "one bus for the line")
        let requests = try server.requests()
        #expect(Set(requests.map(\.unit)) == [1, 2])
        #expect(requests.contains { $0.unit == 2 && $0.function == 5 }, "the write went to unit 2")
        #expect(await harness.latest("temperature") == .number(21.5))
        let zoneA = await harness.events.filter { $0.device == "zone-a" && $0.point == "relay" }
        #expect(zoneA.allSatisfy { $0.data == .readingReported(value: .boolean(false), unit: nil) }, "unit 1's relay was not touched")
    }
}
