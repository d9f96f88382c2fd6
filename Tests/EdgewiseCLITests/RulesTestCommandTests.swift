import EdgewiseTesting
import Foundation
import Testing

@Suite("edgewise rules test")
struct RulesTestCommandTests {
    /// The example config in a temporary directory, with `tests` as rules/cooling.test.yaml.
    static func config(tests: String?, gateway: ((String) -> String)? = nil) throws -> TemporaryDirectory {
        let directory = try EdgewiseBinary.exampleConfig()
        if let tests { _ = try directory.write(tests, to: "rules/cooling.test.yaml") }
        if let gateway {
            let path = directory.path + "/gateway.yaml"
            _ = try directory.write(gateway(try FileSystem.read(path)), to: "gateway.yaml")
        }
        return directory
    }

    @Test func theRepositoryExamplePasses() async throws {
        let result = try await EdgewiseBinary.run("rules", "test", "--config", ".", in: RepositoryPaths.root())
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.dropLast().allSatisfy { $0.hasPrefix("PASS ") })
        #expect(lines.first == "PASS cools after two minutes above 26")
        #expect(lines.contains("PASS does not cool on a one-minute spike"))
        #expect(lines.last == "\(lines.count - 1) cases: \(lines.count - 1) passed, 0 failed")
        #expect(result.standardError == "")
    }

    @Test func aFailingCaseShowsExpectedAgainstGotAndExits1() async throws {
        let directory = try Self.config(tests: """
            cases:
              - name: min_on defers the off
                readings:
                  - {at: 0s, point: greenhouse-air.temperature, value: 27}
                  - {at: 3m, point: greenhouse-air.temperature, value: 23}
                expect:
                  - {at: 2m, event: RuleTriggered}
                  - {at: 2m, write: hvac.cooling = on}
                  - {at: 2m, emit: CoolingRequested}
                  - {at: 4m, event: RuleCleared}
                  - {at: 4m, write: hvac.cooling = off}
              - name: nothing happens without readings
                expect: []
            """)
        let result = try await EdgewiseBinary.run("rules", "test", "--config", directory.path)
        #expect(result.status == 1)
        #expect(result.standardOutput == """
            FAIL min_on defers the off (\(directory.path)/rules/cooling.test.yaml:2:11)
                  2m  event RuleTriggered (cool-greenhouse)
                  2m  write hvac.cooling = on (cool-greenhouse)
                  2m  emit CoolingRequested (cool-greenhouse)
                - 4m  event RuleCleared                            expected at \(directory.path)/rules/cooling.test.yaml:10:9, not produced
                - 4m  write hvac.cooling = off                     expected at \(directory.path)/rules/cooling.test.yaml:11:9, not produced
                + 7m  event RuleCleared (cool-greenhouse)          produced, not expected
                + 7m  write hvac.cooling = off (cool-greenhouse)   produced, not expected
            PASS nothing happens without readings
            2 cases: 1 passed, 1 failed

            """)
        #expect(result.standardError == "")
    }

    @Test func aMissingDirectoryExits2() async throws {
        let result = try await EdgewiseBinary.run("rules", "test", "--config", "/nonexistent/edgewise")
        #expect(result.status == 2)
        #expect(result.standardError == "edgewise: error: config directory '/nonexistent/edgewise' does not exist (give another with --config DIR)\n")
        #expect(result.standardOutput == "")
    }

    @Test func anInvalidConfigurationExits2WithCheckStyleErrors() async throws {
        let directory = try Self.config(tests: nil)
        _ = try directory.write("rules:\n  - name: x\n    when: greenhouse-air.temperature = 26\n    then: [{emit: Hot}]\n", to: "rules/bad.yaml")
        let result = try await EdgewiseBinary.run("rules", "test", "--config", directory.path)
        #expect(result.status == 2)
        #expect(result.standardError == """
            \(directory.path)/rules/bad.yaml:3:38: error: '=' is not a comparison
                hint: use '==' to compare
            1 error in \(directory.path)

            """)
        #expect(result.standardOutput == "")
    }

    @Test func anInvalidTestFileExits2WithEveryProblem() async throws {
        let directory = try Self.config(tests: """
            cases:
              - name: typos
                readings: [{at: 0s, point: greenhouse-air.temprature, value: 27}]
                expect: [{at: 2m, event: CoolingRequested}]
            """)
        let result = try await EdgewiseBinary.run("rules", "test", "--config", directory.path)
        #expect(result.status == 2)
        #expect(result.standardError == """
            \(directory.path)/rules/cooling.test.yaml:3:32: error: device 'greenhouse-air' has no point 'temprature'
                hint: did you mean 'temperature'?
            \(directory.path)/rules/cooling.test.yaml:4:30: error: 'event' expects RuleTriggered or RuleCleared, but is 'CoolingRequested'
                hint: rules emit 'CoolingRequested': expect it with 'emit: CoolingRequested'
            2 errors in \(directory.path)

            """)
    }

    @Test func noTestFilesIsNotAFailure() async throws {
        let directory = try Self.config(tests: nil)
        let result = try await EdgewiseBinary.run("rules", "test", "--config", directory.path)
        #expect(result.status == 0)
        #expect(result.standardOutput == "0 cases: no rule test cases in \(directory.path)/rules (write them in *.test.yaml files)\n")
    }

    @Test func anUnknownTimeZoneExits2() async throws {
        let directory = try Self.config(tests: "cases: []\n") { $0.replacingOccurrences(of: "Europe/Amsterdam", with: "Europe/Atlantis") }
        let result = try await EdgewiseBinary.run("rules", "test", "--config", directory.path)
        #expect(result.status == 2)
        // Reported by the configuration check, or by this command when the check lets it through.
        #expect(result.standardError.contains("'Europe/Atlantis'"))
        #expect(result.standardOutput == "")
    }

    @Test func theCommandIsListedInHelp() async throws {
        let help = try await EdgewiseBinary.run("--help")
        #expect(help.standardOutput.contains("rules"))
        let testHelp = try await EdgewiseBinary.run("rules", "test", "--help")
        #expect(testHelp.standardOutput.contains("Run the rule test cases in rules/*.test.yaml."))
        #expect(testHelp.standardOutput.contains("(default: /etc/edgewise)"))
    }
}
