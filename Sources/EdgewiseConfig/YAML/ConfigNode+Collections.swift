extension ConfigNode {
    /// The elements of a list, each named `NAME entry N` (1-based) for messages.
    func sequence() -> [ConfigNode]? {
        guard case .sequence(let sequence, _) = node else { return typeMismatch("a list") }
        return sequence.enumerated().map { index, element in
            ConfigNode(element, name: "\(name) entry \(index + 1)", file: file, diagnostics: diagnostics)
        }
    }

    /// A mapping read against a schema; see `ConfigMapping`.
    func mapping(context: String) -> ConfigMapping? { ConfigMapping(self, context: context) }
}
