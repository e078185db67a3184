@testable import ImageOps
import Testing

/// The separable chessboard distance against the brute-force minimum of max(|dx|, |dy|).
@Suite struct ChebyshevDistanceTests {
    @Test(arguments: [0, 1, 3, 10])
    func equalsTheBruteForceDistance(limit: Int) {
        let width = 41, height = 29
        var state: UInt32 = 11
        // Sparse sources, plus an empty image (every pixel farther than the limit).
        for density in [0, 40] {
            let source: [Bool] = (0..<(width * height)).map { _ in
                state = state &* 1_664_525 &+ 1_013_904_223
                return Int(state >> 24) < density
            }
            let distance = ChebyshevDistance.compute(width: width, height: height, limit: limit) { source[$0] }
            for y in 0..<height {
                for x in 0..<width {
                    var expected = limit + 1
                    for qy in 0..<height {
                        for qx in 0..<width where source[qy * width + qx] { expected = min(expected, max(abs(qx - x), abs(qy - y))) }
                    }
                    #expect(Int(distance[y * width + x]) == expected, "(\(x), \(y)) density \(density)")
                }
            }
        }
    }
}
