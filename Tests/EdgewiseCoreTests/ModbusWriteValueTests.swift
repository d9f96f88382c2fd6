import Testing

@testable import EdgewiseCore

@Suite("ModbusValueCodec.writeValue: engineering values back to registers")
struct ModbusWriteValueTests {
    static func point(
        _ register: ModbusRegister, name: String = "setpoint", writable: Bool = true, unit: String? = nil, convertTo: String? = nil,
        scale: Double? = nil, offset: Double? = nil
    ) -> PointConfig {
        PointConfig(
            name: name, location: ConfigLocation(file: "devices/hvac.yaml", line: 1, column: 1), source: .modbus(register),
            unit: unit.map { try! UnitCatalog.unit($0) }, scale: scale, offset: offset, isWritable: writable,
            convertTo: convertTo.map { try! UnitCatalog.unit($0) })
    }

    static func write(_ value: ReadingValue, to point: PointConfig, byteOrder: ByteOrder = .abcd) -> Result<ModbusWriteValue, ModbusEncodingError> {
        ModbusValueCodec.writeValue(for: value, point: point, register: point.modbusRegister!, deviceByteOrder: byteOrder, device: "hvac")
    }

    static let int16Holding = ModbusRegister(table: .holding, address: 101, type: .int16)

    @Test func scaleIsInverted() {
        let setpoint = Self.point(Self.int16Holding, unit: "degC", scale: 0.1)
        #expect(Self.write(.number(21.5), to: setpoint) == .success(.registers([215])))
        #expect(Self.write(.number(-4), to: setpoint) == .success(.registers([0xFFD8])))
    }

    @Test func offsetIsSubtractedBeforeTheScaleIsDivided() {
        let setpoint = Self.point(Self.int16Holding, unit: "degC", scale: 0.1, offset: -40)
        #expect(Self.write(.number(25.5), to: setpoint) == .success(.registers([655])))
    }

    @Test func unitConversionIsInverted() {
        // The device works in °F, readings are reported in °C: 25 °C is 77 °F.
        let setpoint = Self.point(ModbusRegister(table: .holding, address: 101, type: .uint16), unit: "degF", convertTo: "degC")
        #expect(Self.write(.number(25), to: setpoint) == .success(.registers([77])))
    }

    @Test func whatIsWrittenReadsBackAsTheValueThroughTheNormalizer() throws {
        let setpoint = Self.point(ModbusRegister(table: .holding, address: 101, type: .int32, byteOrder: .cdab), unit: "degF", convertTo: "degC", scale: 0.01, offset: 10)
        guard case .registers(let registers) = try Self.write(.number(21.5), to: setpoint).get() else {
            Issue.record("a holding register takes registers")
            return
        }
        let raw = ModbusValueCodec.decode(registers: registers[...], type: .int32, byteOrder: .cdab, bit: nil).number!
        let reported = try Normalizer(point: setpoint).normalize(raw).get()
        #expect(abs(reported - 21.5) < 1e-9)
    }

    @Test func thePointsByteOrderOverridesTheDevices() {
        let flow = Self.point(ModbusRegister(table: .holding, address: 102, type: .float32, byteOrder: .cdab), name: "flow")
        #expect(Self.write(.number(123.456), to: flow, byteOrder: .abcd) == .success(.registers([0xE979, 0x42F6])))
        let plain = Self.point(ModbusRegister(table: .holding, address: 102, type: .float32), name: "flow")
        #expect(Self.write(.number(123.456), to: plain, byteOrder: .dcba) == .success(.registers([0x79E9, 0xF642])))
    }

