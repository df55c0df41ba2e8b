#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Time, memory and allocation counts for `tariff bench`.
enum BenchClock {
    /// Seconds on the monotonic clock.
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Seconds of CPU this thread has used: unlike wall time, not inflated when other
    /// work on a shared machine takes the core away.
    static func cpuNow() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Seconds `body` takes.
    static func seconds(_ body: () -> Void) -> Double {
        let start = now()
        body()
        return now() - start
    }

    /// Keeps a result the measured work produced, so the optimizer cannot prove the work
    /// unused and drop it. (A check on the value, such as `precondition(sink != 42)`, can
    /// fail for some inputs; this cannot.)
    @inline(never) @_optimize(none)
    static func keep(_ value: Int) {}

    /// The median of a list of measurements.
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    private typealias Counter = @convention(c) () -> UInt64

    /// The allocation counter of Benchmarks/malloc-counter when it is preloaded, else nil.
    private static let counter: Counter? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "tariff_malloc_count") else { return nil }
        return unsafeBitCast(symbol, to: Counter.self)
    }()

    /// Heap allocations so far, when counted.
    static func allocations() -> UInt64? { counter?() }

    /// A field of /proc/self/status in kB (`VmRSS`, `VmHWM`), or nil where there is none.
    static func memoryKB(_ field: String) -> Int? {
        guard let file = fopen("/proc/self/status", "r") else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if text.hasPrefix(field + ":") {
                return Int(text.dropFirst(field.count + 1).filter { $0.isNumber })
            }
        }
        return nil
    }
}
