import EdgewiseCore
import EdgewiseModbus
import EdgewiseTesting
import Glibc
import Testing

@Suite("Modbus bus: one job at a time, writes first")
struct ModbusBusOrderTests {
    @Test("Many concurrent jobs on one bus never overlap, and all of them run")
    func noOverlap() async throws {
        try await withServer { server in
            try await withBus(.tcp(server.endpoint)) { bus in
                let running = Counter()
                let overlaps = Counter()
                try await withThrowingTaskGroup(of: [UInt16].self) { group in
                    for index in 0..<40 {
                        group.addTask {
                            try await bus.perform(index % 5 == 0 ? .write : .poll) { connection throws(ModbusError) in
                                if running.add(1) != 1 { overlaps.add() }
                                defer { running.add(-1) }
                                usleep(500)  // widen the window another job would have to overlap in
                                return try connection.readRegisters(.holding, address: 100, count: 2, unitID: 1)
                            }
                        }
                    }
                    for try await values in group { #expect(values == [215, 198]) }
                }
                #expect(overlaps.current == 0)
                #expect(bus.statistics().jobs == 40)
            }
            #expect(try server.requests().count == 40)
        }
    }

    @Test("A write queued behind several polls runs before them; polls keep their order")
    func writesGoFirst() async throws {
        try await withServer { server in
            try await withBus(.tcp(server.endpoint)) { bus in
                let gate = Gate()
                let order = Recorder<String>()
                let blocker = Task { try await bus.perform(.poll, gate.job) }
                try await waitUntil("the first job to hold the bus") { gate.isWaiting }

                var jobs: [Task<Void, any Error>] = []
                for (index, kind) in [ModbusBusJobKind.poll, .poll, .poll, .write].enumerated() {
                    let name = kind == .write ? "write" : "poll \(index)"
                    jobs.append(Task {
                        try await bus.perform(kind) { connection throws(ModbusError) in
                            order.append(name)
                            _ = try connection.readRegisters(.coil, address: 0, count: 1, unitID: 1)
                        }
                    })
                    // Queue them one after another, so their order is known.
                    try await waitUntil("\(name) to be queued") { bus.statistics().queuedJobs == index + 1 }
                }
                gate.open()
                try await blocker.value
                for job in jobs { try await job.value }
                #expect(order.all == ["write", "poll 0", "poll 1", "poll 2"])
            }
        }
    }

    @Test("A bus stuck on a dead device does not delay another bus's jobs")
    func busesAreIndependent() async throws {
        let deadDevice = try SilentTCPListener()
        try await withServer { server in
            try await withBus(.tcp(HostAndPort(host: "127.0.0.1", port: deadDevice.port)), responseTimeout: .milliseconds(200)) { stuck in
                try await withBus(.tcp(server.endpoint)) { healthy in
                    let release = Gate()
                    let started = Flag()
                    let completions = Recorder<String>()
                    // Keeps the stuck bus's thread in requests that time out, until released.
                    let stuckJob = Task {
                        try await stuck.perform { connection throws(ModbusError) in
                            started.set()
                            repeat {
                                if !connection.isConnected { try? connection.connect() }
                                _ = try? connection.readRegisters(.holding, address: 0, count: 1, unitID: 1)
                            } while !release.isOpened
                            completions.append("stuck")
                        }
                    }
                    try await waitUntil("the stuck bus to be busy") { started.isSet }

                    #expect(try await healthy.read(.holding, 100, count: 1) == [215])
                    completions.append("healthy")

                    release.open()
                    try await stuckJob.value
                    #expect(completions.all == ["healthy", "stuck"])
                }
            }
        }
        deadDevice.close()
    }
}
