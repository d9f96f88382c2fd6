import EdgewiseCore
import EdgewiseModbus
import EdgewiseTesting
import Testing

@Suite("Modbus TCP: writing")
struct ModbusWriteTests {
    @Test("A coil switched on and off reads back so, with function 5")
    func coil() async throws {
        try await withServer { server in
            try await withBus(.tcp(server.endpoint)) { bus in
                try await bus.perform(.write) { connection throws(ModbusError) in
                    try connection.writeCoil(address: 0, value: true, unitID: 1)
                }
                #expect(try await bus.read(.coil, 0, count: 3) == [1, 1, 0])
                try await bus.perform(.write) { connection throws(ModbusError) in
                    try connection.writeCoil(address: 1, value: false, unitID: 1)
                }
                #expect(try await bus.read(.coil, 0, count: 3) == [1, 0, 0])
            }
            #expect(try server.requests().map(\.function) == [5, 1, 5, 1])
        }
    }

    @Test("One register is written with function 6, several with function 16, each in one request")
    func registers() async throws {
        try await withServer { server in
            try await withBus(.tcp(server.endpoint)) { bus in
                try await bus.perform(.write) { connection throws(ModbusError) in
                    try connection.writeRegisters(address: 101, values: [0xFFFF], unitID: 1)
                }
                #expect(try await bus.read(.holding, 100, count: 4) == [215, 0xFFFF, 0x4060, 0])
                try await bus.perform(.write) { connection throws(ModbusError) in
                    try connection.writeRegisters(address: 100, values: [1, 2, 3], unitID: 1)
                }
                #expect(try await bus.read(.holding, 100, count: 4) == [1, 2, 3, 0])
            }
            #expect(
                try server.requests() == [
                    .init(unit: 1, function: 6, address: 101, count: 1),
                    .init(unit: 1, function: 3, address: 100, count: 4),
                    .init(unit: 1, function: 16, address: 100, count: 3),
                    .init(unit: 1, function: 3, address: 100, count: 4),
                ])
        }
    }
}
