import EdgewiseSystem
import EdgewiseTesting
import Foundation
import Testing

@Suite("SystemdNotifier speaks the NOTIFY_SOCKET datagram protocol")
struct SystemdNotifierTests {
    @Test func sendsOneDatagramPerNotificationToAPathSocket() async throws {
        let directory = try TemporaryDirectory()
        let listener = try NotifySocketListener(path: directory.path + "/notify")
        let notifier = try SystemdNotifier(socketPath: listener.socketPath)
        try notifier.send(.ready(status: "Running"))
        try notifier.send(.watchdog)
        #expect(listener.messages == ["READY=1\nSTATUS=Running", "WATCHDOG=1"])
    }

    @Test func anAtSignNamesAnAbstractSocket() async throws {
        let listener = try NotifySocketListener(path: "@edgewise-test-\(UUID().uuidString)")
        let notifier = try SystemdNotifier(socketPath: listener.socketPath)
        try notifier.send(.stopping())
        #expect(listener.messages == ["STOPPING=1"])
    }

    @Test func nothingListeningIsAnErrorThatNamesTheSocket() throws {
        let directory = try TemporaryDirectory()
        let notifier = try SystemdNotifier(socketPath: directory.path + "/nobody")
        let error = #expect(throws: SystemdNotifyError.self) { try notifier.send(.ready()) }
        #expect(error?.function == "sendto")
        #expect(error?.description.contains(directory.path + "/nobody") == true)
    }

    @Test(arguments: ["relative/notify", "notify", "/" + String(repeating: "x", count: 200)])
    func anUnusableNameIsRefusedWithAReason(path: String) {
        let error = #expect(throws: SystemdNotifyError.self) { try SystemdNotifier(socketPath: path) }
        #expect(error?.problem != nil)
    }
}
