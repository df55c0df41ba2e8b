import TariffCore

/// One libyaml parse event, copied out of C memory into Swift values.
enum YAMLEvent {
    case streamStart
    case streamEnd
    case documentStart(SourcePosition)
    case documentEnd
    case alias(anchor: String, at: SourcePosition)
    case scalar(YAMLScalar)
    case sequenceStart(anchor: String?, at: SourcePosition)
    case sequenceEnd
    case mappingStart(anchor: String?, at: SourcePosition)
    case mappingEnd
}

/// A scalar event: text, how it was written, and where it starts and ends.
struct YAMLScalar {
    var text: String
    var style: SourceNode.ScalarStyle
    var anchor: String?
    var start: SourcePosition
    var end: SourcePosition
}

/// A problem libyaml reported, in 1-based positions.
struct YAMLProblem: Error {
    enum Kind {
        /// Bad input bytes; libyaml gives a byte offset, not a line.
        case reader(offset: Int, value: Int32)
        case scanner
        case parser
        case memory
    }

    var kind: Kind
    var problem: String
    var position: SourcePosition?
    var context: (text: String, position: SourcePosition)?
}
