/// A position in a YAML text: 1-based line and column (columns count Unicode scalars, as libyaml does).
struct YAMLMark: Sendable, Hashable {
    let line: Int
    let column: Int
}

/// A YAML value as composed from a file: a scalar (always text; the config schema decides what
/// it must read as), a list or a mapping, each with where it starts. Aliases (`*name`) are
/// already replaced by the node their anchor (`&name`) names.
indirect enum YAMLNode: Sendable {
    case scalar(YAMLScalar)
    case sequence([YAMLNode], mark: YAMLMark)
    /// Entries in file order; a key appears once (a repeated key is an error while composing).
    case mapping([(key: YAMLNode, value: YAMLNode)], mark: YAMLMark)

    /// Where the node starts: the first character of a scalar (its opening quote, if quoted),
    /// the `-` of a block list's first entry, a flow collection's bracket.
    var mark: YAMLMark {
        switch self {
        case .scalar(let scalar): scalar.mark
        case .sequence(_, let mark), .mapping(_, let mark): mark
        }
    }

    /// The scalar, or `nil` for lists and mappings.
    var scalar: YAMLScalar? {
        guard case .scalar(let scalar) = self else { return nil }
        return scalar
    }
}

/// A scalar's text as written (quotes removed, escapes and folding applied) and how it was written.
struct YAMLScalar: Sendable, Hashable {
    /// How a scalar is written: the quotes or block indicator decide whether text such as `~`
    /// or `null` means "no value" (only plain scalars do).
    enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    let text: String
    let style: Style
    let mark: YAMLMark
}
