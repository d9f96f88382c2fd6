import EdgewiseConfig
import EdgewiseCore
import Glibc

/// The configuration the rules benchmark loads: one sensor and one relay per rule, and rules of
/// the four shapes a site typically has, taken in turn (rule `i` has shape `i % 4`):
///
/// | shape | when | until / for |
/// |---|---|---|
/// | `hyst` | `s-i.temperature > 26` | `until: s-i.temperature < 24` |
/// | `for` | `s-i.temperature > 26` | `for: 30s`, `until: s-i.temperature < 24` |
/// | `avg` | `avg(s-i.temperature, 5m) > 25.5` | `until: avg(s-i.temperature, 5m) < 24.5` |
/// | `time` | `between 07:00 and 19:00 and s-i.temperature > 26` | (clears when false) |
///
/// Every rule writes `r-i.power = on` on trigger and `off` on clear; `r-i` is an MQTT relay with a
/// command topic. Sensor `s-i` publishes `{"temp": …}` on `site/s-i`.
enum RuleFixture {
    static let shapes = ["hyst", "for", "avg", "time"]

    static func shape(of index: Int) -> String { shapes[index % shapes.count] }

    static func sensor(_ index: Int) -> String { "s-\(index)" }

    /// Device files for sensors and relays `indexes`.
    static func devices(_ indexes: Range<Int>) -> [(path: String, text: String)] {
        indexes.flatMap { index in
            [
                ("devices/s-\(index).yaml", """
                    device: s-\(index)
                    protocol: mqtt
                    topic: site/s-\(index)
                    points:
                      temperature: {json: "$.temp", unit: degC}
                    """),
                ("devices/r-\(index).yaml", """
                    device: r-\(index)
                    protocol: mqtt
                    topic: stat/r-\(index)/POWER
                    points:
                      power: {type: bool, writable: true, command_topic: cmnd/r-\(index)/POWER}
                    """),
            ]
        }
    }

    /// One rule file with the rules over sensors `indexes`.
    static func rules(_ indexes: Range<Int>) -> (path: String, text: String) {
        var text = "rules:\n"
        for index in indexes {
            let (sensor, relay) = ("s-\(index).temperature", "r-\(index).power")
            text += "  - name: \(shape(of: index))-\(index)\n"
            switch shape(of: index) {
            case "hyst":
                text += "    when: \(sensor) > 26\n    until: \(sensor) < 24\n"
            case "for":
                text += "    when: \(sensor) > 26\n    for: 30s\n    until: \(sensor) < 24\n"
            case "avg":
                text += "    when: avg(\(sensor), 5m) > 25.5\n    until: avg(\(sensor), 5m) < 24.5\n"
            default:
                text += "    when: between 07:00 and 19:00 and \(sensor) > 26\n"
            }
            text += "    then: [{write: \(relay) = on}]\n    on_clear: [{write: \(relay) = off}]\n"
        }
        return ("rules/bench.yaml", text)
    }

    /// The validated configuration with `count` sensors, relays and rules.
    static func configuration(rules count: Int) -> EdgewiseConfiguration {
        let loaded = ConfigLoader.load(ConfigLoader.ConfigFiles(
            gateway: ("gateway.yaml", "gateway: {id: rules-bench}\nlocal_broker: {url: \"mqtt://127.0.0.1\"}\n"),
            devices: devices(0..<count), rules: [rules(0..<count)]))
        guard let configuration = loaded.configuration else {
            fatalError("rules-bench: the benchmark configuration is invalid: \(loaded.diagnostics.prefix(5))")
        }
        return configuration
    }

    /// Sensor `index`'s temperature `seconds` into the run: a sine between 22 and 28 °C (so the
    /// 26 / 24 thresholds are crossed every period), periods of 2–10 minutes (20–40 minutes for the
    /// `avg` rules' sensors, so that their 5-minute average swings too), and ±0.15 °C of noise (so
    /// a value near a limit dithers, as real ones do).
    static func temperature(sensor index: Int, of count: Int, seconds: Double, sample: Int) -> Double {
        let period = shape(of: index) == "avg" ? 1_200.0 + Double(index * 97 % 1_200) : 120.0 + Double(index * 37 % 480)
        let phase = Double(index) / Double(max(count, 1))
        let wave = 25 + 3 * sin(2 * Double.pi * (seconds / period + phase))
        return ((wave + noise(index, sample) * 0.15) * 100).rounded() / 100
    }

    /// A deterministic number in −1…1 for (sensor, sample).
    static func noise(_ index: Int, _ sample: Int) -> Double {
        var x = UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: sample) &* 0xBF58_476D_1CE4_E5B9
        x ^= x >> 31
        x = x &* 0x94D0_49BB_1331_11EB
        x ^= x >> 29
        return Double(x % 2_000_001) / 1_000_000 - 1
    }
}
