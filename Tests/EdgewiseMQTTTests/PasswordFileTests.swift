import EdgewiseMQTT
import EdgewiseTesting
import Testing

@Suite("Password files")
struct PasswordFileTests {
    @Test(
        "Reads the file, removing one trailing line ending",
        arguments: [
            ("s3cret", "s3cret"), ("s3cret\n", "s3cret"), ("s3cret\r\n", "s3cret"), ("s3cret\n\n", "s3cret\n"),
            (" spaced out \n", " spaced out "), ("pässwörd\n", "pässwörd"),
        ])
    func reads(contents: String, expected: String) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(contents, to: "password")
        #expect(try MqttClientConfiguration.readPasswordFile(path) == expected)
    }

    @Test("A missing file is an error naming the path")
    func missing() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/nope"
        let error = #expect(throws: MqttPasswordFileError.self) { try MqttClientConfiguration.readPasswordFile(path) }
        #expect(error?.path == path)
        #expect(error?.description == "cannot read MQTT password file '\(path)': No such file or directory")
    }

    @Test("An empty file, or one with only a newline, is an error", arguments: ["", "\n"])
    func empty(contents: String) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(contents, to: "password")
        let error = #expect(throws: MqttPasswordFileError.self) { try MqttClientConfiguration.readPasswordFile(path) }
        #expect(error?.description == "cannot read MQTT password file '\(path)': it is empty")
    }

    @Test("A directory is not a password file")
    func directory() throws {
        let directory = try TemporaryDirectory()
        let error = #expect(throws: MqttPasswordFileError.self) {
            try MqttClientConfiguration.readPasswordFile(directory.path)
        }
        #expect(error?.path == directory.path)
        #expect(error?.problem == "it is not a regular file")
    }
}
