import EdgewiseTesting
import Glibc

/// Headless Chromium, run once per page load: it loads a URL, lets the page's scripts run, and
/// writes the rendered DOM to standard output and optionally a screenshot to a file.
///
/// `--virtual-time-budget` lets the page's timers run ahead of the clock until the budget is used
/// up; it stands still while a fetch waits for its answer, so a test can hold the page at a
/// point by delaying the server's answer (see ``DashboardGatedSource``).
enum DashboardBrowser {
    /// Chromium as Debian installs it (`scripts/install-deps`), or `nil` when it is not installed.
    static let executable: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { access($0, X_OK) == 0 }

    /// Why the browser tests are skipped without it.
    static let missing = "chromium is not installed (scripts/install-deps installs the Debian package 'chromium')"

    /// How long one run may take: a cold start on a loaded 2-core machine takes seconds, not minutes.
    static let deadline = Duration.seconds(120)

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Loads `url` and returns the DOM after `budgetMilliseconds` of the page's virtual time; also
    /// saves a 1280×900 screenshot to `screenshot` when given.
    static func renderedDOM(of url: String, budgetMilliseconds: Int = 5_000, screenshot: String? = nil) async throws -> String {
        guard let executable else { throw Failure(description: missing) }
        let profile = try TemporaryDirectory(prefix: "edgewise-chromium")
        var arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars",
            "--user-data-dir=\(profile.path)", "--virtual-time-budget=\(budgetMilliseconds)", "--window-size=1280,900",
        ]
        if let screenshot { arguments.append("--screenshot=\(screenshot)") }
        arguments += ["--dump-dom", url]
        // ChildProcess.run kills the browser when the deadline passes; its renderer and helper
        // processes end with it.
        let result = try await ChildProcess.run(executable, arguments: arguments, timeout: deadline)
        guard result.status == 0, result.standardOutput.contains("</html>") else {
            throw Failure(description: "chromium exited with \(result.status); stderr: \(result.standardError.suffix(2_000))")
        }
        return result.standardOutput
    }

    /// `.build-artifacts/NAME` in the repository (ignored by git), created if missing; for
    /// screenshots to look at after a run.
    static func artifactPath(_ name: String) -> String {
        let directory = RepositoryPaths.root() + "/.build-artifacts"
        mkdir(directory, 0o755)
        return directory + "/" + name
    }
}
