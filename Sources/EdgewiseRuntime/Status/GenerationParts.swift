import EdgewiseCore
import EdgewiseModbus
import EdgewiseMQTT
import EdgewiseStore

/// The parts of a `GatewayGeneration` that the status endpoint reads: the connections, the
/// buffer and the rules. Each answers from memory (a lock or an actor), never from the network.
struct GenerationParts: Sendable {
    /// The local broker's client; `nil` when nothing subscribes or publishes locally.
    var local: MqttClient?
    /// The upstream broker's client and its settings; `nil` without `upstream:`.
    var upstream: (client: MqttClient, broker: BrokerConfig)?
    /// The durable buffer; `nil` without `upstream:`.
    var queue: DurableQueue?
    /// One per Modbus line.
    var buses: [ModbusBus] = []
    /// The rule engine; `nil` without rules.
    var rules: RuleEvaluator?
}
