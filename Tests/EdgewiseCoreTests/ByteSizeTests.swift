import Testing

@testable import EdgewiseCore

@Suite("Sizes as written in config files")
struct ByteSizeTests {
    @Test("decimal and binary units", arguments: [
        ("256MB", 256_000_000), ("1GB", 1_000_000_000), ("512KB", 512_000), ("100B", 100), ("1.5GB", 1_500_000_000),
        ("64MiB", 67_108_864), ("1GiB", 1_073_741_824), ("256mb", 256_000_000), ("10 MB", 10_000_000), ("2TB", 2_000_000_000_000),
    ] as [(String, Int64)])
    func parsesSize(text: String, bytes: Int64) throws {
        #expect(try ByteSize.parse(text) == ByteSize(bytes: bytes))
    }

    @Test("rejected sizes say how to write them", arguments: [
        ("256", "size '256' has no unit", "write '256MB' for megabytes (or B, KB, GB, KiB, MiB, GiB)"),
        ("256M", "unknown size unit 'M' in '256M'", "write '256MB'"),
        ("256 megs", "unknown size unit 'megs' in '256 megs'", "use one of the units B, KB, MB, GB, TB, KiB, MiB, GiB, TiB"),
        ("big", "'big' is not a size", "write a number with a unit, e.g. '256MB' or '1GiB'"),
        ("", "empty size", "write a number with a unit, e.g. '256MB'"),
    ])
    func rejectsSize(text: String, message: String, hint: String) {
        #expect(throws: QuantitySyntaxError(message, hint: hint)) { try ByteSize.parse(text) }
    }

    @Test func negativeSizeIsRejected() {
        #expect(throws: QuantitySyntaxError("size '-1MB' is negative")) { try ByteSize.parse("-1MB") }
    }

    @Test func describesWithLargestExactUnit() {
        #expect(ByteSize(bytes: 256_000_000).description == "256MB")
        #expect(ByteSize(bytes: 1_500).description == "1500B")
    }
}
