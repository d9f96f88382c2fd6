import EdgewiseCore
import Logging

/// Keeps the event deriver's state (threshold crossings, device liveness, recent message ids) in
/// `STATE_DIR/derivation-state.json`, so a restart does not announce again what was announced.
///
/// A missing file is a first start. A damaged file is moved aside with a warning and the gateway
/// starts with a fresh state: it never refuses to start, or crash-loops, because of this file.
struct DerivationStateStore: Sendable {
    let path: String
    let logger: Logger

    init(directory: String, logger: Logger) {
        path = directory.hasSuffix("/") ? directory + "derivation-state.json" : directory + "/derivation-state.json"
        self.logger = logger
    }

    func load() -> DerivationState {
        do {
            guard let bytes = try AtomicFile.read(path) else { return DerivationState() }
            return try DerivationState.decode(json: bytes)
        } catch let error as JSONSyntaxError {
            let movedTo = AtomicFile.moveAside(path)
            logger.warning("Saved derivation state is damaged; starting afresh", metadata: [
                "state.path": "\(path)", "state.error": "\(error)", "state.moved_to": "\(movedTo ?? "(could not move)")",
            ])
        } catch {
            logger.warning("Cannot read saved derivation state; starting afresh", metadata: ["state.path": "\(path)", "state.error": "\(error)"])
        }
        return DerivationState()
    }

    /// Saves `state`; failures are logged (a full disk must not stop the gateway).
    func save(_ state: DerivationState) {
        do {
            try AtomicFile.write(state.encodedJSON(), to: path)
        } catch {
            logger.error("Cannot save derivation state", metadata: ["state.path": "\(path)", "state.error": "\(error)"])
        }
    }
}
