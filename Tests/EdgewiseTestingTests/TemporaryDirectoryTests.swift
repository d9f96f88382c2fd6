import EdgewiseTesting
import Glibc
import Testing

@Suite struct TemporaryDirectoryTests {
    @Test func createsAFreshDirectoryEachTime() throws {
        let first = try TemporaryDirectory()
        let second = try TemporaryDirectory(prefix: "edgewise-other")
        #expect(first.path != second.path)
        #expect(first.path.hasPrefix("/"))
        #expect(second.path.split(separator: "/").last?.hasPrefix("edgewise-other-") == true)
        #expect(fileExists(first.path) && fileExists(second.path))
    }

    @Test func writeCreatesIntermediateDirectoriesAndReplacesFiles() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("first version, longer\n", to: "devices/boiler/modbus.yaml")
        #expect(path == directory.path + "/devices/boiler/modbus.yaml")
        try directory.write("second\n", to: "devices/boiler/modbus.yaml")
        #expect(contentsOfFile(path) == "second\n")
        try directory.write("x", to: "devices/pump.yaml")
        #expect(contentsOfFile(directory.path + "/devices/pump.yaml") == "x")
    }

    @Test func removeDeletesEverythingAndCanBeRepeated() throws {
        let directory = try TemporaryDirectory()
        try directory.write("a", to: "one/two/three.txt")
        try directory.write("b", to: "top.txt")
        symlink("/etc", directory.path + "/link")  // removed, never followed
        try directory.remove()
        #expect(!fileExists(directory.path))
        #expect(fileExists("/etc/hostname") || fileExists("/etc/passwd"))
        try directory.remove()
    }

    @Test func releasingItRemovesTheDirectory() throws {
        var path = ""
        do {
            let directory = try TemporaryDirectory()
            path = try directory.write("a", to: "nested/file.txt")
            #expect(fileExists(path))
        }
        #expect(!fileExists(path))
    }
}
