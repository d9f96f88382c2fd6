import EdgewiseCore
import EdgewiseModbus
import EdgewiseTesting
import Testing

@Suite("Modbus TCP: failures")
struct ModbusFailureTests {
    @Test("An address the device lacks is an illegal-address exception, and the connection stays up")
    func illegalAddress() async throws {
        try await withServer { server in
            try await withBus(.tcp(server.endpoint)) { bus in
                let attempt = try await bus.attemptRead(.holding, 100, count: 5)
                let error = try #require(attempt.result.failure)
                #expect(error.kind == .illegalAddress)
                #expect(error.description == "read holding 100–104 on unit 1 failed: Illegal data address (Modbus exception 2)")
                #expect(attempt.isConnected)

                let write = await failure { () async throws(ModbusBusError) in
                    try await bus.perform(.write) { connection throws(ModbusError) in
                        try connection.writeCoil(address: 9, value: true, unitID: 1)
                    }
                }
                #expect(write?.modbusError?.kind == .illegalAddress)
                #expect(write?.description == "write coil 9 on unit 1 failed: Illegal data address (Modbus exception 2)")

                #expect(try await bus.read(.holding, 100, count: 1) == [215])
                let statistics = bus.statistics()
                #expect(statistics.connects == 1)
                #expect(statistics.requests == 3)
                #expect(statistics.failedRequests == 2)
            }
        }
    }

    @Test("A unit nobody answers for times out; the TCP connection is closed and the next job reconnects")
    func unknownUnitTimesOut() async throws {
        try await withServer { server in
            try await withBus(.tcp(server.endpoint), responseTimeout: .milliseconds(300)) { bus in
                let attempt = try await bus.attemptRead(.holding, 100, count: 1, unit: 7)
                #expect(attempt.result.failure?.kind == .timeout)
                #expect(!attempt.isConnected)
                #expect(!bus.statistics().isConnected)

                #expect(try await bus.read(.holding, 100, count: 1) == [215])
                #expect(bus.statistics().reconnects == 1)
            }
        }
    }

    @Test("A gateway that knows the unit is missing answers exception 11, and the connection stays up")
    func unknownUnitThroughGateway() async throws {
        try await withServer(.init(map: testMap, answersMissingUnits: true)) { server in
            try await withBus(.tcp(server.endpoint)) { bus in
                let attempt = try await bus.attemptRead(.holding, 100, count: 1, unit: 7)
                let error = try #require(attempt.result.failure)
                #expect(error.kind == .otherException(code: 11))
                #expect(error.description.hasSuffix("(Modbus exception 11)"))
                #expect(attempt.isConnected)
            }
        }
    }

    @Test("A device that accepts the connection and never answers times out after the response timeout")
    func silentDevice() async throws {
        let listener = try SilentTCPListener()
        let endpoint = HostAndPort(host: "127.0.0.1", port: listener.port)
        try await withBus(.tcp(endpoint), responseTimeout: .milliseconds(300)) { bus in
            let attempt = try await bus.attemptRead(.input, 0, count: 2)
            let error = try #require(attempt.result.failure)
            #expect(error.kind == .timeout)
            #expect(error.description == "read input 0–1 on unit 1 failed: Connection timed out")
            // At least the timeout (libmodbus's select waits that long); any upper bound a loaded
            // machine could break is left out.
            #expect(attempt.duration >= .milliseconds(290))
            #expect(!attempt.isConnected)
            let statistics = bus.statistics()
            #expect(statistics.connects == 1)
            #expect(statistics.failedRequests == 1)
            #expect(statistics.lastError == error)
        }
        listener.close()
    }

    @Test("Nothing listening: the job fails with a connect error, and the bus does not retry on its own")
    func connectionRefused() async throws {
        let port = try FreePort.loopback()
        try await withBus(.tcp(HostAndPort(host: "127.0.0.1", port: port))) { bus in
            let error = await failure { () async throws(ModbusBusError) in try await bus.read(.holding, 0, count: 1) }
            guard case .connectFailed(let cause) = error else {
                Issue.record("expected a connect failure, got \(String(describing: error))")
                return
            }
            #expect(cause.kind == .connectionClosed)
            #expect(cause.description == "connect to 127.0.0.1:\(port) failed: Connection refused")
            #expect(bus.statistics().connectFailures == 1)
            try await Task.sleep(for: .milliseconds(100))
            #expect(bus.statistics().connectFailures == 1)
            #expect(bus.statistics().jobs == 0)

            _ = await failure { () async throws(ModbusBusError) in try await bus.read(.holding, 0, count: 1) }
            #expect(bus.statistics().connectFailures == 2)
        }
    }

    @Test("A serial port that does not exist fails the job with the port's path in the message")
    func missingSerialPort() async throws {
        let line = SerialLineConfig(port: "/nonexistent/ttyUSB9", baud: 19_200, parity: .even)
        try await withBus(.rtu(line)) { bus in
            let error = await failure { () async throws(ModbusBusError) in try await bus.read(.holding, 0, count: 1) }
            #expect(error?.modbusError?.kind == .other)
            #expect(error?.description == "open /nonexistent/ttyUSB9 at 19200 8E1 failed: No such file or directory")
        }
    }
}

/// The error `body` throws, or `nil` if it succeeds.
func failure<Value>(_ body: () async throws(ModbusBusError) -> Value) async -> ModbusBusError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}

extension Result {
    /// The error, if this is a failure.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
