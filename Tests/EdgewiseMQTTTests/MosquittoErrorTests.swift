import Glibc
import Testing

@testable import EdgewiseMQTT

@Suite("libmosquitto errors")
struct MosquittoErrorTests {
    @Test("Names the function and subject and uses libmosquitto's text")
    func description() {
        let error = MosquittoError(function: "mosquitto_publish", subject: "a/+", code: 3)  // MOSQ_ERR_INVAL
        #expect(error.description == "mosquitto_publish(\"a/+\") failed: Invalid function arguments provided. (code 3)")
    }

    @Test("Keeps the text of errno as it was when the error was made")
    func errnoText() {
        errno = ECONNREFUSED
        let error = MosquittoError(function: "mosquitto_connect_async", code: 14)  // MOSQ_ERR_ERRNO
        errno = ENOENT
        #expect(error.reason == "Connection refused")
    }

    @Test("CONNACK refusals read as the broker's reason", arguments: [
        (MqttProtocolVersion.v311, Int32(5), "Connection Refused: not authorised."),
        (.v311, 4, "Connection Refused: bad user name or password."),
        (.v5, 0x87, "Not authorized"),
    ])
    func connectionRefused(version: MqttProtocolVersion, code: Int32, reason: String) {
        let error = MqttConnectionRefusedError(code: code, protocolVersion: version)
        #expect(error.reason == reason)
        #expect(error.description == "the MQTT broker refused the connection: \(reason) (CONNACK code \(code))")
    }
}
