import EdgewiseCore
import EdgewiseModbus
import EdgewiseTesting
import Testing

@Suite("Modbus bus: shutdown and cancellation")
struct ModbusBusShutdownTests {
    @Test("Shutdown fails queued jobs at once, lets the running job finish, then ends the thread")
    func shutdownWithQueuedJobs() async throws {
        try await withServer { server in
            let bus = try ModbusBus(transport: .tcp(server.endpoint), logger: quietLogger)
            try await waitUntil("the bus thread to be named") { threadNames().contains(threadName(of: bus)) }
            let gate = Gate()
            let running = Task {
                try await bus.perform { connection throws(ModbusError) in
                    gate.pass()
                    return try connection.readRegisters(.holding, address: 100, count: 1, unitID: 1)
                }
            }
            try await waitUntil("the first job to run") { gate.isWaiting }
            var queued: [Task<[UInt16], any Error>] = []
            for index in 0..<3 {
                queued.append(Task { try await bus.read(.holding, 100, count: 1) })
                try await waitUntil("job \(index) to be queued") { bus.statistics().queuedJobs == index + 1 }
            }

            let finished = Flag()
            let shutdown = Task {
                await bus.shutdown()
                finished.set()
            }
            for job in queued {
                await #expect(throws: ModbusBusError.shutDown) { try await job.value }
            }
            // The running job still holds the bus, so shutdown is still waiting for it.
            #expect(!finished.isSet)

            gate.open()
            await shutdown.value
            #expect(try await running.value == [215])
            #expect(!threadNames().contains(threadName(of: bus)))
            #expect(!bus.statistics().isConnected)
            await #expect(throws: ModbusBusError.shutDown) { try await bus.read(.holding, 100, count: 1) }
            await bus.shutdown()  // again: returns at once
            #expect(try server.requests().count == 1)
        }
    }

    @Test("Cancelling a task whose job is still queued takes the job out; it never runs")
    func cancelQueuedJob() async throws {
        try await withServer { server in
            try await withBus(.tcp(server.endpoint)) { bus in
                let gate = Gate()
                let blocker = Task { try await bus.perform(.poll, gate.job) }
                try await waitUntil("the first job to hold the bus") { gate.isWaiting }
                let ran = Flag()
                let queued = Task {
                    try await bus.perform { _ throws(ModbusError) in ran.set() }
                }
                try await waitUntil("the job to be queued") { bus.statistics().queuedJobs == 1 }
                queued.cancel()
                await #expect(throws: ModbusBusError.cancelled) { try await queued.value }
                #expect(bus.statistics().queuedJobs == 0)
                gate.open()
                try await blocker.value
                #expect(try await bus.read(.coil, 0, count: 1) == [0])
                #expect(!ran.isSet)
            }
        }
    }
}
