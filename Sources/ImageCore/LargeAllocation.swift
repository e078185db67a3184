#if os(Linux)
import Glibc
#endif

/// Advice to the kernel about big, freshly allocated pixel storage.
public enum LargeAllocation {
    /// Below this, advice costs more than it saves.
    public static let threshold = 4 << 20

    /// Asks Linux to back the 2 MiB-aligned interior of `buffer` with transparent huge
    /// pages (only where the system's THP mode is `madvise` or `always`). A 4K image then
    /// takes a few dozen page faults instead of thousands; on J3 that is about 10 % of
    /// the whole process. Call before the first write. No effect on other systems.
    public static func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        guard buffer.count >= threshold, let base = buffer.baseAddress else { return }
        let huge = 2 << 20
        let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
        let end = (Int(bitPattern: base) + buffer.count) & ~(huge - 1)
        guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(pointer, end - start, MADV_HUGEPAGE)
        #endif
    }

    /// `count` copies of `value`, the storage advised for huge pages before it is first
    /// written (a full-frame plane then faults in 2 MiB pieces, not 4 KiB ones).
    @inlinable
    public static func array<Element>(repeating value: Element, count: Int) -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
            if count > 0 { buffer.baseAddress!.initialize(repeating: value, count: count) }
            initialized = count
        }
    }
}