    @Test func aValueOutOfRangeNamesThePointTheTypeAndTheRangeInEngineeringUnits() {
        let setpoint = Self.point(Self.int16Holding, unit: "degC", scale: 0.1)
        #expect(Self.write(.number(7000), to: setpoint) == .failure(ModbusEncodingError(
            .outOfRange, "7000 degC does not fit hvac.setpoint (int16 -32768…32767 after scale 0.1: -3276.8…3276.7 degC)")))
        let mode = Self.point(ModbusRegister(table: .holding, address: 110, type: .uint16), name: "mode")
        #expect(Self.write(.number(-1), to: mode) == .failure(ModbusEncodingError(.outOfRange, "-1 does not fit hvac.mode (uint16 0…65535)")))
        let offset = Self.point(ModbusRegister(table: .holding, address: 111, type: .uint16), name: "level", unit: "percent", scale: 0.01, offset: -100)
        #expect(Self.write(.number(600), to: offset) == .failure(ModbusEncodingError(
            .outOfRange, "600 percent does not fit hvac.level (uint16 0…65535 after scale 0.01, offset -100: -100…555.35 percent)")))
    }

    // MARK: Booleans

    @Test func coilsTakeBooleansAndTheNumbersOneAndZero() {
        let cooling = Self.point(ModbusRegister(table: .coil, address: 0, type: .bool), name: "cooling")
        #expect(Self.write(.boolean(true), to: cooling) == .success(.coil(true)))
        #expect(Self.write(.number(0), to: cooling) == .success(.coil(false)))
        #expect(Self.write(.number(1), to: cooling) == .success(.coil(true)))
        #expect(Self.write(.number(2), to: cooling) == .failure(ModbusEncodingError(
            .wrongType, "2 is not a state for the coil hvac.cooling: write true or false (or 1 or 0)")))
        #expect(Self.write(.text("on"), to: cooling) == .failure(ModbusEncodingError(
            .wrongType, "'on' is not a state for the coil hvac.cooling: write true or false (or 1 or 0)")))
    }

    @Test func aBoolInAWholeHoldingRegisterWritesOneOrZero() {
        let enable = Self.point(ModbusRegister(table: .holding, address: 5, type: .bool), name: "enable")
        #expect(Self.write(.boolean(true), to: enable) == .success(.registers([1])))
        #expect(Self.write(.boolean(false), to: enable) == .success(.registers([0])))
    }

    @Test func oneBitOfAHoldingRegisterCannotBeWritten() {
        let bit = Self.point(ModbusRegister(table: .holding, address: 5, type: .bool, bit: 3), name: "enable")
        #expect(Self.write(.boolean(true), to: bit) == .failure(ModbusEncodingError(
            .notWritable, "hvac.enable is one bit of a holding register, and Modbus writes whole registers")))
    }

    // MARK: What cannot be written

    @Test func inputsAndPointsNotMarkedWritableAreRefused() {
        let hours = Self.point(ModbusRegister(table: .input, address: 200, type: .uint32), name: "compressor_hours")
        #expect(Self.write(.number(1), to: hours) == .failure(ModbusEncodingError(
            .notWritable, "hvac.compressor_hours cannot be written: input registers are read-only in Modbus")))
        let alarm = Self.point(ModbusRegister(table: .discreteInput, address: 0, type: .bool), name: "alarm")
        #expect(Self.write(.boolean(true), to: alarm).isFailure)
        let fixed = Self.point(Self.int16Holding, writable: false)
        #expect(Self.write(.number(1), to: fixed) == .failure(ModbusEncodingError(
            .notWritable, "hvac.setpoint is not writable (its device file does not say 'writable: true')")))
    }

    @Test func theKindOfTheValueMustMatchThePoint() {
        #expect(Self.write(.text("21"), to: Self.point(Self.int16Holding)) == .failure(ModbusEncodingError(
            .wrongType, "'21' is not a number, but hvac.setpoint holds numbers")))
        #expect(Self.write(.number(.nan), to: Self.point(Self.int16Holding)) == .failure(ModbusEncodingError(.notFinite, "nan cannot be written to hvac.setpoint")))
    }

    @Test func stringsAreWrittenPaddedAndRefusedWhenTooLong() {
        let label = Self.point(ModbusRegister(table: .holding, address: 300, type: .string(registers: 2)), name: "label")
        #expect(Self.write(.text("AB"), to: label) == .success(.registers([0x4142, 0x0000])))
        #expect(Self.write(.text("ABCDE"), to: label) == .failure(ModbusEncodingError(
            .tooLong, "'ABCDE' is 5 bytes of UTF-8, but a string of 2 registers holds 4: hvac.label")))
    }

    @Test func withoutADeviceNameMessagesNameThePoint() {
        let setpoint = Self.point(Self.int16Holding)
        let result = ModbusValueCodec.writeValue(for: .number(1e6), point: setpoint, register: Self.int16Holding, deviceByteOrder: .abcd)
        #expect(result == .failure(ModbusEncodingError(.outOfRange, "1000000 does not fit setpoint (int16 -32768…32767)")))
    }

    // MARK: Read-back

    @Test func aReadBackMatchesWhenTheRawWordsAreEqual() {
        #expect(ModbusValueCodec.matches(readBack: [1], written: .coil(true)))
        #expect(!ModbusValueCodec.matches(readBack: [0], written: .coil(true)))
        #expect(ModbusValueCodec.matches(readBack: [0xE979, 0x42F6], written: .registers([0xE979, 0x42F6])))
        #expect(!ModbusValueCodec.matches(readBack: [0xE979, 0x42F7], written: .registers([0xE979, 0x42F6])))
        let response: [UInt16] = [7, 215, 9]
        #expect(ModbusValueCodec.matches(readBack: response[1...1], written: .registers([215])))
    }

    @Test func writeValuesDescribeThemselvesForLogs() {
        #expect(ModbusWriteValue.coil(true).description == "coil on")
        #expect(ModbusWriteValue.registers([0xD7, 0x42F6]).description == "registers [0x00D7, 0x42F6]")
    }
}
