/// The mutable state of one evaluation: the snapshot, the results of the rules evaluated so
/// far, the slots of bound variables, and the optional trace. Made per evaluation and never
/// shared between threads; the compiled graph it runs is.
public final class Frame {
    public let input: Record
    public let asOf: CivilDate
    /// The result of each rule evaluated so far, by its index in the graph.
    public let results: Slots
    /// Bound variables (`item`, `let` names, lambda parameters), by slot.
    public let locals: Slots
    public let parameters: [Value]
    /// Present only when a trace was asked for.
    public let trace: TraceRecorder?
    var steps = 0
    let stepLimit: Int
    /// Reused by ``CompiledTemplate/render(_:)`` (a template made a `String`: a policy's
    /// message, a merged line's label), so such a text costs one allocation, its string's.
    var text = TextScratch()
    /// Where ``CompiledTemplate/renderValue(_:)`` writes (its memory taken at the first
    /// label); afterwards held by the runs of text the evaluation's results keep.
    let textArena = TextArena()
    /// Bit `i`: loop-invariant operation `i` has been computed in this evaluation, and its
    /// value is in its slot (see `ExpressionCompiler.memoized`).
    var memoized: UInt64 = 0
    /// How many operations one graph may memoize: the bits of ``memoized``.
    public static let memoLimit = 64

    init(input: Record, asOf: CivilDate, ruleCount: Int, localCount: Int, parameters: [Value],
         trace: TraceRecorder?, stepLimit: Int) {
        self.input = input
        self.asOf = asOf
        self.results = Slots(count: ruleCount)
        self.locals = Slots(count: localCount)
        self.parameters = parameters
        self.trace = trace
        self.stepLimit = stepLimit
    }

    deinit {
        results.free()
        locals.free()
        text.free()
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

/// Values by slot in memory their ``Frame`` owns and frees. Reading and writing a slot is
/// an index into that memory, without the run-time exclusivity check that an array stored
/// in a class costs on every access (the hot path reads slots more than anything else).
/// Use it through its frame (`frame.locals[slot]`), only while that evaluation runs: the
/// memory goes with the frame.
public struct Slots {
    private let base: UnsafeMutablePointer<Value>
    public let count: Int

    init(count: Int) {
        self.count = count
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: .null, count: count)
    }

    /// The value in `slot`; slots are numbered when rules compile, so an index out of
    /// range is a bug in a plugin, and stops the program rather than read past the memory.
    public subscript(slot: Int) -> Value {
        @inline(__always) get {
            precondition(UInt(bitPattern: slot) < UInt(bitPattern: count), "slot out of range")
            return base[slot]
        }
        @inline(__always) nonmutating set {
            precondition(UInt(bitPattern: slot) < UInt(bitPattern: count), "slot out of range")
            base[slot] = newValue
        }
    }

    /// The field at `index` of the record in `slot`, read in place (the record itself is
    /// not copied out, so not retained), as expressions see it (``Value/materialized``);
    /// nil when the slot holds no record.
    @inline(__always)
    public func field(_ slot: Int, at index: Int) -> Value? {
        precondition(UInt(bitPattern: slot) < UInt(bitPattern: count), "slot out of range")
        switch base[slot] {
        case let .record(record): return record[index].materialized
        default: return nil
        }
    }

    /// Runs `body` for each element of `values` in order, until it returns false, with
    /// `slot` holding that element, lent
    /// rather than copied: the slot shares the element's storage without a retain (and
    /// drops it without a release), which the loop may do because `values` keeps every
    /// element alive while it runs. Reading the slot copies as usual. Only this loop may
    /// write `slot` while it runs (a binding's slot belongs to its binding site); the slot
    /// holds null afterwards, also when `body` throws.
    @inline(__always)
    public func lend<E: Error>(_ slot: Int, each values: [Value], _ body: (Int) throws(E) -> Bool) throws(E) {
        precondition(UInt(bitPattern: slot) < UInt(bitPattern: count), "slot out of range")
        let target = base + slot
        // The slot's own value goes now; the lent ones are overwritten, never released.
        target.deinitialize(count: 1)
        defer { target.initialize(to: .null) }
        try values.withUnsafeBufferPointer { elements throws(E) in
            guard let first = elements.baseAddress else { return }
            for index in elements.indices {
                UnsafeMutableRawPointer(target).copyMemory(from: first + index, byteCount: MemoryLayout<Value>.size)
                guard try body(index) else { return }
            }
        }
    }

    /// Runs `body` with `slot` holding `values[index]`, lent as ``lend(_:each:_:)`` lends
    /// (no retain, no release; null afterwards, also when `body` throws): for a loop that
    /// lends an element to a second slot while the first still holds it.
    @inline(__always)
    public func lend<R, E: Error>(_ slot: Int, elementOf values: [Value], at index: Int,
                                  _ body: () throws(E) -> R) throws(E) -> R {
        precondition(UInt(bitPattern: slot) < UInt(bitPattern: count), "slot out of range")
        precondition(UInt(bitPattern: index) < UInt(bitPattern: values.count), "element out of range")
        let target = base + slot
        target.deinitialize(count: 1)
        defer { target.initialize(to: .null) }
        values.withUnsafeBufferPointer { elements in
            UnsafeMutableRawPointer(target).copyMemory(from: elements.baseAddress.unsafelyUnwrapped + index,
                                                       byteCount: MemoryLayout<Value>.size)
        }
        return try body()
    }

    /// `body` applied to the value in `slot`, borrowed where it lies.
    @inline(__always)
    func withSlot<R>(_ slot: Int, _ body: (borrowing Value) -> R) -> R {
        precondition(UInt(bitPattern: slot) < UInt(bitPattern: count), "slot out of range")
        return body(base[slot])
    }

    /// Every slot's value, copied out.
    public var values: [Value] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Every slot's value, moved out (no retain, and no release when the frame goes); the
    /// slots hold null afterwards. For the results of an evaluation that has ended.
    func take() -> [Value] {
        Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            if let target = buffer.baseAddress { target.moveInitialize(from: base, count: count) }
            base.initialize(repeating: .null, count: count)
            initialized = count
        }
    }

