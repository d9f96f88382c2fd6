import EdgewiseStatus
import Synchronization

/// A ``FakeStatusSource`` whose `/status` answers wait until the test calls ``open()``: the page in
/// the browser then stands still (its virtual time does not run while a fetch is pending) until
/// the test has done what it wants done first, such as publishing an event.
final class DashboardGatedSource: StatusSource {
    let answers: FakeStatusSource
    private let isOpen = Mutex(false)

    init(_ answers: FakeStatusSource) {
        self.answers = answers
    }

    /// Lets every `/status` request through, the waiting ones and all later ones.
    func open() {
        isOpen.withLock { $0 = true }
    }

    func snapshot() async -> GatewayStatus {
        while !isOpen.withLock({ $0 }), !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(10))
        }
        return await answers.snapshot()
    }

    func readiness() async -> Readiness { await answers.readiness() }

    func liveness() async -> Liveness { await answers.liveness() }
}
