import EdgewiseTesting
import Foundation
import Glibc
import Testing

@testable import EdgewiseSystem

@Suite("StartupPages unmaps unmodified file pages and nothing else")
struct StartupPagesTests {
    static let sample = """
        55d0c0a00000-55d0c0b00000 r-xp 00001000 fd:01 1234                       /usr/bin/edgewise
        Size:               1024 kB
        Rss:                 512 kB
        Anonymous:             0 kB
        55d0c0b00000-55d0c0b10000 r--p 00101000 fd:01 1234                       /usr/bin/edgewise
        Size:                 64 kB
        Rss:                  64 kB
        Anonymous:            12 kB
        55d0c0b10000-55d0c0b20000 rw-p 00111000 fd:01 1234                       /usr/bin/edgewise
        Rss:                  64 kB
        Anonymous:            64 kB
        55d0c1000000-55d0c1100000 rw-p 00000000 00:00 0                          [heap]
        Rss:                 900 kB
        Anonymous:           900 kB
        7f0000000000-7f0000010000 r--s 00000000 fd:01 99                         /var/lib/edgewise/buffer.db-shm
        Rss:                  64 kB
        Anonymous:             0 kB
        7f0000100000-7f0000200000 r--p 00000000 fd:01 77                         /usr/lib/locale/C.utf8/LC_CTYPE
        Rss:                   0 kB
        Anonymous:             0 kB
        7f0000200000-7f0000210000 r-xp 00000000 fd:01 78                         /opt/swift/lib with space/libswiftCore.so
        Rss:                  16 kB
        Anonymous:             0 kB
        7ffd00000000-7ffd00021000 rw-p 00000000 00:00 0                          [stack]
        Rss:                  20 kB
        Anonymous:            20 kB
        """

    @Test func parsesRangesPermissionsPathsAndSizes() {
        let mappings = SmapsMapping.parse(Self.sample)
        #expect(mappings.count == 8)
        #expect(mappings[0] == SmapsMapping(
            start: 0x55d0_c0a0_0000, end: 0x55d0_c0b0_0000, permissions: "r-xp", path: "/usr/bin/edgewise",
            residentBytes: 512 * 1024, anonymousBytes: 0))
        #expect(mappings[1].anonymousBytes == 12 * 1024)
        #expect(mappings[3].path == "[heap]")
        #expect(mappings[6].path == "/opt/swift/lib with space/libswiftCore.so")
    }

    @Test func releasesOnlyResidentPrivateReadOnlyFileMappingsWithoutCopiedPages() {
        let releasable = SmapsMapping.parse(Self.sample).filter(\.isReleasable).map(\.path)
        // Not: relocated read-only data (anonymous pages), writable data, heap, stack, a shared
        // mapping, a mapping with nothing resident.
        #expect(releasable == ["/usr/bin/edgewise", "/opt/swift/lib with space/libswiftCore.so"])
    }

    @Test func aReleasedFileMappingLeavesResidentMemoryAndReadsBackUnchanged() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/pages.bin"
        let size = 4 * 1024 * 1024
        let contents = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try contents.write(to: URL(fileURLWithPath: path))
        let descriptor = open(path, O_RDONLY)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        let mapped = try #require(mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0))
        #expect(mapped != MAP_FAILED)
        defer { munmap(mapped, size) }
        let bytes = mapped.assumingMemoryBound(to: UInt8.self)
        var sum = 0
        for offset in stride(from: 0, to: size, by: 4096) { sum &+= Int(bytes[offset + 1]) }
        let address = Int(bitPattern: mapped)
        #expect(residentBytes(at: address) == size)

        let released = StartupPages.release()

        #expect(released.bytes >= size)
        #expect(residentBytes(at: address) == 0)
        #expect(Data(bytes: mapped, count: size) == contents)
        #expect(sum > 0)
    }

    private func residentBytes(at address: Int) -> Int? {
        StartupPages.readFile("/proc/self/smaps").flatMap { text in
            SmapsMapping.parse(text).first { $0.start == address }?.residentBytes
        }
    }
}
