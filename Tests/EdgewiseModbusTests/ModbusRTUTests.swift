import EdgewiseCore
import EdgewiseModbus
import EdgewiseTesting
import Testing

@Suite("Modbus RTU over a pty pair")
struct ModbusRTUTests {
    @Test("Reads and writes over a serial line; a silent unit times out without closing the port")
    func readAndWrite() async throws {
        let pair = try await SerialPortPair.start()
        do {
            let options = ModbusTestServer.Options(map: testMap, units: [1, 2], listener: .serial(device: pair.second, baud: 9600))
            try await withServer(options) { server in
                let line = SerialLineConfig(port: pair.first, baud: 9600)
                try await withBus(.rtu(line), responseTimeout: .milliseconds(500)) { bus in
                    #expect(try await bus.read(.holding, 100, count: 4) == [215, 198, 0x4060, 0])
                    #expect(try await bus.read(.discreteInput, 0, count: 3, unit: 2) == [1, 0, 1])
                    try await bus.perform(.write) { connection throws(ModbusError) in
                        try connection.writeCoil(address: 2, value: true, unitID: 1)
                        try connection.writeRegisters(address: 102, values: [7, 8], unitID: 1)
                    }
                    #expect(try await bus.read(.coil, 0, count: 3) == [0, 1, 1])
                    #expect(try await bus.read(.holding, 100, count: 4) == [215, 198, 7, 8])

                    let silent = try await bus.attemptRead(.holding, 100, count: 1, unit: 9)
                    #expect(silent.result.failure?.kind == .timeout)
                    #expect(silent.isConnected)  // flushed, not closed: other units may still answer
                    #expect(try await bus.read(.holding, 100, count: 1) == [215])
                    #expect(bus.statistics().connects == 1)
                }
                #expect(
                    try server.requests() == [
                        .init(unit: 1, function: 3, address: 100, count: 4),
                        .init(unit: 2, function: 2, address: 0, count: 3),
                        .init(unit: 1, function: 5, address: 2, count: 1),
                        .init(unit: 1, function: 16, address: 102, count: 2),
                        .init(unit: 1, function: 1, address: 0, count: 3),
                        .init(unit: 1, function: 3, address: 100, count: 4),
                        .init(unit: 1, function: 3, address: 100, count: 1),
                    ])
            }
        } catch {
            try? await pair.stop()
            throw error
        }
        try await pair.stop()
    }
}
