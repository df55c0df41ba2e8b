/// The parsed form of an expression, before names and types are resolved.
public struct ExpressionSyntax: Sendable {
    public enum UnaryOperator: String, Sendable { case negate = "-", not = "not" }

    public enum BinaryOperator: String, Sendable {
        case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        case and, or, `in`, coalesce = "??"

        /// How tightly the operator binds, as ``ExpressionParser`` reads it (see
        /// ``ExpressionSyntax/bindingLevel``).
        var bindingLevel: Int {
            switch self {
            case .coalesce: 1
            case .or: 2
            case .and: 3
            case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .in: Self.comparisonLevel
            case .add, .subtract: 6
            case .multiply, .divide, .remainder: 7
            }
        }

        /// The level of `==`, `!=`, `<`, `<=`, `>`, `>=` and `in`, which do not chain.
        static let comparisonLevel = 5
    }

    public indirect enum Kind: Sendable {
        case number(String)
        case string(String)
        case bool(Bool)
        case null
        case name(String)
        /// `base.name`
        case member(ExpressionSyntax, String)
        /// `base[key]`
        case index(ExpressionSyntax, ExpressionSyntax)
        /// `name(arguments)` or `receiver.name(arguments)`.
        case call(name: String, receiver: ExpressionSyntax?, arguments: [ExpressionSyntax])
        case unary(UnaryOperator, ExpressionSyntax)
        case binary(BinaryOperator, ExpressionSyntax, ExpressionSyntax)
        case conditional(ExpressionSyntax, ExpressionSyntax, ExpressionSyntax)
        case list([ExpressionSyntax])
    }

    public var kind: Kind
    public var position: SourcePosition
    public var length: Int

    /// The expression written back as text, for traces and messages: parentheses where
    /// the tree needs them to read back the same (`a * (b - c)`), and only there.
    public var text: String { text(bindingAtLeast: 0) }

    /// The text, in parentheses when it binds less tightly than `minimum` (a level of
    /// ``bindingLevel``).
    private func text(bindingAtLeast minimum: Int) -> String {
        let written = switch kind {
        case let .number(text): text
        case let .string(text): "\"\(text)\""
        case let .bool(value): value ? "true" : "false"
        case .null: "null"
        case let .name(name): name
        case let .member(base, name): "\(base.text(bindingAtLeast: Self.postfixLevel)).\(name)"
        case let .index(base, key): "\(base.text(bindingAtLeast: Self.postfixLevel))[\(key.text)]"
        case let .call(name, receiver, arguments):
            (receiver.map { "\($0.text(bindingAtLeast: Self.postfixLevel))." } ?? "") + "\(name)("
                + arguments.map(\.text).joined(separator: ", ") + ")"
        case let .unary(op, operand):
            Self.prefixed(op == .not ? "not " : "-", to: operand.text(bindingAtLeast: bindingLevel))
        case let .binary(op, lhs, rhs):
            // Left-associative operators take an equal level on the left (`a - b - c`);
            // comparisons do not chain, so neither side may be one.
            "\(lhs.text(bindingAtLeast: op.bindingLevel == BinaryOperator.comparisonLevel ? bindingLevel + 1 : bindingLevel)) \(op.rawValue) "
                + rhs.text(bindingAtLeast: bindingLevel + 1)
        case let .conditional(c, t, f): "\(c.text(bindingAtLeast: 1)) ? \(t.text) : \(f.text)"
        case let .list(elements): "[" + elements.map(\.text).joined(separator: ", ") + "]"
        }
        return bindingLevel < minimum ? "(\(written))" : written
    }

    /// How tightly the expression's outermost form binds, as ``ExpressionParser`` reads
    /// them, lowest first: conditional 0, `??` 1, `or` 2, `and` 3, `not` 4, comparisons 5,
    /// `+ -` 6, `* / %` 7, unary `-` 8, postfix forms and atoms 9.
    private var bindingLevel: Int {
        switch kind {
        case .conditional: 0
        case let .binary(op, _, _): op.bindingLevel
        case let .unary(op, _): op == .not ? 4 : 8
        default: Self.postfixLevel
        }
    }

    private static let postfixLevel = 9

    /// A prefix operator before its operand's text, spaced where the two would run
    /// together (`- -a`, not `--a`).
    private static func prefixed(_ op: String, to operand: String) -> String {
        op == "-" && operand.hasPrefix("-") ? "- " + operand : op + operand
    }

    /// A dotted path such as `account.seats`, if this is one.
    public var path: [String]? {
        switch kind {
        case let .name(name): [name]
        case let .member(base, name): base.path.map { $0 + [name] }
        default: nil
        }
    }

    /// Every name used free in the expression (not bound by a macro), for dependency
    /// analysis. `rules.x` yields `x` as well as `rules`.
    public func freeNames(bound: Set<String> = []) -> Set<String> {
        var names: Set<String> = []
        collectNames(into: &names, bound: bound)
        return names
    }

    private func collectNames(into names: inout Set<String>, bound: Set<String>) {
        switch kind {
        case .number, .string, .bool, .null: break
        case let .name(name): if !bound.contains(name) { names.insert(name) }
        case let .member(base, member):
            if case .name("rules") = base.kind, !bound.contains("rules") { names.insert(member) }
            base.collectNames(into: &names, bound: bound)
        case let .index(base, key):
            base.collectNames(into: &names, bound: bound)
            key.collectNames(into: &names, bound: bound)
        case let .call(name, receiver, arguments):
            receiver?.collectNames(into: &names, bound: bound)
            // Only a macro binds a variable: `list.filter(x, p)` or `filter(list, x, p)`.
            // Any other call's arguments are all read, `x.clamp(low, high)` included.
            let variableIndex = receiver == nil ? 1 : 0
            if ExpressionCompiler.macros.contains(name), arguments.count == variableIndex + 2,
               case let .name(variable) = arguments[variableIndex].kind {
                for argument in arguments[..<variableIndex] { argument.collectNames(into: &names, bound: bound) }
                arguments[variableIndex + 1].collectNames(into: &names, bound: bound.union([variable]))
            } else {
                for argument in arguments { argument.collectNames(into: &names, bound: bound) }
            }
        case let .unary(_, operand): operand.collectNames(into: &names, bound: bound)
        case let .binary(_, lhs, rhs):
            lhs.collectNames(into: &names, bound: bound)
            rhs.collectNames(into: &names, bound: bound)
        case let .conditional(c, t, f):
            c.collectNames(into: &names, bound: bound)
            t.collectNames(into: &names, bound: bound)
            f.collectNames(into: &names, bound: bound)
        case let .list(elements):
            for element in elements { element.collectNames(into: &names, bound: bound) }
        }
    }

    /// Nesting depth, checked against the expression-depth limit.
    var depth: Int {
        switch kind {
        case .number, .string, .bool, .null, .name: 1
        case let .member(base, _): base.depth + 1
        case let .index(base, key): max(base.depth, key.depth) + 1
        case let .call(_, receiver, arguments): (arguments.map(\.depth) + [receiver?.depth ?? 0]).max().map { $0 + 1 } ?? 1
        case let .unary(_, operand): operand.depth + 1
        case let .binary(_, lhs, rhs): max(lhs.depth, rhs.depth) + 1
        case let .conditional(c, t, f): max(c.depth, t.depth, f.depth) + 1
        case let .list(elements): (elements.map(\.depth).max() ?? 0) + 1
        }
    }
}
