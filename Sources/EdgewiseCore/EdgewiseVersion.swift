/// The version of Edgewise itself, as `edgewise version` and the status endpoint report it.
public enum EdgewiseVersion {
    public static let current = "0.1.0"
}
