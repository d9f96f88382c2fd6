/// The `buffer:` section of `gateway.yaml`: the on-disk queue that holds events while upstream is away.
public struct BufferConfig: Sendable {
    /// `path`: the SQLite file (default `/var/lib/edgewise/buffer.db`, in systemd's StateDirectory).
    public var path: String
    /// `max_size`: the most disk the queue may use (default 256MB).
    public var maxSize: ByteSize

    public init(path: String = "/var/lib/edgewise/buffer.db", maxSize: ByteSize = ByteSize(bytes: 256_000_000)) {
        self.path = path
        self.maxSize = maxSize
    }
}
