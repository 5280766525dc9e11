import ArgumentParser
import Logging
import NhacViecConfigFiles
import NhacViecCore
import NhacViecService
import NhacViecStore

/// Loads the service's runtime, turning every start-up problem into a clear message and exit status 78.
enum Startup {
    static func load(configPath: String, logger: Logger) throws -> ServiceRuntime {
        do {
            return try ServiceRuntime.load(configPath: configPath, logger: logger)
        } catch let errors as ConfigErrors {
            for diagnostic in errors.diagnostics { StandardError.print(diagnostic.description) }
            StandardError.print("nhacviec: not started: the configuration has errors")
            throw ExitCode(ServiceError.configurationExitCode)
        } catch let errors as StartupErrors {
            for error in errors.errors { StandardError.print("nhacviec: not started: \(error)") }
            throw ExitCode(ServiceError.configurationExitCode)
        } catch {
            StandardError.print("nhacviec: not started: \(error)")
            throw ExitCode(ServiceError.configurationExitCode)
        }
    }

    /// The state directory's lock, held for the life of the service; exit status 1 when another service holds it.
    static func lock(_ configuration: Configuration) throws -> StateLock {
        do {
            return try StateLock.acquire(stateDirectory: configuration.stateDirectory)
        } catch {
            StandardError.print("nhacviec: not started: \(error)")
            throw ExitCode(1)
        }
    }
}
