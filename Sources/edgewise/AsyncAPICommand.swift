import ArgumentParser
import EdgewiseConfig
import EdgewiseCore

/// `edgewise asyncapi`: prints the AsyncAPI 3.0 document of the events the gateway publishes
/// upstream, derived from the configuration, as compact JSON on one line.
///
/// ```
/// edgewise asyncapi --config /etc/edgewise | python3 -m json.tool > edgewise.asyncapi.json
/// ```
struct AsyncAPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asyncapi",
        abstract: "Print the AsyncAPI 3.0 document (JSON) of the events this gateway publishes upstream.",
        discussion: """
            The upstream broker is the server; each event type has a channel at its upstream topic, with the configured \
            devices and points as parameters, and a message whose payload schema is the CloudEvents envelope and the event's data. \
            The JSON is compact; pipe it through 'python3 -m json.tool' to indent it. Exits 0 with the document, 1 when the \
            configuration has errors (printed as check prints them), 2 when the directory cannot be read.
            """
    )

    @OptionGroup var options: ConfigDirectoryOptions

    func run() throws {
        let configuration = try ConfigReport.loadOrExit(options)
        print(String(decoding: AsyncAPIDocument(configuration: configuration).encoded(), as: UTF8.self))
    }
}
