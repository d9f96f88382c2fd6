import EdgewiseCore

/// What a device file declares, even when parts of it are invalid: its name and the names of its
/// points. Rules are checked against these, so a typo in one point's settings does not also make
/// every rule that uses the device report it as unknown.
struct DeviceDeclaration {
    var name: String
    var location: ConfigLocation
    /// Every point name under `points:`, in file order, with its decoded settings, or `nil` when
    /// they are invalid (already reported).
    var points: [(name: String, config: PointConfig?)]
    /// The whole device, when the file has no errors.
    var config: DeviceConfig?

    func declares(point name: String) -> Bool { points.contains { $0.name == name } }

    /// The point's settings, or `nil` when it is undeclared or invalid.
    func point(_ name: String) -> PointConfig? { points.first { $0.name == name }?.config }
}
