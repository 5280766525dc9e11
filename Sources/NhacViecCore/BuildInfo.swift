/// Facts about this build that the command line and the metrics both show.
package enum BuildInfo {
    /// What `nhacviec --version` prints and `nhacviec_build_info` carries; the same as the first entry of
    /// `packaging/deb/changelog`.
    package static let version = "0.1.0"
}
