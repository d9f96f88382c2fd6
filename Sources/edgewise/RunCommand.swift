import ArgumentParser
import EdgewiseConfig
import EdgewiseCore
import EdgewiseRuntime
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// `edgewise run`: the daemon. Runs until SIGTERM or SIGINT, then stops cleanly and exits 0;
/// SIGHUP reloads the configuration.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the gateway until SIGTERM or SIGINT; SIGHUP reloads the configuration.",
        discussion: """
            The configuration is validated first; with errors the gateway does not start (exit 1). \
            On SIGHUP (systemctl reload) it is read again: a valid one replaces the running one, an invalid one is logged and ignored.
            """
    )

    @OptionGroup var options: ConfigDirectoryOptions

    @Option(help: ArgumentHelp("Where to keep state that survives restarts (overrides gateway.state_dir).", valueName: "DIR"))
    var stateDir: String?

    func run() async throws {
        let configuration = try ConfigReport.loadOrExit(options)
        let level = Logger.Level(rawValue: configuration.gateway.logging.level.rawValue) ?? .info
        let format = LogLineFormat.detect(journalStream: getenv("JOURNAL_STREAM").map { String(cString: $0) })
        LoggingSystem.bootstrap { label in StandardErrorLogHandler(label: label, level: level, format: format) }
        var logger = Logger(label: "edgewise")
        logger[metadataKey: "gateway.id"] = "\(configuration.gateway.id)"
        logger.info("Configuration loaded", metadata: ["config.directory": "\(options.config)", "edgewise.version": "\(EdgewiseVersion.current)"])
        do {
            try await GatewayRuntime(
                configuration: configuration, configDirectory: options.config, stateDirectory: stateDir, logger: logger,
                systemd: SystemdLink.fromEnvironment(logger: logger)
            ).run()
        } catch let error as GatewayStartupError {
            logger.critical("Gateway cannot start", metadata: ["error": "\(error.message)"])
            StandardError.write("edgewise: error: \(error)")
            throw ExitCode(1)
        }
    }
}
