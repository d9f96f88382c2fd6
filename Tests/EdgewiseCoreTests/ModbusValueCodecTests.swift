import Testing

@testable import EdgewiseCore

/// One value laid out in registers in one byte order.
struct RegisterLayoutCase: Sendable, CustomTestStringConvertible {
    var type: ModbusValueType
    var byteOrder: ByteOrder
    var registers: [UInt16]
    var value: Double

    var testDescription: String { "\(type) \(byteOrder.rawValue)" }

    /// The same value in the four byte orders, registers given ABCD, CDAB, BADC, DCBA.
    static func all(_ type: ModbusValueType, _ value: Double, _ layouts: [[UInt16]]) -> [RegisterLayoutCase] {
        zip(ByteOrder.allCases, layouts).map { RegisterLayoutCase(type: type, byteOrder: $0, registers: $1, value: value) }
    }
}

@Suite("ModbusValueCodec: register types and byte orders")
struct ModbusValueCodecTests {
    static let layouts: [RegisterLayoutCase] =
        RegisterLayoutCase.all(.int16, -12_345, [[0xCFC7], [0xCFC7], [0xC7CF], [0xC7CF]])
        + RegisterLayoutCase.all(.uint16, 0x1234, [[0x1234], [0x1234], [0x3412], [0x3412]])
        + RegisterLayoutCase.all(.int32, -123_456_789, [[0xF8A4, 0x32EB], [0x32EB, 0xF8A4], [0xA4F8, 0xEB32], [0xEB32, 0xA4F8]])
        + RegisterLayoutCase.all(.uint32, 2_309_737_967, [[0x89AB, 0xCDEF], [0xCDEF, 0x89AB], [0xAB89, 0xEFCD], [0xEFCD, 0xAB89]])
        + RegisterLayoutCase.all(.float32, 123.456, [[0x42F6, 0xE979], [0xE979, 0x42F6], [0xF642, 0x79E9], [0x79E9, 0xF642]])
        + RegisterLayoutCase.all(.int64, Double(-81_985_529_216_486_896 as Int64), [
            [0xFEDC, 0xBA98, 0x7654, 0x3210], [0x3210, 0x7654, 0xBA98, 0xFEDC], [0xDCFE, 0x98BA, 0x5476, 0x1032], [0x1032, 0x5476, 0x98BA, 0xDCFE],
        ])
        // 49 significant bits, so the Double holds it exactly and it encodes back to the same words.
        + RegisterLayoutCase.all(.uint64, Double(0x0123_4567_89AB_CD00 as UInt64), [
            [0x0123, 0x4567, 0x89AB, 0xCD00], [0xCD00, 0x89AB, 0x4567, 0x0123], [0x2301, 0x6745, 0xAB89, 0x00CD], [0x00CD, 0xAB89, 0x6745, 0x2301],
        ])
        + RegisterLayoutCase.all(.float64, 1234.5678, [
            [0x4093, 0x4A45, 0x6D5C, 0xFAAD], [0xFAAD, 0x6D5C, 0x4A45, 0x4093], [0x9340, 0x454A, 0x5C6D, 0xADFA], [0xADFA, 0x5C6D, 0x454A, 0x9340],
        ])

    @Test(arguments: layouts)
    func decodesEveryTypeInEveryByteOrder(_ layout: RegisterLayoutCase) {
        #expect(ModbusValueCodec.decode(registers: layout.registers[...], type: layout.type, byteOrder: layout.byteOrder, bit: nil) == .number(layout.value))
    }

    @Test(arguments: layouts)
    func encodesEveryTypeInEveryByteOrder(_ layout: RegisterLayoutCase) {
        #expect(ModbusValueCodec.encode(layout.value, type: layout.type, byteOrder: layout.byteOrder) == .success(layout.registers))
    }

    @Test func theFloat32WorkedExampleOfTheDocumentation() {
        let expected: [ByteOrder: [UInt16]] = [.abcd: [0x42F6, 0xE979], .cdab: [0xE979, 0x42F6], .badc: [0xF642, 0x79E9], .dcba: [0x79E9, 0xF642]]
        for (order, registers) in expected {
            #expect(ModbusValueCodec.encode(123.456, type: .float32, byteOrder: order) == .success(registers))
            let value = ModbusValueCodec.decode(registers: registers[...], type: .float32, byteOrder: order, bit: nil).number!
            #expect(abs(value - 123.456) < 1e-5)
        }
    }

