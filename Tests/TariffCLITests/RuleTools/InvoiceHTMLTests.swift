import Foundation
import Testing

/// `tariff preview --format html`: a self-contained page, rendered in headless Chromium
/// (Debian's `chromium`, installed by .ci/run) to check that the page a browser shows holds
/// the total. The screenshot goes to a temporary file; with TARIFF_UPDATE_SCREENSHOT=1 it
/// replaces examples/invoice.png.
@Suite("HTML invoice")
struct InvoiceHTMLTests {
    @Test("the page is self-contained: account, period, lines, totals and explanations, nothing fetched")
    func page() throws {
        let directory = try RuleToolsCLI.temporaryDirectory("html")
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("invoice.html")
        let output = try RuleToolsCLI.tariff(["preview", "examples/acme.yaml", "--format", "html", "--output", page.path])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.isEmpty)
        let html = try String(contentsOf: page, encoding: .utf8)
        for expected in ["<!DOCTYPE html>", "ACME-001", "1 May 2026 – 31 May 2026", "ADVANCED licenses", "<td class=\"num\">640.00</td>",
                         "Subtotal", "Credits applied", "<td class=\"num\" id=\"total\">1,122.47</td>",
                         "Share of the monthly price: 27/31 + 30/30 = 58/31 of a month"] {
            #expect(html.contains(expected), "missing \(expected)")
        }
        for fetched in ["http://", "https://", "src=", "<link", "@import", "url("] {
            #expect(!html.contains(fetched), "the page must not fetch anything: found \(fetched)")
        }
    }

    @Test("--output to a directory that does not exist exits 2 and writes nothing")
    func unwritableOutput() throws {
        let output = try RuleToolsCLI.tariff(["preview", "examples/acme.yaml", "--format", "html", "--output", "/no/such/dir/x.html"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("cannot create"))
    }

    @Test("headless Chromium renders the page with the total, and takes its screenshot")
    func rendersInChromium() throws {
        let chromium = try #require(RuleToolsCLI.tool("chromium") ?? RuleToolsCLI.tool("chromium-browser"),
                                    "chromium is needed: apt-get install -y chromium (.ci/run does)")
        let directory = try RuleToolsCLI.temporaryDirectory("chromium")
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("invoice.html")
        #expect(try RuleToolsCLI.tariff(["preview", "examples/acme.yaml", "--format", "html", "--output", page.path]).status == 0)
        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                     "--user-data-dir=\(directory.appendingPathComponent("profile").path)"]
        let dom = try RuleToolsCLI.run(chromium, flags + ["--dump-dom", page.absoluteString])
        #expect(dom.status == 0, "\(dom.stderr)")
        #expect(dom.stdout.contains("1,122.47"), "the rendered page lacks the total: \(dom.stdout.prefix(400))")
        #expect(dom.stdout.contains("ACME-001"))

        let update = ProcessInfo.processInfo.environment["TARIFF_UPDATE_SCREENSHOT"] == "1"
        let screenshot = update ? RuleToolsCLI.packageRoot.appendingPathComponent("examples/invoice.png")
                                : directory.appendingPathComponent("invoice.png")
        let shot = try RuleToolsCLI.run(chromium, flags + ["--window-size=1000,2060", "--screenshot=\(screenshot.path)",
                                                           page.absoluteString])
        #expect(shot.status == 0, "\(shot.stderr)")
        let png = try Data(contentsOf: screenshot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "not a PNG")
        #expect(png.count > 20_000, "a blank page? \(png.count) bytes")
    }
}
