import EdgewiseTesting
import Testing

@Suite("edgewise check")
struct CheckCommandTests {
    @Test func theExampleConfigInTheRepositoryIsValid() async throws {
        let result = try await EdgewiseBinary.run("check", "--config", ".", in: RepositoryPaths.root())
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == ".: OK: 2 devices, 9 points, 1 rule\n")
        #expect(result.standardError == "")
    }

    @Test func fiveMistakesInThreeFilesPrintFiveErrorLinesAndExit1() async throws {
        let result = try await EdgewiseBinary.run("check", "--config", "five-mistakes", in: EdgewiseBinary.fixtures)
        let expected = try FileSystem.read(EdgewiseBinary.fixtures + "/five-mistakes/expected-stderr.txt")
        #expect(result.status == 1)
        #expect(result.standardError == expected)
        #expect(result.standardOutput == "")
        let errorLines = result.standardError.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errorLines.count == 5)
        #expect(Set(errorLines.map { $0.split(separator: ":")[0] }).count == 3)
    }

    @Test func aMissingDirectoryExits2() async throws {
        let result = try await EdgewiseBinary.run("check", "--config", "/nonexistent/edgewise")
        #expect(result.status == 2)
        #expect(result.standardError == "edgewise: error: config directory '/nonexistent/edgewise' does not exist (give another with --config DIR)\n")
    }

    @Test func aFileInsteadOfADirectoryExits2() async throws {
        let result = try await EdgewiseBinary.run("check", "--config", "gateway.yaml", in: RepositoryPaths.root())
        #expect(result.status == 2)
        #expect(result.standardError.contains("'gateway.yaml' is not a directory"))
    }

    @Test func aDirectoryWithoutGatewayYamlSaysWhatToCreate() async throws {
        let directory = try TemporaryDirectory()
        let result = try await EdgewiseBinary.run("check", "--config", directory.path)
        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("\(directory.path)/gateway.yaml:1:1: error: gateway.yaml is missing\n    hint: create it with"))
    }

    @Test func theDefaultDirectoryIsEtcEdgewise() async throws {
        let result = try await EdgewiseBinary.run("check", "--help")
        #expect(result.standardOutput.contains("(default: /etc/edgewise)"))
    }

    @Test func ruleTestCasesBesideRulesAreNotReadAsRules() async throws {
        let directory = try TemporaryDirectory()
        for file in ["gateway.yaml", "devices/greenhouse-air.yaml", "devices/hvac.yaml", "rules/cooling.yaml"] {
            _ = try directory.write(try FileSystem.read(RepositoryPaths.root() + "/" + file), to: file)
        }
        _ = try directory.write("cases:\n  - name: anything\n", to: "rules/cooling.test.yaml")
        _ = try directory.write("not yaml: [", to: "devices/notes.txt")
        let result = try await EdgewiseBinary.run("check", "--config", directory.path)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasSuffix("OK: 2 devices, 9 points, 1 rule\n"))
    }
}
