import EditHistory

/// A `retouch batch` jobs file (JSONL): parsing and validation of every line.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBatch(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    guard let jobs = try? BatchJob.parse(bytes, path: "jobs/fuzz.jsonl") else { return 0 }
    for job in jobs {
        precondition(job.line >= 1 && !job.key.isEmpty, "a job has a line and a key")
    }
    return 0
}
