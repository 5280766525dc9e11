package import Foundation
package import NhacViecCore

#if canImport(Glibc)
    import Glibc
#endif

/// A configuration read from disk, with its warnings and when it was read.
package struct LoadedConfiguration: Sendable {
    package var configuration: Configuration
    /// The message templates from `templates/` next to the main file.
    package var templates: MessageTemplates
    package var warnings: [ConfigDiagnostic]
    package var mainFile: String
    package var loadedAt: Date
}

/// Reads `Config/nhacviec.yaml` and the files its `include:` patterns match, then validates them.
package enum ConfigLoader {
    /// The path used when `--config` is not given.
    package static let defaultPath = "Config/nhacviec.yaml"

    /// Loads and validates the configuration at `path`.
    ///
    /// - Throws: `ConfigErrors` with every problem, each pointing at file, line and column.
    package static func load(path: String = defaultPath) throws(ConfigErrors) -> LoadedConfiguration {
        let main: ConfigSource
        switch read(path) {
        case .success(let text): main = ConfigSource(path: path, text: text)
        case .failure(let reason):
            throw ConfigErrors([
                ConfigDiagnostic(
                    at: SourceLocation(file: path, line: 1, column: 1), "cannot read the config: \(reason)",
                    fix: "run from the directory that holds Config/, or pass --config PATH")
            ])
        }
        var diagnostics: [ConfigDiagnostic] = []
        var included: [ConfigSource] = []
        var seen: Set<String> = [canonical(path)]
        let directory = (path as NSString).deletingLastPathComponent
        for include in ConfigCompiler.includePatterns(of: main) {
            let matches = expand(include.pattern, relativeTo: directory)
            if matches.isEmpty {
                let hasWildcard = include.pattern.contains { "*?[".contains($0) }
                diagnostics.append(
                    ConfigDiagnostic(
                        at: include.location,
                        hasWildcard
                            ? "include '\(include.pattern)' matches no file"
                            : "included file '\(include.pattern)' does not exist",
                        fix: "paths are relative to \(directory.isEmpty ? "the current directory" : directory + "/")"))
                continue
            }
            for file in matches where seen.insert(canonical(file)).inserted {
                switch read(file) {
                case .success(let text): included.append(ConfigSource(path: file, text: text))
                case .failure(let reason):
                    diagnostics.append(ConfigDiagnostic(at: include.location, "cannot read '\(file)': \(reason)"))
                }
            }
        }
        let templates = loadTemplates(directory: directory, diagnostics: &diagnostics)
        let result = try ConfigCompiler.compile(main: main, included: included, diagnostics: diagnostics)
        guard let templates else { throw ConfigErrors(diagnostics) }
        var configuration = result.configuration
        configuration.stateDirectory = resolve(configuration.stateDirectory, relativeTo: directory)
        if let usersFile = configuration.http?.usersFile {
            configuration.http?.usersFile = resolve(usersFile, relativeTo: directory)
        }
        return LoadedConfiguration(
            configuration: configuration, templates: templates, warnings: result.warnings, mainFile: path,
            loadedAt: Date())
    }

    /// Reads and parses `templates/*.mustache` next to the main file; problems go into `diagnostics`.
    private static func loadTemplates(directory: String, diagnostics: inout [ConfigDiagnostic]) -> MessageTemplates? {
        let folder = (directory.isEmpty ? "" : directory + "/") + "templates/"
        var sources: [MessageTemplates.Name: ConfigSource] = [:]
        for name in MessageTemplates.Name.allCases {
            let path = folder + name.rawValue
            switch read(path) {
            case .success(let text): sources[name] = ConfigSource(path: path, text: text)
            case .failure(let reason):
                diagnostics.append(
                    ConfigDiagnostic(
                        at: SourceLocation(file: path, line: 1, column: 1),
                        "cannot read the template: \(reason)",
                        fix: "restore it from the nhacviec release (Config/templates/)"))
            }
        }
        guard sources.count == MessageTemplates.Name.allCases.count else { return nil }
        do {
            return try MessageTemplates(sources: sources)
        } catch {
            diagnostics.append(contentsOf: error.diagnostics)
            return nil
        }
    }

    private enum ReadError: Error, CustomStringConvertible {
        case message(String)
        var description: String {
            switch self {
            case .message(let text): text
            }
        }
    }

    private static func read(_ path: String) -> Result<String, ReadError> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(.message("no such file"))
        }
        if isDirectory.boolValue { return .failure(.message("it is a directory")) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(.message("permission denied"))
        }
        guard let text = String(bytes: data, encoding: .utf8) else { return .failure(.message("it is not UTF-8 text")) }
        return .success(text)
    }

    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// A relative `state_dir` is relative to the main file, like `include:`, so every command finds the same
    /// ledger wherever it is run from.
    static func resolve(_ path: String, relativeTo directory: String) -> String {
        path.hasPrefix("/") || directory.isEmpty ? path : directory + "/" + path
    }

    /// Files matching a shell glob (sorted), relative to the main file's directory unless absolute.
    static func expand(_ pattern: String, relativeTo directory: String) -> [String] {
        let full = pattern.hasPrefix("/") || directory.isEmpty ? pattern : directory + "/" + pattern
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(full, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            if let pointer = result.gl_pathv[index] {
                let path = String(cString: pointer)
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    paths.append(path)
                }
            }
        }
        return paths.sorted()
    }
}