    func free() {
        base.deinitialize(count: count)
        base.deallocate()
    }
}

/// Where a template writes its bytes: the frame's scratch memory (for a `String`) or the
/// evaluation's ``TextArena`` (for a run).
protocol TextSink {
    mutating func reserve(_ extra: Int)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>)
    /// Text held inline, as its two words.
    mutating func append(_ words: InlineText)
    mutating func append(_ byte: UInt8)
    /// `length` bytes written in place by `body`, which must write all of them.
    mutating func write(_ length: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Void)
}

/// Bytes a template renders into: raw memory that grows. The frame's scratch is one,
/// reused for every `String` an evaluation renders; a ``TextArena``'s buffer is another.
struct TextScratch: TextSink {
    private(set) var base: UnsafeMutablePointer<UInt8>?
    private(set) var capacity = 0
    var count = 0

    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private mutating func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2, 128)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        if let base {
            grown.update(from: base, count: count)
            base.deallocate()
        }
        base = grown
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        let length = bytes.count
        reserve(length)
        let target = UnsafeMutableRawPointer(base.unsafelyUnwrapped + count)
        let from = UnsafeRawPointer(source)
        // Short runs (a template's literal text between holes: " added ", " (") as two overlapping
        // words, not a call to memmove.
        if length >= 8, length <= 16 {
            let head = from.loadUnaligned(as: UInt64.self), tail = from.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
            target.storeBytes(of: head, as: UInt64.self)
            target.storeBytes(of: tail, toByteOffset: length - 8, as: UInt64.self)
        } else if length >= 4, length < 8 {
            let head = from.loadUnaligned(as: UInt32.self), tail = from.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
            target.storeBytes(of: head, as: UInt32.self)
            target.storeBytes(of: tail, toByteOffset: length - 4, as: UInt32.self)
        } else {
            target.copyMemory(from: from, byteCount: length)
        }
        count += length
    }

    /// Appends the text held inline in `words`: both words stored at once (sixteen bytes,
    /// reserved), of which the text's own bytes count.
    @inline(__always)
    mutating func append(_ words: InlineText) {
        reserve(16)
        let target = UnsafeMutableRawPointer(base.unsafelyUnwrapped + count)
        target.storeBytes(of: words.low, as: UInt64.self)
        target.storeBytes(of: words.high, toByteOffset: 8, as: UInt64.self)
        count += words.count
    }

    /// Writes `length` bytes in place: `body` gets room for exactly that many, reserved at
    /// once, and must write all of them.
    @inline(__always)
    mutating func write(_ length: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Void) {
        reserve(length)
        body(base.unsafelyUnwrapped + count)
        count += length
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base.unsafelyUnwrapped[count] = byte
        count += 1
    }

    /// The bytes written so far as a string.
    func string() -> String {
        guard let base else { return "" }
        return String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
    }

    func free() { base?.deallocate() }
}

/// A compiled expression: evaluated with a frame, never re-parsed.
public typealias Evaluator = @Sendable (Frame) throws(EvaluationError) -> Value
