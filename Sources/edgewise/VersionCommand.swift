import ArgumentParser
import EdgewiseConfig
import EdgewiseCore
import EdgewiseMQTT
import EdgewiseModbus
import EdgewiseStore

/// `edgewise version`: this build's version and the versions of the C libraries it runs on.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the version of edgewise and of its libraries.")

    func run() {
        print("edgewise \(EdgewiseVersion.current)")
        print("libmosquitto \(Mosquitto.libraryVersion)")
        print("libmodbus \(LibModbus.libraryVersion)")
        print("SQLite \(SQLite.libraryVersion)")
        print("libyaml \(LibYAML.libraryVersion)")
    }
}
