import EdgewiseTesting
import Foundation
import Testing

/// A rule's phase is saved while the gateway runs (within a second of changing), so a gateway that
/// is killed and started again carries on where the rule was.
@Suite("Rule phases survive a restart")
struct RuleStatePersistenceTests {
    static let files = [
        "devices/room.yaml": GatewayHarness.roomSensor,
        "devices/fan.yaml": GatewayHarness.fanRelay,
        "rules/cooling.yaml": """
            rules:
              - name: cool
                when: room.temperature > 26
                until: room.temperature < 24
                then: [{write: fan.power = on}]
                on_clear: [{write: fan.power = off}]
            """,
    ]

    @Test func aRuleThatWasOnWhenTheGatewayWasKilledIsClearedByItsUntilAfterTheRestart() async throws {
        let broker = try await MosquittoBroker.start()
        let first = try await GatewayHarness.start(broker: broker, files: Self.files)
        try await first.publish("sensors/room", ["27"])
        try await first.waitForEvent("RuleTriggered", with: ["rule=cool"])
        // Saved on the rule service's next round, at most a second later; no shutdown save here.
        try await Task.sleep(for: .seconds(3))
        first.gateway.signal(SIGKILL)
        _ = try await first.gateway.waitForExit(timeout: .seconds(30))

        let second = try await first.restarted()
        // 25 would keep an active rule on and never start an idle one; 23 clears an active one.
        try await second.publish("sensors/room", ["25", "23"])
        try await second.waitForEvent("RuleCleared", with: ["rule=cool"])
        try await second.waitForEvent("ActionConfirmed", with: ["device=fan", "point=power", "value=false", "rule=cool"])
        #expect(second.lines(of: "RuleTriggered", with: ["rule=cool"]).isEmpty, "the restarted gateway did not trigger the rule again")
        _ = try await second.stop()
        try await broker.stop()
    }
}
