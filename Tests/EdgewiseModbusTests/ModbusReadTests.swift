import EdgewiseCore
import EdgewiseModbus
import EdgewiseTesting
import Testing

@Suite("Modbus TCP: reading the four tables")
struct ModbusReadTests {
    @Test(
        "Reads each table with its own function; bits come back as 0 and 1",
        arguments: [
            (ModbusRegister.Table.holding, 100, 4, [UInt16(215), 198, 0x4060, 0], 3),
            (.input, 200, 3, [0, 12_840, 7], 4),
            (.coil, 0, 3, [0, 1, 0], 1),
            (.discreteInput, 0, 3, [1, 0, 1], 2),
        ])
    func readTable(table: ModbusRegister.Table, address: Int, count: Int, expected: [UInt16], function: Int) async throws {
        try await withServer { server in
            let values = try await withBus(.tcp(server.endpoint)) { bus in
                try await bus.read(table, address, count: count)
            }
            #expect(values == expected)
            #expect(try server.requests() == [.init(unit: 1, function: function, address: address, count: count)])
        }
    }

    @Test("Reading 4 registers is one request: the server logs exactly one line")
    func oneRequestPerRead() async throws {
        try await withServer { server in
            try await withBus(.tcp(server.endpoint)) { bus in
                _ = try await bus.read(.holding, 100, count: 4)
                let statistics = bus.statistics()
                #expect(statistics.requests == 1)
                #expect(statistics.jobs == 1)
                #expect(statistics.connects == 1)
            }
            #expect(try server.requests().count == 1)
        }
    }

    @Test("Each unit id reaches its own copy of the data")
    func units() async throws {
        try await withServer(.init(map: testMap, units: [1, 2])) { server in
            try await withBus(.tcp(server.endpoint)) { bus in
                try await bus.perform(.write) { connection throws(ModbusError) in
                    try connection.writeRegisters(address: 100, values: [2], unitID: 2)
                }
                #expect(try await bus.read(.holding, 100, count: 1, unit: 1) == [215])
                #expect(try await bus.read(.holding, 100, count: 1, unit: 2) == [2])
            }
            #expect(try server.requests().map(\.unit) == [2, 1, 2])
        }
    }
}
