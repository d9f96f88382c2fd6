import EdgewiseCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads a config directory — `gateway.yaml`, `devices/*.yaml`, `rules/*.yaml` — into a validated
/// `EdgewiseConfiguration`, or into the complete list of problems that stand in the way.
///
/// Every file is read and checked even after the first problem, so one `edgewise check` shows all
/// of them. Files in `rules/` ending in `.test.yaml` are rule test cases and are not read as rules.
/// Paths in diagnostics are the directory as given joined with the file's relative path.
public enum ConfigLoader {
    /// The outcome of a load: the configuration when there are no errors, and every diagnostic.
    public struct Result: Sendable {
        public var configuration: EdgewiseConfiguration?
        /// Sorted by file, line and column.
        public var diagnostics: [Diagnostic]

        public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    }

    /// Loads the directory at `path`.
    ///
    /// - Throws: `ConfigDirectoryError` when the directory itself is missing or unreadable
    ///   (problems inside it are returned as diagnostics instead).
    public static func load(directory path: String) throws(ConfigDirectoryError) -> Result {
        var isDirectory = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .notFound(path: path)
        }
        guard isDirectory else { throw .notADirectory(path: path) }
        guard FileManager.default.isReadableFile(atPath: path) else { throw .unreadable(path: path) }

        var files = ConfigFiles(gateway: nil, devices: [], rules: [])
        let diagnostics = DiagnosticCollector()
        let gatewayPath = join(path, "gateway.yaml")
        if let text = readFile(gatewayPath, diagnostics: diagnostics, missing: "gateway.yaml is missing", hint: "create it with at least 'gateway: {id: NAME}' and 'local_broker: {url: \"mqtt://127.0.0.1:1883\"}'") {
            files.gateway = (gatewayPath, text)
        }
        for relative in yamlFiles(in: join(path, "devices")) {
            let file = join(path, "devices/\(relative)")
            if let text = readFile(file, diagnostics: diagnostics) { files.devices.append((file, text)) }
        }
        for relative in yamlFiles(in: join(path, "rules")) where !relative.hasSuffix(".test.yaml") && !relative.hasSuffix(".test.yml") {
            let file = join(path, "rules/\(relative)")
            if let text = readFile(file, diagnostics: diagnostics) { files.rules.append((file, text)) }
        }
        return load(files, diagnostics: diagnostics)
    }

    /// The texts of a config directory's files, keyed by the path used in diagnostics.
    public struct ConfigFiles: Sendable {
        public var gateway: (path: String, text: String)?
        public var devices: [(path: String, text: String)]
        public var rules: [(path: String, text: String)]

        public init(gateway: (path: String, text: String)?, devices: [(path: String, text: String)], rules: [(path: String, text: String)]) {
            self.gateway = gateway
            self.devices = devices
            self.rules = rules
        }
    }

    /// Decodes and validates file texts already in memory (what `load(directory:)` does after reading).
    public static func load(_ files: ConfigFiles) -> Result {
        load(files, diagnostics: DiagnosticCollector())
    }

    static func load(_ files: ConfigFiles, diagnostics: DiagnosticCollector) -> Result {
        let gateway = files.gateway.flatMap { file in
            YAMLDocumentReader.read(file: file.path, text: file.text, diagnostics: diagnostics).flatMap(GatewayFileDecoder.decode)
        }
        var devices: [DeviceDeclaration] = []
        for file in files.devices {
            if let root = YAMLDocumentReader.read(file: file.path, text: file.text, diagnostics: diagnostics) {
                devices.append(contentsOf: DeviceFileDecoder.decode(root))
            }
        }
        var rules: [RuleConfig] = []
        for file in files.rules {
            if let decoded = YAMLDocumentReader.read(file: file.path, text: file.text, diagnostics: diagnostics).flatMap(RuleFileDecoder.decode) {
                rules.append(contentsOf: decoded)
            }
        }
        ConfigValidator(devices: devices, rules: rules, diagnostics: diagnostics).validate()

        // Files in the order they were read (gateway, devices, rules), each from top to bottom.
        let paths = [files.gateway?.path].compactMap { $0 } + files.devices.map(\.path) + files.rules.map(\.path)
        let order = Dictionary(paths.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let sorted = diagnostics.diagnostics.sorted {
            let (left, right) = ($0.location, $1.location)
            return (order[left.file] ?? Int.max, left.line, left.column) < (order[right.file] ?? Int.max, right.line, right.column)
        }
        guard !diagnostics.hasErrors, let gateway else { return Result(configuration: nil, diagnostics: sorted) }
        let configs = devices.compactMap(\.config)
        return Result(
            configuration: EdgewiseConfiguration(gateway: gateway, devices: configs, rules: rules, digest: digest(of: files)), diagnostics: sorted)
    }

    /// `sha256:` and the SHA-256 of the files' paths and texts, in the order read (gateway, devices,
    /// rules), each path and text followed by a NUL byte, so that moving text between files counts.
    static func digest(of files: ConfigFiles) -> String {
        var hash = SHA256()
        let all = [files.gateway].compactMap { $0 } + files.devices + files.rules
        for file in all {
            hash.update(file.path.utf8)
            hash.update(CollectionOfOne(0))
            hash.update(file.text.utf8)
            hash.update(CollectionOfOne(0))
        }
        return "sha256:" + hash.finalize().hex
    }

    static func join(_ directory: String, _ relative: String) -> String {
        directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }

    /// `.yaml` and `.yml` files directly in `directory`, sorted by name; none when it does not exist.
    static func yamlFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(".") }.sorted()
    }

    static func readFile(_ path: String, diagnostics: DiagnosticCollector, missing: String? = nil, hint: String? = nil) -> String? {
        let start = ConfigLocation(file: path, line: 1, column: 1)
        guard FileManager.default.fileExists(atPath: path) else {
            diagnostics.error(at: start, missing ?? "the file is missing", hint: hint)
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            diagnostics.error(at: start, "cannot read the file", hint: "check that the user running edgewise may read it")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            diagnostics.error(at: start, "the file is not UTF-8 text")
            return nil
        }
        return text
    }
}

/// The config directory itself cannot be used (as opposed to problems inside its files).
public enum ConfigDirectoryError: Error, Equatable, Sendable, CustomStringConvertible {
    case notFound(path: String)
    case notADirectory(path: String)
    case unreadable(path: String)

    public var description: String {
        switch self {
        case .notFound(let path): "config directory '\(path)' does not exist (give another with --config DIR)"
        case .notADirectory(let path): "'\(path)' is not a directory (--config takes the directory holding gateway.yaml)"
        case .unreadable(let path): "config directory '\(path)' cannot be read (check its permissions)"
        }
    }
}
