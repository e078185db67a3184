@testable import ImageOps
import Testing

/// The van Herk / Gil–Werman max filter against a brute-force window maximum.
@Suite struct MaxFilterTests {
    @Test(arguments: [1, 2, 3, 7, 10])
    func equalsTheBruteForceMaximum(radius: Int) {
        let width = 37, height = 23
        var state: UInt32 = 7
        let values: [Float] = (0..<(width * height)).map { _ in state = state &* 1_664_525 &+ 1_013_904_223; return Float(state >> 20) }
        let filtered = MaxFilter.apply(values, width: width, height: height, radius: radius)
        for y in 0..<height {
            for x in 0..<width {
                var expected = -Float.infinity
                for qy in max(0, y - radius)...min(height - 1, y + radius) {
                    for qx in max(0, x - radius)...min(width - 1, x + radius) { expected = max(expected, values[qy * width + qx]) }
                }
                #expect(filtered[y * width + x] == expected, "(\(x), \(y))")
            }
        }
    }
}
