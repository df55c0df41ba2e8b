extension ExpressionSyntax {
    /// The dotted paths the expression reads from names it does not bind itself, each as
    /// long as it is written: `seat_price[account.plan]` reads `seat_price` and
    /// `account.plan`; `account.seats.filter(s, s.added < cycle.start)` reads
    /// `account.seats` and `cycle.start` (not `s.added`: `s` is the macro's own).
    /// `rules.x` reads `x`.
    ///
    /// Tools use it to draw what a rule reads (`tariff graph`); dependency analysis uses
    /// ``freeNames(bound:)``, the first component of each path.
    ///
    /// - Parameter bound: Names bound around the expression, whose paths are not reported.
    /// - Returns: The paths, such as `account.plan`.
    public func readPaths(bound: Set<String> = []) -> Set<String> {
        var paths: Set<String> = []
        collectPaths(into: &paths, bound: bound)
        return paths
    }

    private func collectPaths(into paths: inout Set<String>, bound: Set<String>) {
        switch kind {
        case .number, .string, .bool, .null: break
        case let .name(name): if !bound.contains(name) { paths.insert(name) }
        case let .member(base, _):
            if let path, let root = path.first {
                guard !bound.contains(root) else { return }
                paths.insert(root == "rules" && path.count > 1 ? path.dropFirst().joined(separator: ".")
                                                                : path.joined(separator: "."))
            } else {
                base.collectPaths(into: &paths, bound: bound)
            }
        case let .index(base, key):
            base.collectPaths(into: &paths, bound: bound)
            key.collectPaths(into: &paths, bound: bound)
        case let .call(name, receiver, arguments):
            receiver?.collectPaths(into: &paths, bound: bound)
            let variableIndex = receiver == nil ? 1 : 0
            if ExpressionCompiler.macros.contains(name), arguments.count == variableIndex + 2,
               case let .name(variable) = arguments[variableIndex].kind {
                for argument in arguments[..<variableIndex] { argument.collectPaths(into: &paths, bound: bound) }
                arguments[variableIndex + 1].collectPaths(into: &paths, bound: bound.union([variable]))
            } else {
                for argument in arguments { argument.collectPaths(into: &paths, bound: bound) }
            }
        case let .unary(_, operand): operand.collectPaths(into: &paths, bound: bound)
        case let .binary(_, lhs, rhs):
            lhs.collectPaths(into: &paths, bound: bound)
            rhs.collectPaths(into: &paths, bound: bound)
        case let .conditional(c, t, f):
            c.collectPaths(into: &paths, bound: bound)
            t.collectPaths(into: &paths, bound: bound)
            f.collectPaths(into: &paths, bound: bound)
        case let .list(elements):
            for element in elements { element.collectPaths(into: &paths, bound: bound) }
        }
    }
}
