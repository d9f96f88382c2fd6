import ArgumentParser
import EdgewiseConfig
import EdgewiseCore

/// Loads the config directory for a command and prints what is wrong with it.
///
/// Problems go to standard error, one `FILE:LINE:COLUMN: error: MESSAGE` line each (plus an
/// indented hint). Exit codes: 1 when the config has errors, 2 when the directory is unusable.
enum ConfigReport {
    static func loadOrExit(_ options: ConfigDirectoryOptions) throws -> EdgewiseConfiguration {
        let result: ConfigLoader.Result
        do {
            result = try ConfigLoader.load(directory: options.config)
        } catch {
            StandardError.write("edgewise: error: \(error)")
            throw ExitCode(2)
        }
        for diagnostic in result.diagnostics {
            StandardError.write(diagnostic.description)
        }
        guard let configuration = result.configuration else {
            let count = result.errors.count
            StandardError.write("\(count) error\(count == 1 ? "" : "s") in \(options.config)")
            throw ExitCode(1)
        }
        return configuration
    }
}
