#if canImport(Glibc)
    import Glibc
#endif

/// Gives the heap pages a pass freed back to the kernel. glibc's allocator keeps them otherwise, and the idle daemon
/// would hold its busiest pass's peak (160 MB at national scale) until it stops.
enum FreedMemory {
    #if canImport(Glibc)
        /// glibc's `malloc_trim`, looked up once: `malloc.h` is not part of the Glibc module Swift imports.
        private static let trim: (@convention(c) (Int) -> Int32)? = {
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
            return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        }()
    #endif

    static func release() {
        #if canImport(Glibc)
            _ = trim?(0)
        #endif
    }
}
