import Foundation
import Testing
@testable import tariff

/// Every file Tariff writes goes through ``OutputSink``: a temporary file beside the
/// target, flushed to disk, renamed over it only once whole. A run that fails part-way
/// leaves no partial file and the previous file as it was (issue 6).
@Suite("atomic outputs")
struct AtomicOutputTests {
    static let previous = "the previous invoice, which must survive\n"

    /// A directory holding `invoice.out` with ``previous`` in it.
    static func directoryWithPrevious() throws -> (TemporaryDirectory, String) {
        let directory = try TemporaryDirectory()
        return (directory, try directory.write("invoice.out", previous))
    }

    static func contents(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    // MARK: The writer

    @Test func aCommittedFileReplacesThePreviousOneWhole() throws {
        let (directory, target) = try Self.directoryWithPrevious()
        let sink = try OutputSink(path: target)
        try sink.write(Array("new ".utf8))
        #expect(try Self.contents(target) == Self.previous, "nothing is visible before the commit")
        try sink.write(Array("invoice\n".utf8))
        try sink.commit()
        #expect(try Self.contents(target) == "new invoice\n")
        #expect(directory.names == ["invoice.out"])
    }

    /// A render that throws after writing some bytes: the caller abandons the sink.
    @Test func aRenderThatThrowsPartWayLeavesThePreviousFile() throws {
        let (directory, target) = try Self.directoryWithPrevious()
        struct RenderFailed: Error {}
        func render(into sink: OutputSink) throws {
            try sink.write(Array("{ \"account\": \"ACME-001\", \"lines\": [".utf8))
            throw RenderFailed()
        }
        let sink = try OutputSink(path: target)
        #expect(throws: RenderFailed.self) {
            do { try render(into: sink) } catch {
                sink.abandon()
                throw error
            }
        }
        #expect(try Self.contents(target) == Self.previous)
        #expect(directory.names == ["invoice.out"], "no temporary file is left behind")
    }

