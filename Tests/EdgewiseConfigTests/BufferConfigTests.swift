import EdgewiseConfig
import EdgewiseCore
import Testing

@Suite("gateway.yaml: the buffer section")
struct BufferConfigTests {
    static func buffer(_ yaml: String) -> ConfigFixture {
        ConfigFixture.with(gateway: """
            gateway: {id: g}
            local_broker: {url: "mqtt://h"}
            \(yaml)
            """)
    }

    @Test func defaults() throws {
        let buffer = try #require(ConfigFixture().load().configuration).gateway.buffer
        #expect(buffer == BufferConfig(
            path: "/var/lib/edgewise/buffer.db", maxSize: ByteSize(bytes: 256_000_000), overflow: .priority,
            durability: .batch, commitInterval: .milliseconds(50)))
    }

    @Test func everyKeyIsRead() throws {
        let fixture = Self.buffer("""
            buffer:
              path: /data/edgewise/buffer.db
              max_size: 64MiB
              overflow: drop_oldest
              durability: batch
              commit_interval: 200ms
            """)
        let buffer = try #require(fixture.load().configuration, "\(fixture.printed)").gateway.buffer
        #expect(buffer.path == "/data/edgewise/buffer.db")
        #expect(buffer.maxSize == ByteSize(bytes: 64 << 20))
        #expect(buffer.overflow == .dropOldest)
        #expect(buffer.durability == .batch)
        #expect(buffer.commitInterval == .milliseconds(200))
    }

    @Test(arguments: [
        ("priority", BufferConfig.Overflow.priority), ("drop_oldest", .dropOldest), ("drop_newest", .dropNewest),
    ])
    func overflowPolicies(word: String, expected: BufferConfig.Overflow) throws {
        let fixture = Self.buffer("buffer: {overflow: \(word)}")
        #expect(try #require(fixture.load().configuration).gateway.buffer.overflow == expected)
    }

    @Test func fullDurability() throws {
        let fixture = Self.buffer("buffer: {durability: full}")
        #expect(try #require(fixture.load().configuration).gateway.buffer.durability == .full)
    }

    static let invalid: [InvalidConfigCase] = [
        InvalidConfigCase(
            name: "an unknown overflow policy, with the nearest as hint",
            gateway: """
                gateway: {id: g}
                local_broker: {url: "mqtt://h"}
                buffer: {overflow: drop_olde}
                """,
            expected: [
                "gateway.yaml:3:20: error: 'overflow' must be one of 'priority', 'drop_oldest', 'drop_newest', but is 'drop_olde'\n    hint: did you mean 'drop_oldest'?"
            ]),
        InvalidConfigCase(
            name: "an unknown durability",
            gateway: """
                gateway: {id: g}
                local_broker: {url: "mqtt://h"}
                buffer:
                  durability: fsync
                """,
            expected: ["gateway.yaml:4:15: error: 'durability' must be one of 'batch', 'full', but is 'fsync'"]),
        InvalidConfigCase(
            name: "a commit interval with full durability",
            gateway: """
                gateway: {id: g}
                local_broker: {url: "mqtt://h"}
                buffer: {durability: full, commit_interval: 10ms}
                """,
            expected: [
                "gateway.yaml:3:45: error: 'commit_interval' applies only to 'durability: batch'; with 'full' every commit is synced\n    hint: remove 'commit_interval', or use 'durability: batch'"
            ]),
        InvalidConfigCase(
            name: "a commit interval without a unit, and one that is too long",
            gateway: """
                gateway: {id: g}
                local_broker: {url: "mqtt://h"}
                buffer: {commit_interval: 50}
                """,
            expected: [
                "gateway.yaml:3:27: error: 'commit_interval': duration '50' has no unit\n    hint: write '50s' for seconds or '50ms' for milliseconds"
            ]),
        InvalidConfigCase(
            name: "a commit interval longer than ten seconds",
            gateway: """
                gateway: {id: g}
                local_broker: {url: "mqtt://h"}
                buffer: {commit_interval: 1m}
                """,
            expected: [
                "gateway.yaml:3:27: error: 'commit_interval' must be at most 10s, but is 1m\n    hint: a power cut loses up to this much of the accepted events"
            ]),
        InvalidConfigCase(
            name: "a misspelt buffer key",
            gateway: """
                gateway: {id: g}
                local_broker: {url: "mqtt://h"}
                buffer: {overflow_policy: priority}
                """,
            expected: ["gateway.yaml:3:10: error: unknown key 'overflow_policy' in 'buffer'\n    hint: known keys here: commit_interval, durability, max_size, overflow, path"]),
    ]

    @Test(arguments: invalid)
    func reportsBufferError(_ invalid: InvalidConfigCase) {
        #expect(invalid.fixture.printed == invalid.expected)
        #expect(invalid.fixture.load().configuration == nil)
    }
}
