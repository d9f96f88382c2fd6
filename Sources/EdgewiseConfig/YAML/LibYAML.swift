import CYAML

/// The libyaml the config files are read with, as `edgewise version` reports it.
public enum LibYAML {
    /// libyaml's version, e.g. `0.2.5`.
    public static var libraryVersion: String { String(cString: yaml_get_version_string()) }
}
