// Yams's composer stops at the first duplicate key, recurses once per nesting level and
// hides libyaml's context mark, so this module composes from libyaml's events itself.
// libyaml ships inside the Yams package as its CYaml module.
internal import CYaml
import TariffCore

/// libyaml's event parser over a UTF-8 buffer: a resource with identity, hence a class.
///
/// The buffer must outlive the parser; ``YAMLReader`` keeps both inside one
/// `withUTF8` scope.
final class LibYAMLParser {
    private var parser = yaml_parser_t()
    private let file: String
    private let initialized: Bool

    /// - Parameter bytes: UTF-8 text, not empty.
    init(bytes: UnsafeBufferPointer<UInt8>, file: String) {
        self.file = file
        initialized = yaml_parser_initialize(&parser) == 1
        guard initialized, let base = bytes.baseAddress else { return }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, base, bytes.count)
    }

    deinit {
        if initialized { yaml_parser_delete(&parser) }
    }

    /// The next event, or the problem that stopped the parser.
    func next() -> Result<YAMLEvent, YAMLProblem> {
        guard initialized else {
            return .failure(YAMLProblem(kind: .memory, problem: "out of memory", position: nil))
        }
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else {
            return .failure(problem())
        }
        defer { yaml_event_delete(&event) }
        let start = position(event.start_mark)
        switch event.type {
        case YAML_STREAM_START_EVENT:
            return .success(.streamStart)
        case YAML_STREAM_END_EVENT:
            return .success(.streamEnd)
        case YAML_DOCUMENT_START_EVENT:
            return .success(.documentStart(start))
        case YAML_DOCUMENT_END_EVENT:
            return .success(.documentEnd)
        case YAML_ALIAS_EVENT:
            return .success(.alias(anchor: string(event.data.alias.anchor) ?? "", at: start))
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
            return .success(.scalar(YAMLScalar(
                text: text,
                style: style(data.style, tag: string(data.tag)),
                anchor: string(data.anchor),
                start: start,
                end: position(event.end_mark)
            )))
        case YAML_SEQUENCE_START_EVENT:
            return .success(.sequenceStart(anchor: string(event.data.sequence_start.anchor), at: start))
        case YAML_SEQUENCE_END_EVENT:
            return .success(.sequenceEnd)
        case YAML_MAPPING_START_EVENT:
            return .success(.mappingStart(anchor: string(event.data.mapping_start.anchor), at: start))
        case YAML_MAPPING_END_EVENT:
            return .success(.mappingEnd)
        default:
            return .failure(YAMLProblem(
                kind: .parser, problem: "unexpected parser event \(event.type.rawValue)", position: start
            ))
        }
    }

    private func problem() -> YAMLProblem {
        let text = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        switch parser.error {
        case YAML_READER_ERROR:
            return YAMLProblem(
                kind: .reader(offset: parser.problem_offset, value: parser.problem_value),
                problem: text, position: nil
            )
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            var context: (text: String, position: SourcePosition)?
            if let contextText = parser.context {
                context = (String(cString: contextText), position(parser.context_mark))
            }
            return YAMLProblem(
                kind: parser.error == YAML_SCANNER_ERROR ? .scanner : .parser,
                problem: text, position: position(parser.problem_mark), context: context
            )
        default:
            return YAMLProblem(kind: .memory, problem: text, position: nil)
        }
    }

    private func position(_ mark: yaml_mark_t) -> SourcePosition {
        SourcePosition(file: file, line: mark.line + 1, column: mark.column + 1)
    }

    /// Quoted and block scalars are always strings; so is a plain scalar tagged `!!str`.
    private func style(_ style: yaml_scalar_style_t, tag: String?) -> SourceNode.ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE, YAML_DOUBLE_QUOTED_SCALAR_STYLE: .quoted
        case YAML_LITERAL_SCALAR_STYLE, YAML_FOLDED_SCALAR_STYLE: .block
        default: tag == "tag:yaml.org,2002:str" ? .quoted : .plain
        }
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
