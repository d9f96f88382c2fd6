import EdgewiseTesting
import Glibc
import Testing

@testable import EdgewiseStore

@Suite("Durable queue: a directory it cannot write is a clear error at start")
struct QueueReadOnlyTests {
    /// Opens the queue at `path` in a child process (as user `nobody` when the tests run as root,
    /// since root may write anywhere) and returns what it printed.
    static func openInChild(_ path: String) async throws -> (status: Int32, output: String) {
        let result = try await ChildProcess.run(
            BuiltProducts.executable("QueueCrashPeer"), arguments: ["open", path], timeout: patience)
        return (result.status, result.standardOutput + result.standardError)
    }

    /// A temporary directory others may enter, with a read-only `state` directory inside.
    static func readOnlyStateDirectory() throws -> (TemporaryDirectory, String) {
        let directory = try TemporaryDirectory(prefix: "edgewise-queue-ro")
        chmod(directory.path, 0o755)
        let state = directory.path + "/state"
        #expect(mkdir(state, 0o555) == 0)
        return (directory, state)
    }

    @Test("A read-only state directory")
    func readOnlyDirectory() async throws {
        let (directory, state) = try Self.readOnlyStateDirectory()
        let (status, output) = try await Self.openInChild(state + "/buffer.db")
        #expect(status == 1, "\(output)")
        #expect(output.contains("kind: notWritable"), "\(output)")
        #expect(output.contains("cannot write the event buffer's directory \(state): Permission denied"), "\(output)")
        #expect(output.contains("StateDirectory=edgewise") && output.contains("buffer.path"), "\(output)")
        _ = directory
    }

    @Test("A missing directory inside a read-only one")
    func missingDirectoryInReadOnlyParent() async throws {
        let (directory, state) = try Self.readOnlyStateDirectory()
        let (status, output) = try await Self.openInChild(state + "/edgewise/buffer.db")
        #expect(status == 1, "\(output)")
        #expect(output.contains("kind: notWritable"), "\(output)")
        #expect(output.contains("\(state)/edgewise"), "\(output)")
        _ = directory
    }

    @Test("Missing directories are created")
    func missingDirectoriesAreCreated() async throws {
        let fixture = try QueueFixture()
        let path = fixture.directory.path + "/var/lib/edgewise/buffer.db"
        let queue = try DurableQueue.open(
            path: path, maxSize: .init(bytes: 1_000_000), overflow: .priority, durability: .full, logger: quietLogger)
        #expect(try await queue.append([event(1)]).sequences == [1])
        await queue.close()
    }

    @Test("A queue file the gateway's user cannot read is moved aside and a fresh queue started")
    func unreadableFile() async throws {
        let directory = try TemporaryDirectory(prefix: "edgewise-queue-perm")
        chmod(directory.path, 0o777)
        let path = try directory.write("someone else's queue", to: "buffer.db")
        chmod(path, 0o000)
        let (status, output) = try await Self.openInChild(path)
        #expect(status == 0, "\(output)")
        #expect(output.contains("opened"))
        #expect(access(path, F_OK) == 0, "a fresh queue was created")
        let entries = try await ChildProcess.run("ls", arguments: [directory.path])
        #expect(entries.standardOutput.contains("buffer.db.corrupt-"), "\(entries.standardOutput)")
    }

    @Test("The peer opens a queue in a writable directory (the check above is not vacuous)")
    func writableDirectory() async throws {
        let directory = try TemporaryDirectory(prefix: "edgewise-queue-rw")
        chmod(directory.path, 0o777)
        let (status, output) = try await Self.openInChild(directory.path + "/buffer.db")
        #expect(status == 0, "\(output)")
        #expect(output.contains("opened"))
    }
}
