import ArgumentParser
import EdgewiseCore

/// `edgewise`: the IoT edge gateway's command line.
@main
struct EdgewiseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edgewise",
        abstract: "An IoT edge gateway: reads sensors over MQTT and Modbus, reacts with local rules, forwards events upstream.",
        version: EdgewiseVersion.current,
        subcommands: [RunCommand.self, CheckCommand.self, StatusCommand.self, RulesCommand.self, AsyncAPICommand.self, VersionCommand.self]
    )
}
