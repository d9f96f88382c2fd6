import BenchmarkSupport
import EdgewiseCore
import EdgewiseTesting

/// A Modbus device for the benchmark: its device file and what the test server holds for it.
struct BenchmarkDevice: Sendable {
    /// The device's name in the config (`device:`).
    let name: String
    /// What it is, for the tables.
    let summary: String
    /// The device file; `PORT` is replaced by the server's port.
    let yamlTemplate: String
    /// The server's contents: table → address → value. Only these addresses exist on the server.
    let map: [ModbusRegister.Table: [Int: UInt16]]

    /// The device file for a server on `port`.
    func yaml(port: Int) -> String {
        yamlTemplate.split(separator: "PORT", omittingEmptySubsequences: false).joined(separator: "\(port)")
    }

    static func header(_ name: String, poll: String) -> String {
        "device: \(name)\nprotocol: modbus-tcp\nhost: 127.0.0.1\nport: PORT\nunit_id: 1\npoll: \(poll)\npoints:\n"
    }

    static func addresses(_ table: ModbusRegister.Table, _ ranges: [ClosedRange<Int>], value: (Int) -> UInt16 = { UInt16($0 % 1000) })
        -> [ModbusRegister.Table: [Int: UInt16]]
    {
        var entries: [Int: UInt16] = [:]
        for range in ranges { for address in range { entries[address] = table.holdsBits ? UInt16(address % 2) : value(address) } }
        return [table: entries]
    }

    static func merged(_ maps: [ModbusRegister.Table: [Int: UInt16]]...) -> [ModbusRegister.Table: [Int: UInt16]] {
        maps.reduce(into: [:]) { result, map in
            for (table, entries) in map { result[table, default: [:]].merge(entries) { _, new in new } }
        }
    }

    // MARK: The register maps of the request-count case

    /// `devices/hvac.yaml` from the repository, as shipped (only the port changes).
    static func exampleHVAC() throws -> BenchmarkDevice {
        let text = try FileSystem.read(RepositoryPaths.root() + "/devices/hvac.yaml")
        guard text.contains("port: 5020") else { throw BenchmarkError("devices/hvac.yaml no longer says `port: 5020`") }
        return BenchmarkDevice(
            name: "hvac", summary: "example devices/hvac.yaml: 4 registers, 2 input registers, 1 discrete input, 1 coil; 500ms/2s/1m",
            yamlTemplate: text.replacingFirst("port: 5020", with: "port: PORT"),
            map: merged(addresses(.holding, [100...103]), addresses(.input, [200...201]), addresses(.discreteInput, [0...0]), addresses(.coil, [0...0])))
    }

    /// A three-phase energy meter laid out like common DIN-rail meters: 36 float32 input
    /// registers polled every second in three blocks, the first with small gaps (reserved
    /// addresses the meter answers with 0), and 6 uint32 energy counters in holding registers
    /// every 15 s, with one 2-register gap.
    static let energyMeter: BenchmarkDevice = {
        var yaml = header("meter", poll: "1s")
        // Per-phase values at 0–35, then totals with gaps of 0–6 registers, then line-to-line voltages and harmonics.
        let phases = ["v": "V", "i": "A", "p": "W", "s": "VA", "q": "var", "pf": ""]
        var address = 0
        for quantity in ["v", "i", "p", "s", "q", "pf"] {
            for phase in 1...3 {
                yaml += point("\(quantity)_l\(phase)", "input: \(address), type: float32", unit: phases[quantity]!)
                address += 2
            }
        }
        for (name, at, unit) in [("v_avg", 42, "V"), ("i_avg", 46, "A"), ("i_sum", 48, "A"), ("p_total", 52, "W"), ("s_total", 56, "VA"),
                                 ("q_total", 60, "var"), ("pf_total", 62, ""), ("frequency", 70, "Hz")] {
            yaml += point(name, "input: \(at), type: float32", unit: unit)
        }
        for (index, name) in ["v_l1l2", "v_l2l3", "v_l3l1", "v_ll_avg"].enumerated() {
            yaml += point(name, "input: \(200 + 2 * index), type: float32", unit: "V")
        }
        for (index, name) in ["thd_v_l1", "thd_v_l2", "thd_v_l3", "thd_i_l1", "thd_i_l2", "thd_i_l3"].enumerated() {
            yaml += point(name, "input: \(234 + 2 * index), type: float32", unit: "percent")
        }
        for (name, at) in [("e_import", 1280), ("e_export", 1282), ("q_import", 1284), ("q_export", 1286), ("e_import_t1", 1290), ("e_import_t2", 1292)] {
            yaml += point(name, "holding: \(at), type: uint32, poll: 15s", unit: name.hasPrefix("e_") ? "kWh" : "")
        }
        return BenchmarkDevice(
            name: "meter", summary: "energy meter: 36 float32 input registers (1s) in 3 blocks with gaps of 0–6, 6 uint32 counters (15s)",
            yamlTemplate: yaml,
            // The meter answers every address of a block, reserved ones with 0, as most do; between blocks nothing exists.
            map: merged(addresses(.input, [0...71, 200...207, 234...245], value: { _ in 0x4248 }), addresses(.holding, [1280...1293])))
    }()