    @Test("encode then decode gives the value back", arguments: ByteOrder.allCases)
    func roundTrips(_ order: ByteOrder) {
        let values: [(ModbusValueType, [Double])] = [
            (.int16, [-32_768, -1, 0, 1, 32_767]), (.uint16, [0, 1, 65_535]), (.int32, [-2_147_483_648, -70_000, 2_147_483_647]),
            (.uint32, [0, 65_536, 4_294_967_295]), (.int64, [-0x1p63, -1, 0x1p53, 0x1p62]), (.uint64, [0, 0x1p53, 0x1p63]),
            (.float32, [0, -1.5, 3.25e10, .leastNormalMagnitude]), (.float64, [0, -1e-300, 1e300, .pi]),
        ]
        for (type, numbers) in values {
            for number in numbers {
                let registers = try! ModbusValueCodec.encode(number, type: type, byteOrder: order).get()
                #expect(registers.count == type.registerCount)
                let decoded = ModbusValueCodec.decode(registers: registers[...], type: type, byteOrder: order, bit: nil).number!
                // A float32 comes back as its shortest decimal form (.leastNormalMagnitude is not one).
                let expected = type == .float32 ? Double(Float(number).description)! : number
                #expect(decoded == expected, "\(type) \(number)")
            }
        }
    }

    @Test func decodesFromASliceOfALargerResponse() {
        let response: [UInt16] = [0x0001, 0x42F6, 0xE979, 0x0002]
        #expect(ModbusValueCodec.decode(registers: response[1...2], type: .float32, byteOrder: .abcd, bit: nil) == .number(123.456), "the float's shortest form, not 123.45600128173828")
        #expect(ModbusValueCodec.decode(registers: response[3...], type: .uint16, byteOrder: .abcd, bit: nil) == .number(2))
    }

    @Test func nanAndInfinityAreReturnedAsNumbersForTheNormalizerToReject() {
        let nan = ModbusValueCodec.decode(registers: [0x7FC0, 0x0000], type: .float32, byteOrder: .abcd, bit: nil).number!
        #expect(nan.isNaN)
        #expect(ModbusValueCodec.decode(registers: [0x7F80, 0x0000], type: .float32, byteOrder: .abcd, bit: nil) == .number(.infinity))
        #expect(ModbusValueCodec.decode(registers: [0xFFF0, 0, 0, 0], type: .float64, byteOrder: .abcd, bit: nil) == .number(-.infinity))
    }

    @Test func uint64BeyondTwoToThe53IsRoundedToTheNearestDouble() {
        // 2^53 + 1 is not representable; it reads as 2^53.
        #expect(ModbusValueCodec.decode(registers: [0x0020, 0x0000, 0x0000, 0x0001], type: .uint64, byteOrder: .abcd, bit: nil) == .number(0x1p53))
        #expect(ModbusValueCodec.decode(registers: [0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF], type: .uint64, byteOrder: .abcd, bit: nil) == .number(0x1p64))
    }

    // MARK: Booleans

    @Test func bitZeroIsTheLeastSignificantBitOfTheRegister() {
        let status: [UInt16] = [0b1010_0000_0000_0101]
        let bits = (0...15).map { ModbusValueCodec.decode(registers: status[...], type: .bool, byteOrder: .abcd, bit: $0) }
        #expect(bits.map { $0 == .boolean(true) } == [true, false, true] + Array(repeating: false, count: 10) + [true, false, true])
    }

    @Test func bitsIgnoreTheByteOrder() {
        #expect(ModbusValueCodec.decode(registers: [0x0001], type: .bool, byteOrder: .dcba, bit: 0) == .boolean(true))
    }

    @Test func aBoolWithoutBitIsTrueWhenTheRegisterIsNotZero() {
        #expect(ModbusValueCodec.decode(registers: [0], type: .bool, byteOrder: .abcd, bit: nil) == .boolean(false))
        #expect(ModbusValueCodec.decode(registers: [0x0100], type: .bool, byteOrder: .abcd, bit: nil) == .boolean(true))
        #expect(ModbusValueCodec.decode(registers: [1], type: .bool, byteOrder: .abcd, bit: nil) == .boolean(true))
    }

    // MARK: Strings

    @Test func stringsPutTheFirstCharacterInTheHighByteForABCDAndCDAB() {
        let registers: [UInt16] = [0x4845, 0x4C4C, 0x4F00, 0x5858]
        for order in [ByteOrder.abcd, .cdab] {
            #expect(ModbusValueCodec.decode(registers: registers[...], type: .string(registers: 4), byteOrder: order, bit: nil) == .text("HELLO"))
        }
    }

