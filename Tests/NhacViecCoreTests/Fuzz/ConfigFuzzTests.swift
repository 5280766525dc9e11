import Foundation
import Testing

@testable import NhacViecCore

/// Mutates the shipped config thousands of times: no input may crash the loader, and every error must point
/// inside one of the files it read.
@Suite("Config fuzzing")
struct ConfigFuzzTests {
    static let configDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Config")

    static func source(_ relative: String) throws -> ConfigSource {
        let text = try String(contentsOf: configDirectory.appendingPathComponent(relative), encoding: .utf8)
        return ConfigSource(path: "Config/" + relative, text: text)
    }

    /// A small deterministic generator (SplitMix64) so a failure can be replayed from its iteration number.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let fragments = [
        ":", "- ", "{", "}", "[", "]", "\"", "'", "#", "&a", "*a", "\t", "\u{0}", "\r", "\n", "  ", "null", "~", "-1",
        "99999999999999999999", "31/2", "29/2/2025", "2025-13-01", "every: year", "day: last", "who: lead", "ongoing",
        "on_request", "so-tu-phap2", "ubnd-xa", "Tết", "\u{202E}", "é", "x@", "@gialai.example", "!!binary", "<<: *a",
        "? ", "%YAML 1.2", "---", "...", "|", ">", "0x1F", "true", "08:00", "25:61",
    ]

    static func mutate(_ text: String, using random: inout SplitMix) -> String {
        var scalars = Array(text.unicodeScalars)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        switch Int.random(in: 0..<7, using: &random) {
        case 0 where !lines.isEmpty:
            lines.remove(at: Int.random(in: 0..<lines.count, using: &random))
            return lines.joined(separator: "\n")
        case 1 where !lines.isEmpty:
            let index = Int.random(in: 0..<lines.count, using: &random)
            lines.insert(lines[index], at: Int.random(in: 0...lines.count, using: &random))
            return lines.joined(separator: "\n")
        case 2 where !scalars.isEmpty:
            let index = Int.random(in: 0..<scalars.count, using: &random)
            scalars.remove(at: index)
        case 3:
            let fragment = fragments.randomElement(using: &random) ?? ":"
            let index = Int.random(in: 0...scalars.count, using: &random)
            scalars.insert(contentsOf: fragment.unicodeScalars, at: index)
        case 4 where scalars.count > 1:
            let a = Int.random(in: 0..<scalars.count, using: &random)
            let b = Int.random(in: 0..<scalars.count, using: &random)
            scalars.swapAt(a, b)
        case 5:
            scalars = Array(scalars.prefix(Int.random(in: 0...scalars.count, using: &random)))
        default:
            let index = Int.random(in: 0...scalars.count, using: &random)
            let value = UInt32.random(in: 0...0x2FF, using: &random)
            if let scalar = Unicode.Scalar(value) { scalars.insert(scalar, at: index) }
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }

    @Test func tenThousandMutatedConfigsNeverCrashAndAlwaysPointInsideAFile() throws {
        let originals = [
            try Self.source("nhacviec.yaml"), try Self.source("agencies.yaml"),
            try Self.source("calendar/vietnam.yaml"),
            try Self.source("plans/949-KH-UBND.yaml"),
        ]
        let lineCounts = Dictionary(
            uniqueKeysWithValues: originals.map {
                ($0.path, $0.text.split(separator: "\n", omittingEmptySubsequences: false).count)
            })
        var random = SplitMix(state: 949)
        var rejected = 0
        var accepted = 0
        for _ in 0..<10_000 {
            var sources = originals
            let target = Int.random(in: 0..<sources.count, using: &random)
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                sources[target].text = Self.mutate(sources[target].text, using: &random)
            }
            do {
                _ = try ConfigCompiler.compile(main: sources[0], included: Array(sources.dropFirst()))
                accepted += 1
            } catch {
                rejected += 1
                #expect(!error.diagnostics.isEmpty)
                for diagnostic in error.diagnostics {
                    let location = try #require(diagnostic.location, "\(diagnostic)")
                    let lines = try #require(lineCounts[location.file], "\(diagnostic)")
                    #expect(location.line >= 1 && location.line <= lines + 3, "\(diagnostic)")
                    #expect(location.column >= 1, "\(diagnostic)")
                }
            }
        }
        #expect(accepted + rejected == 10_000)
        #expect(rejected > 1_000)
    }
}
