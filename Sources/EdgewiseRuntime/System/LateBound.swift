import Synchronization

/// A value set once after construction, for the few places where two parts need each other (the
/// upstream sink reports overflow events through the pipeline that owns it).
final class LateBound<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)

    func bind(_ newValue: Value) { value.withLock { $0 = newValue } }

    var current: Value? { value.withLock { $0 } }
}
