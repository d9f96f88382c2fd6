import CYAML

/// Turns a YAML text into a ``YAMLNode`` tree with libyaml's parser: the only place the config
/// code touches libyaml.
///
/// What it adds to libyaml's events: aliases resolved to their anchor's node, a repeated key in a
/// mapping reported with both places, one document per file, and a limit on nesting (a file
/// like `[[[[…` cannot exhaust the stack). Scalars stay text; no tags are resolved.
enum YAMLComposer {
    /// Collections nested deeper than this are refused; real config files nest 4 or 5 levels.
    static let maximumDepth = 256

    /// The document's root node; `nil` when the text holds no document (empty, or only comments).
    ///
    /// - Throws: `YAMLComposeError` for the first syntax error, or for every repeated key.
    static func compose(_ text: String) throws(YAMLComposeError) -> YAMLNode? {
        var bytes = Array(text.utf8)
        if bytes.isEmpty { bytes = [0x0A] }  // libyaml wants a non-null buffer; a newline is still no document.
        return try bytes.withUnsafeBufferPointer { (buffer) throws(YAMLComposeError) -> YAMLNode? in
            let events = YAMLEventReader(buffer)
            var composer = Composition(events: events)
            return try composer.stream()
        }
    }
}

/// Why a YAML text could not be composed.
enum YAMLComposeError: Error, Sendable, Hashable {
    /// libyaml's scanner or parser stopped: `problem` at `mark`, found while reading `context`
    /// (such as "while parsing a flow mapping") that starts at `contextMark`.
    case syntax(problem: String, mark: YAMLMark, context: String?, contextMark: YAMLMark?)
    /// `*name` without an `&name` before it.
    case undefinedAlias(String, mark: YAMLMark)
    /// A second document (`---`) in the file.
    case secondDocument(mark: YAMLMark)
    /// Lists and mappings nested deeper than ``YAMLComposer/maximumDepth``.
    case tooDeep(mark: YAMLMark)
    /// Keys written more than once in a mapping: every one in the file, in file order.
    case duplicateKeys([YAMLDuplicateKey])
}

/// A key written twice in one mapping.
struct YAMLDuplicateKey: Sendable, Hashable {
    let key: String
    let first: YAMLMark
    let second: YAMLMark
}

/// Builds nodes from the events, depth first.
private struct Composition {
    let events: YAMLEventReader
    var anchors: [String: YAMLNode] = [:]
    var duplicates: [YAMLDuplicateKey] = []

    init(events: YAMLEventReader) {
        self.events = events
    }

    mutating func stream() throws(YAMLComposeError) -> YAMLNode? {
        guard case .streamStart = try events.next() else { preconditionFailure("libyaml starts every stream with STREAM-START") }
        guard case .documentStart = try events.next() else { return nil }  // STREAM-END: no document
        let root = try node(from: events.next(), depth: 0)
        guard case .documentEnd = try events.next() else { preconditionFailure("libyaml ends every document with DOCUMENT-END") }
        if case .documentStart(let mark) = try events.next() {
            throw .secondDocument(mark: mark)
        }
        if !duplicates.isEmpty { throw .duplicateKeys(duplicates) }
        return root
    }

    mutating func node(from event: YAMLEvent, depth: Int) throws(YAMLComposeError) -> YAMLNode {
        switch event {
        case .alias(let name, let mark):
            guard let node = anchors[name] else { throw .undefinedAlias(name, mark: mark) }
            return node
        case .scalar(let scalar, let anchor):
            return remember(.scalar(scalar), as: anchor)
        case .sequenceStart(let anchor, let mark):
            guard depth < YAMLComposer.maximumDepth else { throw .tooDeep(mark: mark) }
            var elements: [YAMLNode] = []
            while true {
                let next = try events.next()
                if case .sequenceEnd = next { break }
                elements.append(try node(from: next, depth: depth + 1))
            }
            return remember(.sequence(elements, mark: mark), as: anchor)
        case .mappingStart(let anchor, let mark):
            guard depth < YAMLComposer.maximumDepth else { throw .tooDeep(mark: mark) }
            var entries: [(key: YAMLNode, value: YAMLNode)] = []
            var firstMarks: [String: YAMLMark] = [:]
            while true {
                let next = try events.next()
                if case .mappingEnd = next { break }
                let key = try node(from: next, depth: depth + 1)
                let value = try node(from: events.next(), depth: depth + 1)
                if let name = key.scalar?.text {
                    if let first = firstMarks[name] {
                        duplicates.append(YAMLDuplicateKey(key: name, first: first, second: key.mark))
                        continue
                    }
                    firstMarks[name] = key.mark
                }
                entries.append((key, value))
            }
            return remember(.mapping(entries, mark: mark), as: anchor)
        case .streamStart, .streamEnd, .documentStart, .documentEnd, .sequenceEnd, .mappingEnd:
            preconditionFailure("libyaml sent \(event) where a node starts")
        }
    }

