import Dispatch
import Testing

@testable import EdgewiseStatus

@Suite("Asking the status source with a deadline")
struct SourceDeadlineTests {
    @Test func aPromptAnswerIsReturned() async {
        let answer = await SourceDeadline.answer(within: .seconds(5)) { 42 }
        #expect(answer == 42)
    }

    @Test func aLateAnswerIsNilAtTheDeadlineWithoutWaitingForIt() async {
        let started = ContinuousClock.now
        let answer: Int? = await SourceDeadline.answer(within: .milliseconds(100)) {
            try? await Task.sleep(for: .seconds(3_600))
            return 1
        }
        #expect(answer == nil)
        #expect(ContinuousClock.now - started < .seconds(60), "answered at the deadline, not after the hour the operation sleeps")
    }

    @Test func anAnswerThatIgnoresCancellationIsNotWaitedFor() async {
        let started = ContinuousClock.now
        let answer: Int? = await SourceDeadline.answer(within: .milliseconds(100)) {
            // Waits through cancellation, like a call stuck on a lock, without holding a thread.
            await withCheckedContinuation { (continuation: CheckedContinuation<Int, Never>) in
                DispatchQueue.global().asyncAfter(deadline: .now() + 90) { continuation.resume(returning: 1) }
            }
        }
        #expect(answer == nil)
        #expect(ContinuousClock.now - started < .seconds(45), "answered at the deadline, not when the operation returned 90 s later")
    }

    @Test func answeredRequestsLeaveNoDeadlinePendingSoManyRequestsCostNoMemory() async {
        let deadlines = Deadlines()
        for _ in 0..<1_000 {
            #expect(await SourceDeadline.answer(within: .seconds(3_600), deadlines: deadlines) { 7 } == 7)
        }
        // Each answer forgets its deadline right after resuming the request; give the last one a moment.
        let until = ContinuousClock.now + .seconds(30)
        while deadlines.pendingCount > 0, ContinuousClock.now < until { try? await Task.sleep(for: .milliseconds(10)) }
        #expect(deadlines.pendingCount == 0)
    }
}
