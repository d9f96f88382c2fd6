import EdgewiseCore
import EdgewiseModbus
import EdgewiseTesting
import Testing

@Suite("Modbus TCP: reconnecting")
struct ModbusReconnectTests {
    @Test("Server stopped: the next job fails with a connection error; restarted on its port: the next job reconnects")
    func serverRestart() async throws {
        try await withServer { server in
            try await withBus(.tcp(server.endpoint)) { bus in
                #expect(try await bus.read(.holding, 100, count: 2) == [215, 198])
                try await server.stop()

                // The open connection finds the server gone.
                let lost = await failure { () async throws(ModbusBusError) in try await bus.read(.holding, 100, count: 2) }
                guard case .requestFailed(let cause) = lost else {
                    Issue.record("expected the request to fail, got \(String(describing: lost))")
                    return
                }
                #expect(cause.kind == .connectionClosed)
                #expect(!bus.statistics().isConnected)

                // While it is down, connecting fails.
                let refused = await failure { () async throws(ModbusBusError) in try await bus.read(.holding, 100, count: 2) }
                #expect(refused?.modbusError?.kind == .connectionClosed)
                if case .connectFailed = refused {} else { Issue.record("expected a connect failure, got \(String(describing: refused))") }

                try await server.restart()
                #expect(try await bus.read(.holding, 100, count: 2) == [215, 198])
                let statistics = bus.statistics()
                #expect(statistics.connects == 2)
                #expect(statistics.reconnects == 1)
                #expect(statistics.connectFailures == 1)
                #expect(statistics.isConnected)
            }
        }
    }
}
