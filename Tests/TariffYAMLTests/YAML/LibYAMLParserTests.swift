import Testing
import TariffCore
@testable import TariffYAML

@Suite struct LibYAMLParserTests {
    /// Each event as a short string, up to the end of the stream or the first problem.
    private func events(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            let parser = LibYAMLParser(bytes: bytes, file: "f")
            var out: [String] = []
            while true {
                switch parser.next() {
                case let .success(event):
                    out.append(describe(event))
                    if case .streamEnd = event { return out }
                case let .failure(problem):
                    let at = problem.position.map { "\($0.line):\($0.column)" } ?? "-"
                    out.append("problem \(problem.problem) @\(at)")
                    return out
                }
            }
        }
    }

    private func describe(_ event: YAMLEvent) -> String {
        switch event {
        case .streamStart: "stream"
        case .streamEnd: "end"
        case let .documentStart(at): "doc @\(at.line):\(at.column)"
        case .documentEnd: "/doc"
        case let .alias(anchor, at): "*\(anchor) @\(at.line):\(at.column)"
        case let .scalar(s): "\(s.style) \(s.text)\(s.anchor.map { " &\($0)" } ?? "") @\(s.start.line):\(s.start.column)"
        case let .sequenceStart(anchor, at): "[\(anchor.map { " &\($0)" } ?? "") @\(at.line):\(at.column)"
        case .sequenceEnd: "]"
        case let .mappingStart(anchor, at): "{\(anchor.map { " &\($0)" } ?? "") @\(at.line):\(at.column)"
        case .mappingEnd: "}"
        }
    }

    @Test func eventsCarryOneBasedPositionsStylesAndAnchors() {
        #expect(events("a: &x 'q'\nb: [*x, NO]\n") == [
            "stream", "doc @1:1", "{ @1:1",
            "plain a @1:1", "quoted q &x @1:4",
            "plain b @2:1", "[ @2:4", "*x @2:5", "plain NO @2:9", "]",
            "}", "/doc", "end",
        ])
    }

    @Test(arguments: [
        ("a: |\n  x\n", "block x\n"),
        ("a: >\n  x\n", "block x\n"),
        ("a: \"x\"", "quoted x"),
        ("a: !!str 12", "quoted 12"),
        ("a: !custom 12", "plain 12"),
    ])
    func scalarStyles(text: String, expected: String) {
        #expect(events(text).dropFirst(4).first?.hasPrefix(expected) == true)
    }

    @Test func aProblemStopsTheEventsWithItsContext() {
        var text = "a: [1, 2\nb: 3\n"
        text.withUTF8 { bytes in
            let parser = LibYAMLParser(bytes: bytes, file: "f")
            var problem: YAMLProblem?
            for _ in 0..<20 {
                if case let .failure(found) = parser.next() {
                    problem = found
                    break
                }
            }
            #expect(problem?.problem == "did not find expected ',' or ']'")
            #expect(problem?.position == SourcePosition(file: "f", line: 2, column: 2))
            #expect(problem?.context?.text == "while parsing a flow sequence")
            #expect(problem?.context?.position == SourcePosition(file: "f", line: 1, column: 4))
        }
    }
}