    /// A small PLC: 100 coils (its outputs), 16 discrete inputs and 8 int16 holding registers,
    /// all polled every 500 ms.
    static let plc: BenchmarkDevice = {
        var yaml = header("plc", poll: "500ms")
        for coil in 0..<100 { yaml += point("q\(coil)", "coil: \(coil)") }
        for input in 0..<16 { yaml += point("i\(input)", "discrete_input: \(input)") }
        for register in 0..<8 { yaml += point("r\(register)", "holding: \(register), type: int16") }
        return BenchmarkDevice(
            name: "plc", summary: "PLC: 100 coils, 16 discrete inputs, 8 int16 holding registers; 500ms",
            yamlTemplate: yaml,
            map: merged(addresses(.coil, [0...99]), addresses(.discreteInput, [0...15]), addresses(.holding, [0...7])))
    }()

    // MARK: The CPU case

    /// 1,000 holding registers 0–999, as 1,000 uint16 points or 500 float32 points, read in 8
    /// requests of 125 (`count` per request is the protocol's limit).
    static func thousandRegisters(float32: Bool, poll: String) -> BenchmarkDevice {
        var yaml = header("block", poll: poll)
        if float32 {
            for index in 0..<500 { yaml += point("f\(index)", "holding: \(2 * index), type: float32") }
        } else {
            for index in 0..<1_000 { yaml += point("r\(index)", "holding: \(index)") }
        }
        return BenchmarkDevice(
            name: "block", summary: float32 ? "500 float32 points" : "1,000 uint16 points", yamlTemplate: yaml,
            map: addresses(.holding, [0...999]))
    }

    // MARK: The write case

    /// A controller with two writable holding registers (500 with read-back, 501 without) and,
    /// when `polled`, a status block to poll: 40 holding registers, 30 input registers and 16
    /// coils (4 requests per poll with the setpoints), or `heavy`: 1,000 holding registers
    /// (9 requests).
    static func controller(poll: String, heavy: Bool) -> BenchmarkDevice {
        var yaml = header("ctl", poll: poll)
        yaml += point("sp_checked", "holding: \(heavy ? 1_000 : 500), writable: true")
        yaml += point("sp_unchecked", "holding: \(heavy ? 1_001 : 501), writable: true, read_back: false")
        var map: [ModbusRegister.Table: [Int: UInt16]]
        if heavy {
            for index in 0..<1_000 { yaml += point("r\(index)", "holding: \(index)") }
            map = addresses(.holding, [0...1_001])
        } else {
            for index in 0..<40 { yaml += point("status\(index)", "holding: \(index)") }
            for index in 0..<30 { yaml += point("measured\(index)", "input: \(index)") }
            for index in 0..<16 { yaml += point("output\(index)", "coil: \(index)") }
            map = merged(addresses(.holding, [0...39, 500...501]), addresses(.input, [0...29]), addresses(.coil, [0...15]))
        }
        return BenchmarkDevice(
            name: "ctl", summary: heavy ? "1,000 holding registers + 2 setpoints" : "40 holding, 30 input registers, 16 coils + 2 setpoints",
            yamlTemplate: yaml, map: map)
    }

    private static func point(_ name: String, _ register: String, unit: String = "") -> String {
        "  \(name): {\(register)\(unit.isEmpty ? "" : ", unit: \(unit)")}\n"
    }
}

extension String {
    /// The string with the first occurrence of `target` replaced.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        return self[..<range.lowerBound] + replacement + self[range.upperBound...]
    }
}
