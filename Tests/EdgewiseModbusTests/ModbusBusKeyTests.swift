import EdgewiseCore
import EdgewiseModbus
import Testing

@Suite("Modbus bus keys")
struct ModbusBusKeyTests {
    @Test("Devices on one TCP endpoint or one serial port share a key; line settings do not matter")
    func sharing() {
        let plc = HostAndPort(host: "PLC.local", port: 502)
        #expect(ModbusBusKey(.tcp(plc)) == ModbusBusKey(.tcp(HostAndPort(host: "plc.local", port: 502))))
        #expect(ModbusBusKey(.tcp(plc)) != ModbusBusKey(.tcp(HostAndPort(host: "plc.local", port: 503))))
        let line = SerialLineConfig(port: "/dev/ttyUSB0", baud: 9600)
        let sameLine = SerialLineConfig(port: "/dev/ttyUSB0", baud: 19_200, parity: .even)
        #expect(ModbusBusKey(.rtu(line)) == ModbusBusKey(.rtu(sameLine)))
        #expect(ModbusBusKey(.rtu(line)) == .serial(port: "/dev/ttyUSB0"))
    }

    @Test("Describes itself as the endpoint or the port's path")
    func description() {
        #expect(ModbusBusKey.tcp(HostAndPort(host: "127.0.0.1", port: 5020)).description == "127.0.0.1:5020")
        #expect(ModbusBusKey.tcp(HostAndPort(host: "::1", port: 502)).description == "[::1]:502")
        #expect(ModbusBusKey.serial(port: "/dev/ttyUSB0").description == "/dev/ttyUSB0")
    }
}
