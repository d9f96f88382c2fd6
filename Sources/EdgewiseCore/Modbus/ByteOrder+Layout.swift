extension ByteOrder {
    /// Whether the least significant word comes first on the wire (`CDAB`, `DCBA`).
    public var reversesWords: Bool { self == .cdab || self == .dcba }

    /// Whether each register carries its low byte first (`BADC`, `DCBA`).
    public var swapsBytes: Bool { self == .badc || self == .dcba }
}
