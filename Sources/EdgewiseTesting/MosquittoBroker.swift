import Glibc
import Synchronization

/// A real mosquitto broker on 127.0.0.1 for integration tests, with its own config file in a
/// temporary directory and a port of its own.
///
/// ```swift
/// let broker = try await MosquittoBroker.start()
/// // connect clients to 127.0.0.1:broker.port …
/// try await broker.restart()   // same port: clients reconnect
/// try await broker.stop()
/// ```
///
/// The config has `listener PORT 127.0.0.1`, anonymous access unless users are given,
/// `set_tcp_nodelay true`, persistence off and `max_queued_messages` raised (mosquitto's default
/// of 1000 silently drops QoS 1 messages for a slow subscriber). The broker logs to standard
/// error, readable with ``output``. It never outlives its `MosquittoBroker`: releasing one
/// kills the process and removes its files.
public final class MosquittoBroker: Sendable {
    /// How the broker is set up.
    public struct Options: Sendable {
        /// User names and passwords; when non-empty, the broker gets a `password_file` (made with
        /// `mosquitto_passwd`) and refuses anonymous clients.
        public var users: [String: String]
        /// A TLS listener instead of plain MQTT, with these PEM files.
        public var tls: TLS?
        /// Per-client queue limit for QoS 1 messages (mosquitto's default is 1000).
        public var maxQueuedMessages: Int
        /// More configuration lines, appended as they are.
        public var extraConfiguration: [String]
        /// The port to listen on; `nil` takes a free one. Give one from ``FreePort/loopback()``
        /// to start clients before their broker.
        public var port: Int?

        /// The broker's certificate, key and (optionally) the CA that clients' certificates must chain to.
        public struct TLS: Sendable {
            public var certificateFile: String
            public var keyFile: String
            public var caFile: String?

            /// A TLS listener serving `certificateFile` with `keyFile`.
            public init(certificateFile: String, keyFile: String, caFile: String? = nil) {
                self.certificateFile = certificateFile
                self.keyFile = keyFile
                self.caFile = caFile
            }
        }

        /// Options for a broker; the defaults give an anonymous plain-MQTT broker.
        public init(
            users: [String: String] = [:], tls: TLS? = nil, maxQueuedMessages: Int = 100_000,
            extraConfiguration: [String] = [], port: Int? = nil
        ) {
            self.port = port
            self.users = users
            self.tls = tls
            self.maxQueuedMessages = maxQueuedMessages
            self.extraConfiguration = extraConfiguration
        }
    }

    /// The program started; Debian's mosquitto package installs it here.
    public static let executable = "/usr/sbin/mosquitto"

    /// The TCP port on 127.0.0.1 the broker listens on; it keeps it across ``restart()``.
    public let port: Int
    /// The config file's path.
    public let configurationFile: String
    private let directory: TemporaryDirectory
    private let process: Mutex<ChildProcess?>

    /// How long a broker may take to start accepting connections on a slow machine.
    private static let startTimeout = Duration.seconds(30)

    private init(port: Int, configurationFile: String, directory: TemporaryDirectory) {
        self.port = port
        self.configurationFile = configurationFile
        self.directory = directory
        process = Mutex(nil)
    }

    /// Writes a config, starts the broker on a free port and returns once it accepts connections.
    ///
    /// - Throws: a ``ChildProcessError`` with the broker's output if it exits or does not become
    ///   ready within 30 s; a ``SystemCallError`` if it cannot be started.
    public static func start(_ options: Options = Options()) async throws -> MosquittoBroker {
        let directory = try TemporaryDirectory(prefix: "edgewise-mosquitto")
        let port = try options.port ?? FreePort.loopback()
        var lines = [
            "listener \(port) 127.0.0.1",
            "set_tcp_nodelay true",
            "persistence false",
            "max_queued_messages \(options.maxQueuedMessages)",
            "log_dest stderr",
            "log_type error",
            "log_type warning",
            "log_type notice",
            "log_type information",
        ]
        if geteuid() == 0 {
            // Started as root, mosquitto switches to the `mosquitto` user, which cannot read the
            // password file or certificates in our private (0700) temporary directories.
            lines.append("user root")
        }
        if options.users.isEmpty {
            lines.append("allow_anonymous true")
        } else {
            let passwordFile = try await makePasswordFile(options.users, in: directory)
            lines += ["allow_anonymous false", "password_file \(passwordFile)"]
        }
        if let tls = options.tls {
            lines += ["certfile \(tls.certificateFile)", "keyfile \(tls.keyFile)"]
            if let caFile = tls.caFile { lines.append("cafile \(caFile)") }
        }
        lines += options.extraConfiguration
        let configurationFile = try directory.write(lines.joined(separator: "\n") + "\n", to: "mosquitto.conf")
        let broker = MosquittoBroker(port: port, configurationFile: configurationFile, directory: directory)
        try await broker.launch()
        return broker
    }

    /// Everything the current (or last) broker process has logged.
    public var output: String {
        process.withLock { process in
            guard let process else { return "" }
            return process.standardOutput + process.standardError
        }
    }

    /// Stops the broker with SIGTERM (SIGKILL after 10 s) and waits until it has exited; does
    /// nothing if it is not running. Connected clients see their connection drop.
    public func stop() async throws {
        guard let running = process.withLock({ $0 }) else { return }
        // A broker frozen with SIGSTOP would act on SIGTERM only once continued.
        running.signal(SIGCONT)
        try await running.stop(timeout: .seconds(10))
    }

    /// Sends `signal` to the broker process, e.g. `SIGSTOP` to freeze it (clients then get no
    /// acknowledgements) and `SIGCONT` to let it go on.
    public func signal(_ signal: Int32) {
        process.withLock { $0?.signal(signal) }
    }

    /// Stops the broker and starts it again on the same port and with the same config (so
    /// with no memory of sessions, subscriptions or retained messages: persistence is off).
    public func restart() async throws {
        try await stop()
        try await launch()
    }

    /// Starts the broker process and waits until it accepts connections. Retries a few times
    /// if the port is briefly still in use after a restart.
    private func launch() async throws {
        var attempt = 0
        while true {
            attempt += 1
            let child = try ChildProcess.launch(Self.executable, arguments: ["-c", configurationFile])
            process.withLock { $0 = child }
            do {
                // Printed once the listeners are open; fails at once if the broker exits first.
                try await child.waitForOutput(containing: " running", timeout: Self.startTimeout)
                try await FreePort.waitUntilAcceptingConnections(port: port, timeout: Self.startTimeout)
                return
            } catch let error as ChildProcessError where error.exitStatus != nil && attempt < 5
                && error.standardError.contains("Address already in use")
            {
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    /// Writes a mosquitto password file for `users` with `mosquitto_passwd -b`.
    private static func makePasswordFile(_ users: [String: String], in directory: TemporaryDirectory) async throws -> String {
        let path = try directory.write("", to: "passwords")
        for (user, password) in users.sorted(by: { $0.key < $1.key }) {
            let result = try await ChildProcess.run("/usr/bin/mosquitto_passwd", arguments: ["-b", path, user, password])
            guard result.status == 0 else {
                throw CommandError(command: "mosquitto_passwd -b \(path) \(user) …", status: result.status, output: result.standardError)
            }
        }
        return path
    }
}
