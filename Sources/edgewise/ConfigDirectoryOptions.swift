import ArgumentParser

/// `--config DIR`, shared by every command that reads the configuration.
struct ConfigDirectoryOptions: ParsableArguments {
    @Option(name: [.short, .long], help: ArgumentHelp("The config directory, holding gateway.yaml, devices/ and rules/.", valueName: "DIR"))
    var config: String = "/etc/edgewise"
}
