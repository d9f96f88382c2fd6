import EdgewiseCore
import Synchronization

/// What became of the configuration reloads so far, for the status endpoint.
public final class ReloadHistory: Sendable {
    /// One reload attempt.
    public enum Outcome: Sendable, Hashable {
        case accepted(at: Timestamp)
        /// The errors, as `edgewise check` prints them.
        case rejected(at: Timestamp, errors: [String])
    }

    private let outcomes = Mutex<[Outcome]>([])

    public init() {}

    func record(_ outcome: Outcome) {
        outcomes.withLock { list in
            list.append(outcome)
            if list.count > 20 { list.removeFirst(list.count - 20) }
        }
    }

    /// The most recent attempt, if there was one.
    public var last: Outcome? { outcomes.withLock { $0.last } }
}
