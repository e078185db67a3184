/// Precomputed filter taps for one axis: for output index i, `count[i]` source samples
/// from `start[i]`, with weights that sum to 1.
struct ResampleWeights {
    let outputCount: Int
    /// Taps per output sample (the maximum; shorter runs are zero-padded).
    let stride: Int
    let start: [Int]
    let count: [Int]
    let float: [Float]

    /// Weights mapping `inputCount` samples onto `outputCount` (Pillow's convention:
    /// output sample i is centred at source position (i + 0.5)·in/out).
    init(inputCount: Int, outputCount: Int, filter: ResampleFilter) {
        let scale = Double(inputCount) / Double(outputCount)
        let filterScale = max(scale, 1)
        let support = filter.support * filterScale
        let stride = Int(support.rounded(.up)) * 2 + 1
        var start = [Int](repeating: 0, count: outputCount), count = [Int](repeating: 0, count: outputCount)
        var float = [Float](repeating: 0, count: outputCount * stride)
        var taps = [Double](repeating: 0, count: stride)
        for i in 0..<outputCount {
            let centre = (Double(i) + 0.5) * scale
            let first = max(Int(centre - support + 0.5), 0)
            let last = min(Int(centre + support + 0.5), inputCount)
            let n = max(1, min(stride, last - first))
            var total = 0.0
            for k in 0..<n {
                let w = filter.weight((Double(first + k) - centre + 0.5) / filterScale)
                taps[k] = w
                total += w
            }
            if total == 0 { taps[0] = 1; total = 1 }   // degenerate (nearest)
            for k in 0..<n { float[i * stride + k] = Float(taps[k] / total) }
            start[i] = first
            count[i] = n
        }
        self.outputCount = outputCount
        self.stride = stride
        self.start = start
        self.count = count
        self.float = float
    }
}