    mutating func remember(_ node: YAMLNode, as anchor: String?) -> YAMLNode {
        if let anchor { anchors[anchor] = node }  // a later anchor of the same name replaces it, as YAML says
        return node
    }
}

/// One of libyaml's parse events, copied out of its C structure.
private enum YAMLEvent {
    case streamStart, streamEnd, documentStart(YAMLMark), documentEnd
    case alias(String, mark: YAMLMark)
    case scalar(YAMLScalar, anchor: String?)
    case sequenceStart(anchor: String?, mark: YAMLMark)
    case sequenceEnd
    case mappingStart(anchor: String?, mark: YAMLMark)
    case mappingEnd
}

/// libyaml's parser over a UTF-8 buffer, one event at a time. The buffer must outlive it.
private final class YAMLEventReader {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeBufferPointer<UInt8>

    init(_ input: UnsafeBufferPointer<UInt8>) {
        self.input = input
        parser = .allocate(capacity: 1)
        // Fails only when out of memory.
        precondition(yaml_parser_initialize(parser) == 1, "yaml_parser_initialize failed")
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, input.baseAddress, input.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
    }

    func next() throws(YAMLComposeError) -> YAMLEvent {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else { throw error() }
        defer { yaml_event_delete(&event) }
        let mark = YAMLMark(event.start_mark)
        switch event.type {
        case YAML_STREAM_START_EVENT: return .streamStart
        case YAML_STREAM_END_EVENT: return .streamEnd
        case YAML_DOCUMENT_START_EVENT: return .documentStart(mark)
        case YAML_DOCUMENT_END_EVENT: return .documentEnd
        case YAML_ALIAS_EVENT: return .alias(String(cString: event.data.alias.anchor), mark: mark)
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            return .scalar(YAMLScalar(text: text, style: YAMLScalar.Style(scalar.style), mark: mark), anchor: scalar.anchor.map { String(cString: $0) })
        case YAML_SEQUENCE_START_EVENT: return .sequenceStart(anchor: event.data.sequence_start.anchor.map { String(cString: $0) }, mark: mark)
        case YAML_SEQUENCE_END_EVENT: return .sequenceEnd
        case YAML_MAPPING_START_EVENT: return .mappingStart(anchor: event.data.mapping_start.anchor.map { String(cString: $0) }, mark: mark)
        case YAML_MAPPING_END_EVENT: return .mappingEnd
        default: preconditionFailure("unknown libyaml event \(event.type)")
        }
    }

    /// The parser's error as a `YAMLComposeError`.
    private func error() -> YAMLComposeError {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "cannot parse"
        switch state.error {
        case YAML_READER_ERROR:
            // Reader errors (control characters) give a byte offset, not a mark.
            return .syntax(problem: problem, mark: mark(atByteOffset: state.problem_offset), context: nil, contextMark: nil)
        case YAML_MEMORY_ERROR:
            return .syntax(problem: "out of memory", mark: YAMLMark(line: 1, column: 1), context: nil, contextMark: nil)
        default:
            let context = state.context.map { String(cString: $0) }
            return .syntax(problem: problem, mark: YAMLMark(state.problem_mark), context: context, contextMark: context == nil ? nil : YAMLMark(state.context_mark))
        }
    }

    /// Line and column (in Unicode scalars) of a byte offset into the input.
    private func mark(atByteOffset offset: Int) -> YAMLMark {
        var line = 1
        var column = 1
        for byte in input.prefix(offset) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return YAMLMark(line: line, column: column)
    }
}

extension YAMLMark {
    /// libyaml's 0-based mark, made 1-based.
    fileprivate init(_ mark: yaml_mark_t) {
        self.init(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }
}

extension YAMLScalar.Style {
    fileprivate init(_ style: yaml_scalar_style_t) {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: self = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: self = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: self = .literal
        case YAML_FOLDED_SCALAR_STYLE: self = .folded
        default: self = .plain
        }
    }
}
