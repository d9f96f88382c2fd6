import ArgumentParser

/// `edgewise rules`: commands about the rules in `rules/*.yaml`.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Work with the reaction rules.",
        subcommands: [RulesTestCommand.self]
    )
}
