import CMosquitto

/// libmosquitto's callbacks: `@convention(c)` closures that recover the context from the
/// userdata pointer and hand over to its methods.
///
/// They run on the network thread (``MqttNetworkLoop``), inside `mosquitto_loop`, while
/// libmosquitto holds its callback mutex. They touch nothing but the context: no actor or
/// `@MainActor` state, no awaiting. Only `on_message` may block (on a full receive queue).
extension MqttClientContext {
    /// Registers the callbacks on `handle`, whose userdata must be a retained `MqttClientContext`.
    static func installCallbacks(on handle: OpaquePointer) {
        // The v5 variants are valid for every protocol version and carry MQTT 5 reason codes.
        mosquitto_connect_v5_callback_set(handle) { handle, userdata, code, _, _ in
            guard let handle else { return }
            MqttClientContext.context(userdata).connectionAcknowledged(code: code, handle: handle)
        }
        mosquitto_disconnect_callback_set(handle) { _, userdata, code in
            MqttClientContext.context(userdata).connectionClosed(code: code)
        }
        mosquitto_publish_v5_callback_set(handle) { _, userdata, messageID, reasonCode, _ in
            MqttClientContext.context(userdata).publishAcknowledged(messageID: messageID, reasonCode: reasonCode)
        }
        mosquitto_subscribe_callback_set(handle) { _, userdata, messageID, count, codes in
            let codes = UnsafeBufferPointer(start: codes, count: codes == nil ? 0 : Int(count))
            MqttClientContext.context(userdata).subscriptionAcknowledged(messageID: messageID, codes: codes)
        }
        mosquitto_message_callback_set(handle) { _, userdata, message in
            guard let message else { return }
            MqttClientContext.context(userdata).messageReceived(message)
        }
    }

    /// The context behind a callback's userdata, without changing its retain count.
    private static func context(_ userdata: UnsafeMutableRawPointer?) -> MqttClientContext {
        guard let userdata else { preconditionFailure("libmosquitto callback without userdata") }
        return Unmanaged<MqttClientContext>.fromOpaque(userdata).takeUnretainedValue()
    }
}
