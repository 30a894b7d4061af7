import Foundation

/// A growable array of plain values indexed by slot, without uniqueness or bounds checks: the
/// tape's node records and the traversal scratch. Only the `Tape` that owns it reads or writes
/// it, always with an index below `count` (handles are checked by `Tape.slot`, inputs are
/// earlier slots, scratch is sized to the node count before use); the tape frees it in `deinit`.
///
/// Small buffers live on the malloc heap. From 4 MB on, a buffer is mapped on its own and
/// marked for transparent huge pages: a million nodes then fault in a few dozen 2 MB pages
/// instead of ten thousand 4 KB ones (page faults were most of the cost of a long chain). Below
/// that, a mapping of its own (cleared in full at the first touch of each 2 MB page, unmapped
/// with the tape) cost a training loop of a few ten thousand nodes more than the heap's reuse.
struct SlotBuffer<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private(set) var capacity: Int
    /// Whether `base` was mapped with `mmap` (else it came from `malloc`).
    private var isMapped = false
    private var mappedBytes = 0

    static var mappingThreshold: Int { 4 << 20 }
    static var hugePage: Int { 2 << 20 }

    init(capacity: Int = 256) {
        self.capacity = capacity
        base = SlotBuffer.heapAllocate(nil, capacity)
    }

    @inline(__always)
    subscript(i: Int) -> Element {
        unsafeAddress { UnsafePointer(base + i) }
        nonmutating unsafeMutableAddress { base + i }
    }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { grow(to: capacity * 2) }
        (base + count).initialize(to: element)
        count += 1
    }

    @inline(__always)
    mutating func popLast() -> Element? {
        guard count > 0 else { return nil }
        count -= 1
        return base[count]
    }

    /// Forgets every element (keeping the memory).
    @inline(__always)
    mutating func removeAll() { count = 0 }

    /// Grows `count` to `newCount` (if larger), filling new elements with `value`.
    mutating func extend(to newCount: Int, with value: Element) {
        guard newCount > count else { return }
        if newCount > capacity { grow(to: Swift.max(newCount, capacity * 2)) }
        (base + count).initialize(repeating: value, count: newCount - count)
        count = newCount
    }

    /// Sets every element to `value`.
    func fill(with value: Element) {
        base.update(repeating: value, count: count)
    }

    /// The elements as an array.
    var array: [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }

    @inline(never)
    private mutating func grow(to newCapacity: Int) {
        let bytes = newCapacity * MemoryLayout<Element>.stride
        if bytes < SlotBuffer.mappingThreshold {
            base = SlotBuffer.heapAllocate(base, newCapacity)
        } else {
            let length = (bytes + SlotBuffer.hugePage - 1) / SlotBuffer.hugePage * SlotBuffer.hugePage
            let fresh = SlotBuffer.map(length)
            fresh.copyMemory(from: base, byteCount: count * MemoryLayout<Element>.stride)
            deallocate()
            base = fresh.bindMemory(to: Element.self, capacity: newCapacity)
            isMapped = true
            mappedBytes = length
        }
        capacity = newCapacity
    }

    private static func heapAllocate(_ pointer: UnsafeMutablePointer<Element>?, _ capacity: Int)
        -> UnsafeMutablePointer<Element>
    {
        let bytes = Swift.max(1, capacity) * MemoryLayout<Element>.stride
        guard let raw = realloc(pointer, bytes) else {
            // Out of memory is not recoverable; the element limit keeps requests far below it.
            preconditionFailure("out of memory growing the tape to \(capacity) nodes")
        }
        return raw.bindMemory(to: Element.self, capacity: capacity)
    }

    /// `length` bytes (a multiple of 2 MB) of zeroed memory aligned to 2 MB, for huge pages.
    private static func map(_ length: Int) -> UnsafeMutableRawPointer {
        let raw = mmap(nil, length + hugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let raw, raw != MAP_FAILED else {
            preconditionFailure("out of memory growing the tape to \(length) bytes")
        }
        // Trim the unaligned head and the tail beyond `length`.
        let start = (Int(bitPattern: raw) + hugePage - 1) & ~(hugePage - 1)
        let head = start - Int(bitPattern: raw)
        if head > 0 { munmap(raw, head) }
        let tail = hugePage - head
        if tail > 0, let end = UnsafeMutableRawPointer(bitPattern: start + length) { munmap(end, tail) }
        let aligned = UnsafeMutableRawPointer(bitPattern: start) ?? raw
        #if os(Linux)
            _ = madvise(aligned, length, Int32(MADV_HUGEPAGE))
        #endif
        return aligned
    }

    func deallocate() {
        if isMapped {
            munmap(base, mappedBytes)
        } else {
            Foundation.free(base)
        }
    }

    /// Bytes allocated.
    var allocatedBytes: Int { isMapped ? mappedBytes : capacity * MemoryLayout<Element>.stride }
}
