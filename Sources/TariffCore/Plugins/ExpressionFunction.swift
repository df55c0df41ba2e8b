/// A plugin function of the expression language: pure, typed, checked when rules compile.
///
/// ```swift
/// struct Clamp: ExpressionFunction {
///     let name = "clamp"
///     let summary = "clamp(x, lo, hi): x limited to [lo, hi]"
///     let signatures = [FunctionSignature([.decimal, .decimal, .decimal], returns: .decimal)]
///     func call(_ arguments: [Value]) throws(EvaluationError) -> Value { … }
/// }
/// ```
public protocol ExpressionFunction: Sendable {
    var name: String { get }
    /// `name(parameters): what it returns`, for help and hints.
    var summary: String { get }
    /// The accepted argument types; the first that matches decides the result type.
    var signatures: [FunctionSignature] { get }
    /// Computes the result. Arguments match one of ``signatures`` (Int arguments stay Int
    /// where a signature says Decimal only if it also lists Int; otherwise they arrive as
    /// Decimal).
    ///
    /// - Throws: ``EvaluationError``; its position is filled in with the call's.
    func call(_ arguments: [Value]) throws(EvaluationError) -> Value
}

/// One typed form of a function: parameter types and the result type.
public struct FunctionSignature: Sendable, Hashable, CustomStringConvertible {
    public var parameters: [ValueType]
    public var result: ValueType

    public init(_ parameters: [ValueType], returns result: ValueType) {
        self.parameters = parameters
        self.result = result
    }

    public var description: String {
        "(" + parameters.map(\.description).joined(separator: ", ") + ") -> \(result)"
    }
}