    @Test func aFileInAMissingDirectoryIsAnErrorAndCreatesNothing() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: OutputSink.SinkError.self) { try OutputSink(path: directory.url.path + "/missing/invoice.out") }
        #expect(directory.names.isEmpty)
    }

    /// Regression: `--output` naming a device, a pipe or a link had it renamed over: as
    /// root, `--output /dev/full` replaced the device with a file of the invoice. What is not
    /// a plain file is written to as it is; a link is followed to the file it names.
    @Test func aPipeIsWrittenToAndStaysAPipe() throws {
        let directory = try TemporaryDirectory()
        let fifo = directory.url.path + "/invoice.fifo", copy = directory.url.path + "/copy.txt"
        // A reader on the pipe, as a script would have for `--output FIFO`.
        let script = #"mkfifo "$1" && { cat "$1" > "$2" & } && "$3" preview examples/acme.yaml --format json --output "$1" && wait"#
        let output = try RobustCLI.run(shell: script, [fifo, copy, try CommandRunner.binary().path])
        #expect(output.status == 0, "\(output.stderr)")
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO, "the pipe is still a pipe")
        #expect(try Self.contents(copy).contains("\"total\": \"1122.47\""))
        #expect(directory.names == ["copy.txt", "invoice.fifo"], "no temporary file beside it")
    }

    @Test func aLinkIsFollowedAndStaysALink() throws {
        let (directory, target) = try Self.directoryWithPrevious()
        let link = directory.url.path + "/latest.out"
        #expect(symlink("invoice.out", link) == 0)
        let output = try RobustCLI.run(["preview", "examples/acme.yaml", "--format", "json", "--output", link])
        #expect(output.status == 0, "\(output.stderr)")
        var info = stat()
        #expect(lstat(link, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK, "the link is still a link")
        #expect(try Self.contents(target).contains("\"total\": \"1122.47\""), "the file it names has the invoice")
        #expect(directory.names == ["invoice.out", "latest.out"])
    }

    @Test func aDirectoryIsRefusedByName() throws {
        let directory = try TemporaryDirectory()
        let output = try RobustCLI.run(["preview", "examples/acme.yaml", "--output", directory.url.path])
        #expect(output.status == 2)
        #expect(output.firstError == "error: cannot write '\(directory.url.path)': it is a directory", "\(output.stderr)")
        #expect(directory.names.isEmpty)
    }

    @Test func theNullDeviceStaysADevice() throws {
        let output = try RobustCLI.run(["preview", "examples/acme.yaml", "--output", "/dev/null"])
        #expect(output.status == 0, "\(output.stderr)")
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
    }

    // MARK: Through the CLI

    @Test func previewWritesTheSameBytesItPrints() throws {
        let (directory, target) = try Self.directoryWithPrevious()
        let written = try RobustCLI.run(["preview", "examples/acme.yaml", "--format", "json", "--output", target])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.isEmpty)
        let printed = try RobustCLI.run(["preview", "examples/acme.yaml", "--format", "json"])
        #expect(try Self.contents(target) == printed.stdout)
        #expect(directory.names == ["invoice.out"])
    }

    /// A bad account: the run fails before a byte is written.
    @Test(arguments: ["negative-credit.yaml", "removed-before-added.yaml", "alias-bomb.yaml"])
    func previewOfABadAccountLeavesThePreviousFile(fixture: String) throws {
        let (directory, target) = try Self.directoryWithPrevious()
        let output = try RobustCLI.run(["preview", "\(RobustCLI.badInputs)/\(fixture)", "--as-of", "2026-04-30",
                                        "--format", "html", "--output", target])
        #expect(output.status == 2)
        #expect(try Self.contents(target) == Self.previous)
        #expect(directory.names == ["invoice.out"])
    }

    /// The write itself fails after some bytes: the file-size limit (`ulimit -f`, with
    /// SIGXFSZ ignored so write(2) reports EFBIG) stops the page part-way through.
    @Test func previewThatFailsWhileWritingLeavesThePreviousFile() throws {
        let (directory, target) = try Self.directoryWithPrevious()
        let binary = try RobustCLI.binary().path
        let output = try RobustCLI.run(shell: "trap '' XFSZ; ulimit -f 1; exec \"$@\"",
                                       [binary, "preview", "examples/acme.yaml", "--format", "html", "--output", target])
        #expect(output.status == 2)
        #expect(output.stderr == "error: cannot write '\(target)': File too large\n")
        #expect(try Self.contents(target) == Self.previous)
        #expect(directory.names == ["invoice.out"], "the partial temporary file is removed")
    }

    /// Killed part-way (SIGXFSZ not ignored): whatever the temporary holds, the previous
    /// file is untouched, because only a finished file is renamed over it.
    @Test func previewKilledWhileWritingLeavesThePreviousFile() throws {
        let (directory, target) = try Self.directoryWithPrevious()
        let binary = try RobustCLI.binary().path
        let output = try RobustCLI.run(shell: "ulimit -f 1; exec \"$@\"",
                                       [binary, "preview", "examples/acme.yaml", "--format", "html", "--output", target])
        #expect(output.status != 0)
        #expect(try Self.contents(target) == Self.previous)
        withExtendedLifetime(directory) {}
    }

    /// `tariff bill` reading input that fails part-way (a directory: read(2) says EISDIR)
    /// keeps the previous output rather than committing what it had.
    @Test func billWhoseInputCannotBeReadLeavesThePreviousFile() throws {
        let (directory, target) = try Self.directoryWithPrevious()
        let output = try RobustCLI.run(["bill", directory.url.path, "--output", target])
        #expect(output.status == 2)
        #expect(output.stderr.contains("cannot read '\(directory.url.path)'"), "\(output.stderr)")
        #expect(try Self.contents(target) == Self.previous)
        #expect(directory.names == ["invoice.out"])
    }
}

extension RobustCLI {
    /// Runs `/bin/sh -c script sh arguments…` from the package root.
    static func run(shell script: String, _ arguments: [String]) throws -> Output {
        try run(["-c", script, "sh"] + arguments, executable: URL(fileURLWithPath: "/bin/sh"))
    }
}
