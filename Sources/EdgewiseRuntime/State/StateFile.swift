import EdgewiseCore
import Logging

/// State the gateway keeps across restarts and reloads as one JSON file in the state directory.
protocol PersistedState: Sendable {
    /// A fresh state, for a first start.
    init()
    func encodedJSON() -> [UInt8]
    static func decode(json bytes: [UInt8]) throws(JSONSyntaxError) -> Self
}

extension DerivationState: PersistedState {}
extension RuleEngineState: PersistedState {}

/// One state file: `STATE_DIR/derivation-state.json` (thresholds announced, device liveness,
/// recent message ids) or `STATE_DIR/rules-state.json` (rule phases and pending timers).
///
/// A missing file is a first start. A damaged file is moved aside with a warning and the gateway
/// starts with a fresh state: it never refuses to start, or crash-loops, because of this file.
/// Writes are atomic (temporary file, fsync, rename), so a power cut leaves the old or the new one.
struct StateFile<State: PersistedState>: Sendable {
    let path: String
    /// What the file holds, for log lines: "derivation state".
    let subject: String
    let logger: Logger

    init(directory: String, name: String, subject: String, logger: Logger) {
        path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
        self.subject = subject
        self.logger = logger
    }

    func load() -> State {
        do {
            guard let bytes = try AtomicFile.read(path) else { return State() }
            return try State.decode(json: bytes)
        } catch let error as JSONSyntaxError {
            let movedTo = AtomicFile.moveAside(path)
            logger.warning("Saved \(subject) is damaged; starting afresh", metadata: [
                "state.path": "\(path)", "state.error": "\(error)", "state.moved_to": "\(movedTo ?? "(could not move)")",
            ])
        } catch {
            logger.warning("Cannot read saved \(subject); starting afresh", metadata: ["state.path": "\(path)", "state.error": "\(error)"])
        }
        return State()
    }

    /// Saves `state`; failures are logged (a full disk must not stop the gateway).
    func save(_ state: State) {
        do {
            try AtomicFile.write(state.encodedJSON(), to: path)
        } catch {
            logger.error("Cannot save \(subject)", metadata: ["state.path": "\(path)", "state.error": "\(error)"])
        }
    }
}

extension StateFile where State == DerivationState {
    /// `STATE_DIR/derivation-state.json`.
    static func derivation(directory: String, logger: Logger) -> Self {
        Self(directory: directory, name: "derivation-state.json", subject: "derivation state", logger: logger)
    }
}

extension StateFile where State == RuleEngineState {
    /// `STATE_DIR/rules-state.json`.
    static func rules(directory: String, logger: Logger) -> Self {
        Self(directory: directory, name: "rules-state.json", subject: "rule state", logger: logger)
    }
}
