import ArgumentParser
import EdgewiseConfig
import EdgewiseCore

/// `edgewise check`: validates the config directory and reports every problem at once.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the configuration and print every problem as FILE:LINE:COLUMN: error: MESSAGE.",
        discussion: "Exits 0 when the configuration is valid, 1 when it has errors, 2 when the directory cannot be read."
    )

    @OptionGroup var options: ConfigDirectoryOptions

    @Flag(help: "After the summary, print each Modbus device's poll plan: the reads every combination of poll intervals makes.")
    var verbose = false

    func run() throws {
        let configuration = try ConfigReport.loadOrExit(options)
        print("\(options.config): OK: \(Self.summary(of: configuration))")
        if verbose { print(ModbusPlanReport.render(configuration), terminator: "") }
    }

    /// `2 devices, 5 points, 1 rule`.
    static func summary(of configuration: EdgewiseConfiguration) -> String {
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
        return [
            count(configuration.devices.count, "device"), count(configuration.pointCount, "point"), count(configuration.rules.count, "rule"),
        ].joined(separator: ", ")
    }
}
