/// The mutable state of one evaluation: the snapshot, the results of the rules evaluated so
/// far, the slots of bound variables, and the optional trace. Made per evaluation and never
/// shared between threads; the compiled graph it runs is.
public final class Frame {
    public let input: Record
    public let asOf: CivilDate
    public internal(set) var results: [Value]
    public var locals: [Value]
    public let parameters: [Value]
    /// Present only when a trace was asked for.
    public let trace: TraceRecorder?
    var steps = 0
    let stepLimit: Int
    /// Reused by template rendering, so a label costs one allocation (its string).
    var textBuffer: [UInt8] = []

    init(input: Record, asOf: CivilDate, ruleCount: Int, localCount: Int, parameters: [Value],
         trace: TraceRecorder?, stepLimit: Int) {
        self.input = input
        self.asOf = asOf
        self.results = Array(repeating: .null, count: ruleCount)
        self.locals = Array(repeating: .null, count: localCount)
        self.parameters = parameters
        self.trace = trace
        self.stepLimit = stepLimit
    }

    /// Counts one unit of work toward the evaluation-step limit, so no input can make
    /// evaluation run unbounded.
    @inline(__always)
    public func step(_ count: Int = 1, at position: SourcePosition?) throws(EvaluationError) {
        steps &+= count
        if steps > stepLimit {
            throw EvaluationError(
                "eval.step-limit", "evaluation took more than \(stepLimit) steps (limit evaluation-steps)",
                at: position, hint: "raise it with --max-steps if the snapshot really is this large")
        }
    }
}

/// A compiled expression: evaluated with a frame, never re-parsed.
public typealias Evaluator = @Sendable (Frame) throws(EvaluationError) -> Value
