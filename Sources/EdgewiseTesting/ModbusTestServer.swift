import EdgewiseCore
import Glibc
import Synchronization

/// A real Modbus server for integration tests: `scripts/modbus-server` (pymodbus, run with
/// Debian's `/usr/bin/python3`) on a port of its own on 127.0.0.1, or on a serial device such
/// as one end of a ``SerialPortPair``.
///
/// ```swift
/// let server = try await ModbusTestServer.start(.init(map: [.holding: [100: 215, 101: 198]]))
/// // connect a client to server.endpoint …
/// #expect(try server.requests().count == 1)
/// try await server.restart()   // same port: clients reconnect
/// try await server.stop()
/// ```
///
/// Only the addresses in the map exist: a request touching any other gets exception 2 (illegal
/// data address). Requests to other units get no answer (see
/// ``Options/answersMissingUnits``). Every request to a unit the server has is logged (see
/// ``requests()``). The server never outlives its `ModbusTestServer`: releasing one kills the
/// process and removes its files.
public final class ModbusTestServer: Sendable {
    /// The program run with ``python``.
    public static let script = RepositoryPaths.root() + "/scripts/modbus-server"
    /// The interpreter that has Debian's pymodbus (not the pyenv `python3` that may be on `PATH`).
    public static let python = "/usr/bin/python3"

    /// How the server was started.
    public let options: Options
    /// The TCP port on 127.0.0.1 for a TCP server (kept across ``restart()``), `nil` for a serial one.
    public let port: Int?
    private let directory: TemporaryDirectory
    private let requestLog: String
    private let mapFile: String
    private let process: Mutex<ChildProcess?>

    /// How long the server may take to start on a slow machine.
    private static let startTimeout = Duration.seconds(30)

    private init(options: Options, port: Int?, directory: TemporaryDirectory, mapFile: String) {
        self.options = options
        self.port = port
        self.directory = directory
        self.mapFile = mapFile
        requestLog = directory.path + "/requests.jsonl"
        process = Mutex(nil)
    }

    /// Writes the map, starts the server and returns once it answers requests.
    ///
    /// - Throws: a ``ChildProcessError`` with the server's output if it exits or does not print
    ///   `ready` within 30 s (a missing pymodbus shows there); a ``SystemCallError`` if it cannot
    ///   be started.
    public static func start(_ options: Options = Options()) async throws -> ModbusTestServer {
        let directory = try TemporaryDirectory(prefix: "edgewise-modbus-server")
        let mapFile = try directory.write(options.mapJSON, to: "map.json")
        let port: Int? =
            switch options.listener {
            case .tcp(let port): try port ?? FreePort.loopback()
            case .serial: nil
            }
        let server = ModbusTestServer(options: options, port: port, directory: directory, mapFile: mapFile)
        try await server.launch()
        return server
    }

    /// Where a Modbus TCP client connects: 127.0.0.1 and ``port``.
    ///
    /// - Precondition: the server listens on TCP.
    public var endpoint: HostAndPort {
        guard let port else { preconditionFailure("a serial ModbusTestServer has no TCP endpoint") }
        return HostAndPort(host: "127.0.0.1", port: port)
    }

    /// The requests the server has handled since ``start(_:)`` (across restarts), oldest first.
    /// A request is logged once the server has read it, before it answers; so once a client has
    /// its answer, the request is here.
    public func requests() throws -> [Request] {
        let text = (try? FileSystem.read(requestLog)) ?? ""
        return try text.split(separator: "\n").map { try Request(jsonLine: String($0)) }
    }

    /// Everything the current (or last) server process has printed.
    public var output: String {
        process.withLock { process in
            guard let process else { return "" }
            return process.standardOutput + process.standardError
        }
    }

    /// Stops the server with SIGTERM (SIGKILL after 10 s) and waits until it has exited; does
    /// nothing if it is not running. Connected clients see their connection close.
    public func stop() async throws {
        guard let running = process.withLock({ $0 }) else { return }
        // A server frozen with SIGSTOP would act on SIGTERM only once continued.
        running.signal(SIGCONT)
        try await running.stop(timeout: .seconds(10))
    }

    /// Sends `signal` to the server process, e.g. `SIGSTOP` to freeze it (clients then get no
    /// answers and time out) and `SIGCONT` to let it go on.
    public func signal(_ signal: Int32) {
        process.withLock { $0?.signal(signal) }
    }

    /// Stops the server and starts it again on the same port or device, with the map's original
    /// contents (writes made meanwhile are forgotten). The request log goes on.
    public func restart() async throws {
        try await stop()
        try await launch()
    }

    /// Starts the server process and waits until it prints `ready`. Retries a few times if the
    /// port is briefly still in use after a restart.
    private func launch() async throws {
        var attempt = 0
        while true {
            attempt += 1
            let child = try ChildProcess.launch(Self.python, arguments: [Self.script] + arguments)
            process.withLock { $0 = child }
            do {
                try await child.waitForOutput(containing: "ready\n", timeout: Self.startTimeout)
                return
            } catch let error as ChildProcessError
                where error.exitStatus != nil && attempt < 5 && error.standardError.contains("already in use")
            {
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    /// The server's command line after the script's path.
    private var arguments: [String] {
        var arguments: [String]
        switch options.listener {
        case .tcp: arguments = ["--tcp", String(port!)]
        case .serial(let device, let baud): arguments = ["--serial", device, "--baud", String(baud)]
        }
        for unit in options.units { arguments += ["--unit", String(unit)] }
        arguments += ["--map", mapFile, "--log-requests", requestLog]
        if options.answersMissingUnits { arguments.append("--answer-missing-units") }
        if options.simulatesHVAC { arguments.append("--demo-hvac") }
        return arguments
    }
}
