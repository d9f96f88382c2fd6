import ArgumentParser
import EdgewiseConfig
import EdgewiseCore

/// `edgewise rules test`: runs the test cases in `rules/*.test.yaml` against the rules, on a
/// virtual clock, and prints `PASS name` or `FAIL name` with what differed.
///
/// ```
/// PASS cools after two minutes above 26
/// FAIL min_on defers the off (rules/cooling.test.yaml:30:11)
///       2m10s  event RuleTriggered (cool-greenhouse)
///       2m10s  write hvac.cooling = on (cool-greenhouse)
///     - 4m     write hvac.cooling = off                     expected at rules/cooling.test.yaml:36:9, not produced
///     + 7m10s  write hvac.cooling = off (cool-greenhouse)   produced, not expected
/// 2 cases: 1 passed, 1 failed
/// ```
struct RulesTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the rule test cases in rules/*.test.yaml.",
        discussion: """
            Each case replays readings on a virtual clock; every action and RuleTriggered/RuleCleared \
            event must be expected at exactly the time it happens. Exits 0 when all cases pass, 1 when \
            any fails, 2 when the directory or the configuration (test files included) cannot be used.
            """
    )

    @OptionGroup var options: ConfigDirectoryOptions

    func run() throws {
        let configuration: EdgewiseConfiguration
        do {
            configuration = try ConfigReport.loadOrExit(options)
        } catch let exit as ExitCode where exit == ExitCode(1) {
            throw ExitCode(2)  // an invalid configuration is not a failing test
        }
        let loaded: RuleTestLoader.Result
        do {
            loaded = try RuleTestLoader.load(directory: options.config, configuration: configuration)
        } catch {
            StandardError.write("edgewise: error: \(error)")
            throw ExitCode(2)
        }
        for diagnostic in loaded.diagnostics { StandardError.write(diagnostic.description) }
        guard loaded.errors.isEmpty else {
            let count = loaded.errors.count
            StandardError.write("\(count) error\(count == 1 ? "" : "s") in \(options.config)")
            throw ExitCode(2)
        }
        let timeZone: RuleTimeZone
        if let name = configuration.gateway.timeZone {
            guard let zone = RuleTimeZone.iana(name) else {
                StandardError.write("edgewise: error: gateway.timezone '\(name)' is not a time zone this system knows (an IANA name such as 'Europe/Amsterdam')")
                throw ExitCode(2)
            }
            timeZone = zone
        } else {
            timeZone = .utc  // never the machine's zone: tests must pass the same everywhere
        }

        let runner = RuleTestRunner(rules: configuration.rules, devices: configuration.devices, timeZone: timeZone)
        var failed = 0
        for file in loaded.files {
            for testCase in file.cases {
                let result = runner.run(testCase)
                if result.passed {
                    print("PASS \(result.name)")
                } else {
                    failed += 1
                    print("FAIL \(result.name) (\(result.location))")
                    for line in result.timeline() { print(line) }
                }
            }
        }
        let total = loaded.caseCount
        if total == 0 {
            let rules = options.config.hasSuffix("/") ? options.config + "rules" : options.config + "/rules"
            print("0 cases: no rule test cases in \(rules) (write them in *.test.yaml files)")
            return
        }
        print("\(total) case\(total == 1 ? "" : "s"): \(total - failed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode(1) }
    }
}
