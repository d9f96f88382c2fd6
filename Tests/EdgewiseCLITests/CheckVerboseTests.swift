import EdgewiseTesting
import Testing

@Suite("edgewise check --verbose")
struct CheckVerboseTests {
    @Test func printsThePollPlanOfTheExampleModbusDevice() async throws {
        let result = try await EdgewiseBinary.run("check", "--verbose", "--config", ".", in: RepositoryPaths.root())
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError == "")
        #expect(result.standardOutput == """
            .: OK: 2 devices, 9 points, 1 rule
            hvac (modbus-tcp 127.0.0.1:5020, unit 1): 6 points in 4 requests per full cycle (one request per point would take 6)
              every 500ms: 1 request
                holding 102–103 (2 registers: flow)
              every 2s (points polled every 500ms, 2s): 3 requests
                coil 0 (1 bit: cooling)
                discrete_input 0 (1 bit: alarm)
                holding 100–103 (4 registers: supply_temp, return_temp, flow)
              every 1m (points polled every 500ms, 2s, 1m): 4 requests
                coil 0 (1 bit: cooling)
                discrete_input 0 (1 bit: alarm)
                input 200–201 (2 registers: compressor_hours)
                holding 100–103 (4 registers: supply_temp, return_temp, flow)
              per 1m: 181 requests instead of 241

            """)
    }

    @Test func anRTUDeviceWithOneIntervalShowsItsLineAndOneCombination() async throws {
        let directory = try EdgewiseBinary.exampleConfig()
        try directory.write("""
            device: meter
            protocol: modbus-rtu
            serial: {port: /dev/ttyUSB0, baud: 19200, parity: E}
            unit_id: 7
            max_gap: 0
            points:
              voltage: {input: 0, type: float32}
              current: {input: 2, type: float32}
              energy: {input: 10, type: uint32}
            """, to: "devices/meter.yaml")
        let result = try await EdgewiseBinary.run("check", "--verbose", "--config", directory.path)
        #expect(result.status == 0, "\(result.standardError)")
        let meter = result.standardOutput.split(separator: "\n").drop { !$0.hasPrefix("meter") }.map(String.init)
        #expect(meter == [
            "meter (modbus-rtu /dev/ttyUSB0 19200 8E1, unit 7): 3 points in 2 requests per full cycle (one request per point would take 3)",
            "  every 1s: 2 requests",
            "    input 0–3 (4 registers: voltage, current)",
            "    input 10–11 (2 registers: energy)",
        ])
    }

    @Test func withoutVerboseOnlyTheSummaryIsPrinted() async throws {
        let result = try await EdgewiseBinary.run("check", "--config", ".", in: RepositoryPaths.root())
        #expect(result.standardOutput == ".: OK: 2 devices, 9 points, 1 rule\n")
    }
}
