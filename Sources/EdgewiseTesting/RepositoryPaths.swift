/// Paths inside this repository, found from the source file's location rather than the working
/// directory, so tests run the same from any directory.
public enum RepositoryPaths {
    /// The repository root (the directory holding Package.swift).
    public static func root(filePath: String = #filePath) -> String {
        // .../Sources/EdgewiseTesting/RepositoryPaths.swift → ...
        var path = filePath
        for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path
    }
}