    @Test func stringsPutTheFirstCharacterInTheLowByteForBADCAndDCBA() {
        let registers: [UInt16] = [0x4548, 0x4C4C, 0x004F]
        for order in [ByteOrder.badc, .dcba] {
            #expect(ModbusValueCodec.decode(registers: registers[...], type: .string(registers: 3), byteOrder: order, bit: nil) == .text("HELLO"))
        }
    }

    @Test func stringsLoseTrailingSpacesAndReplaceInvalidUTF8() {
        #expect(ModbusValueCodec.decode(registers: [0x4142, 0x2020, 0x2020], type: .string(registers: 3), byteOrder: .abcd, bit: nil) == .text("AB"))
        #expect(ModbusValueCodec.decode(registers: [0x2041, 0x2000], type: .string(registers: 2), byteOrder: .abcd, bit: nil) == .text(" A"))
        #expect(ModbusValueCodec.decode(registers: [0xFF41], type: .string(registers: 1), byteOrder: .abcd, bit: nil) == .text("\u{FFFD}A"))
        #expect(ModbusValueCodec.decode(registers: [0xC3A9, 0x0000], type: .string(registers: 2), byteOrder: .abcd, bit: nil) == .text("é"))
    }

    @Test func stringsEncodePaddedWithNUL() {
        #expect(ModbusValueCodec.encode(text: "HELLO", registers: 4, byteOrder: .abcd) == .success([0x4845, 0x4C4C, 0x4F00, 0x0000]))
        #expect(ModbusValueCodec.encode(text: "HELLO", registers: 3, byteOrder: .dcba) == .success([0x4548, 0x4C4C, 0x004F]))
        let encoded = try! ModbusValueCodec.encode(text: "auto", registers: 5, byteOrder: .badc).get()
        #expect(ModbusValueCodec.decode(registers: encoded[...], type: .string(registers: 5), byteOrder: .badc, bit: nil) == .text("auto"))
    }

    @Test func aStringLongerThanItsRegistersIsRejected() {
        #expect(ModbusValueCodec.encode(text: "HELLO", registers: 2, byteOrder: .abcd)
            == .failure(ModbusEncodingError(.tooLong, "'HELLO' is 5 bytes of UTF-8, but a string of 2 registers holds 4")))
    }

    // MARK: Range errors

    @Test("integers out of range name the type's range", arguments: [
        (ModbusValueType.int16, 32_768.0, "32768 does not fit int16 -32768…32767"),
        (.int16, -32_768.6, "-32768.6 does not fit int16 -32768…32767"),
        (.uint16, -1, "-1 does not fit uint16 0…65535"),
        (.uint16, 65_536, "65536 does not fit uint16 0…65535"),
        (.int32, 2_147_483_648, "2147483648 does not fit int32 -2147483648…2147483647"),
        (.uint32, 4_294_967_296, "4294967296 does not fit uint32 0…4294967295"),
        (.int64, 0x1p63, "9.223372036854776e+18 does not fit int64 -9223372036854775808…9223372036854775807"),
        (.uint64, -1, "-1 does not fit uint64 0…18446744073709551615"),
        (.float32, 1e39, "1e+39 does not fit float32 ±3.4028235e+38"),
        (.bool, 2, "2 does not fit bool 0…1"),
    ])
    func rejectsOutOfRange(type: ModbusValueType, raw: Double, message: String) {
        #expect(ModbusValueCodec.encode(raw, type: type, byteOrder: .abcd) == .failure(ModbusEncodingError(.outOfRange, message)))
    }

    @Test func integersRoundToTheNearestWithHalvesAwayFromZero() {
        #expect(ModbusValueCodec.encode(2.5, type: .int16, byteOrder: .abcd) == .success([3]))
        #expect(ModbusValueCodec.encode(-2.5, type: .int16, byteOrder: .abcd) == .success([0xFFFD]))
        #expect(ModbusValueCodec.encode(65_535.4, type: .uint16, byteOrder: .abcd) == .success([0xFFFF]))
    }

    @Test func nonFiniteNumbersAreNotWritten() {
        #expect(ModbusValueCodec.encode(.nan, type: .float32, byteOrder: .abcd) == .failure(ModbusEncodingError(.notFinite, "nan is not a number that can be written")))
        #expect(ModbusValueCodec.encode(.infinity, type: .float64, byteOrder: .abcd).isFailure)
    }
}

extension Result {
    var isFailure: Bool {
        if case .failure = self { return true }
        return false
    }
}
