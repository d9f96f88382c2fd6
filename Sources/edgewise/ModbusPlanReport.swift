import EdgewiseCore

/// The poll plan of each Modbus device, as `edgewise check --verbose` prints it: which reads every
/// combination of due poll groups makes, and how many reads that saves over one per point.
///
/// ```
/// hvac (modbus-tcp 127.0.0.1:5020, unit 1): 6 points in 4 requests per full cycle (one request per point would take 6)
///   every 500ms: 1 request
///     holding 102–103 (2 registers: flow)
///   every 2s (points polled every 500ms, 2s): 3 requests
///     ...
///   per 1m: 181 requests instead of 241
/// ```
enum ModbusPlanReport {
    /// The report for every Modbus device of `configuration`, in config order; empty without any.
    static func render(_ configuration: EdgewiseConfiguration) -> String {
        configuration.devices.flatMap(lines).map { $0 + "\n" }.joined()
    }

    /// The report of one device; none for a device that does not speak Modbus.
    static func lines(for device: DeviceConfig) -> [String] {
        guard case .modbus(let settings) = device.connection else { return [] }
        let plan = ModbusDevicePlan(device: device)
        var lines = [
            "\(device.name) (\(address(of: settings))): \(count(plan.naiveRequestCount, "point")) in \(count(plan.fullCycle.count, "request")) per full cycle "
                + "(one request per point would take \(plan.naiveRequestCount))"
        ]
        for combination in plan.combinations {
            let polled = combination.intervals.map(DurationSyntax.format).joined(separator: ", ")
            let label = combination.intervals == [combination.period] ? "" : " (points polled every \(polled))"
            lines.append("  every \(DurationSyntax.format(combination.period))\(label): \(count(combination.requests.count, "request"))")
            lines += combination.requests.map { "    \($0)" }
        }
        if plan.hyperperiod == nil {
            lines.append("  (rarer combinations of poll intervals are planned when they occur)")
        } else if plan.combinations.count > 1, let hyperperiod = plan.hyperperiod, let requests = plan.requestsPerHyperperiod,
                  let naive = plan.naiveRequestsPerHyperperiod {
            lines.append("  per \(DurationSyntax.format(hyperperiod)): \(count(requests, "request")) instead of \(naive)")
        }
        return lines
    }

    /// `modbus-tcp 127.0.0.1:5020, unit 1`, `modbus-rtu /dev/ttyUSB0 9600 8N1, unit 3`.
    static func address(of settings: ModbusDeviceSettings) -> String {
        let transport = switch settings.transport {
        case .tcp(let address): "\(address)"
        case .rtu(let line): "\(line.port) \(line.baud) \(line.dataBits)\(line.parity.rawValue)\(line.stopBits)"
        }
        return "\(settings.transport.protocolName) \(transport), unit \(settings.unitID)"
    }

    /// `1 request`, `4 requests`.
    static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
}
