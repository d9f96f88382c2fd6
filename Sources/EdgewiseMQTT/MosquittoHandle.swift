/// A `struct mosquitto *`, so that it can be handed to the network thread.
///
/// Why `@unchecked Sendable` is safe: the client turns on libmosquitto's threaded mode
/// (`mosquitto_threaded_set`), in which the library guards its state with its own mutexes and
/// supports exactly this split — one thread runs `mosquitto_loop`, others call
/// `mosquitto_publish`, `mosquitto_subscribe` and `mosquitto_disconnect`. The pointer's lifetime
/// is ``MqttClient``'s business: it destroys the handle only after the network thread has been
/// joined, under the same lock that every other thread holds while calling the library.
struct MosquittoHandle: @unchecked Sendable {
    let pointer: OpaquePointer
}
