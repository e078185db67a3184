import RealModule

/// A recursive Gaussian filter along lines of samples (Deriche, "Recursively implementing
/// the Gaussian and its derivatives", 1993; fourth order, his constants): the sampled
/// Gaussian written as two pairs of damped complex exponentials, each pair run as a
/// causal and an anticausal second-order recursion (parallel sections stay accurate in
/// Float where one fourth-order recursion does not for large σ), normalised to unit gain.
/// Cost per sample does not depend on σ; on a step edge it stays within 0.05/255 of the
/// exact sampled Gaussian for σ from 2 to 40. Edges are extended: every recursion starts
/// in the steady state of a constant signal equal to the end sample. Masks are mostly
/// flat: the interiors of constant stretches are skipped (see `apply`).
struct DericheGaussian {
    /// One conjugate pair: causal y[i] = b₀x[i] + b₁x[i−1] − a₁y[i−1] − a₂y[i−2],
    /// anticausal y[i] = c₁x[i+1] + c₂x[i+2] − a₁y[i+1] − a₂y[i+2]; steady-state output
    /// per unit of constant input for each.
    struct Section {
        var b0: Float, b1: Float, c1: Float, c2: Float, a1: Float, a2: Float
        var causalGain: Float, anticausalGain: Float
    }
    let first: Section
    let second: Section
    /// Distance (8σ, in samples) beyond which a sample's weight is below 1e-6
    /// (exp(−1.72·8)): deeper than this inside a constant stretch, the output is the
    /// stretch's value.
    let reach: Int

    init(sigma: Double) {
        reach = Int((8 * sigma).rounded(.up))
        // Residues α and exponents λ (per σ) of h(x) = Σ α·exp(−λ|x|/σ), one of each pair.
        let pairs: [(alpha: (Double, Double), lambda: (Double, Double))] = [((0.84, 1.8675), (1.783, 0.6318)),
                                                                             ((-0.34015, -0.1299), (1.723, 1.997))]
        var raw: [(b0: Double, b1: Double, c1: Double, c2: Double, a1: Double, a2: Double)] = []
        var total = 0.0
        for (alpha, lambda) in pairs {
            // z = exp(−λ/σ); α/(1 − zw) + ᾱ/(1 − z̄w) = (2Re α − 2Re(α z̄) w) / (1 − 2Re z w + |z|² w²).
            let magnitude = Double.exp(-lambda.0 / sigma), angle = -lambda.1 / sigma
            let zr = magnitude * Double.cos(angle), zi = magnitude * Double.sin(angle)
            let b0 = 2 * alpha.0, b1 = -2 * (alpha.0 * zr + alpha.1 * zi)
            let a1 = -2 * zr, a2 = magnitude * magnitude
            // The anticausal part mirrors the causal one without its n = 0 tap.
            let c1 = b1 - b0 * a1, c2 = -b0 * a2
            raw.append((b0, b1, c1, c2, a1, a2))
            total += (b0 + b1 + c1 + c2) / (1 + a1 + a2)
        }
        let sections = raw.map { s in
            let denominator = 1 + s.a1 + s.a2
            return Section(b0: Float(s.b0 / total), b1: Float(s.b1 / total), c1: Float(s.c1 / total), c2: Float(s.c2 / total),
                           a1: Float(s.a1), a2: Float(s.a2),
                           causalGain: Float((s.b0 + s.b1) / total / denominator), anticausalGain: Float((s.c1 + s.c2) / total / denominator))
        }
        first = sections[0]
        second = sections[1]
    }

    typealias Lanes = GaussianBlur.Lanes

    /// Blurs `count` lanes of `line` in place (independent lines side by side); `scratch`
    /// holds `count` lanes. Inside a stretch where every lane stays constant, samples
    /// deeper than `reach` from its ends (the line's ends extend it) keep their value and
    /// are not visited; the recursions restart there from the steady state of that value.
    func apply(_ line: UnsafeMutablePointer<Lanes>, count: Int, scratch: UnsafeMutablePointer<Lanes>) {
        guard count > 0 else { return }
        let skips = constantInteriors(line, count: count)
        let p = first, q = second
        // Causal, both sections, from the steady state of the first sample.
        var i = 0, next = 0
        var x1 = line[0]
        var p1 = x1 * p.causalGain, p2 = p1, q1 = x1 * q.causalGain, q2 = q1
        while i < count {
            let end = next < skips.count ? skips[next].lowerBound : count
            while i < end {
                let x0 = line[i]
                // The previous output enters last: one multiply and one subtraction on the
                // loop-carried path (the order is explicit; Float sums are not reassociated).
                let yp = (p.b0 * x0 + p.b1 * x1 - p.a2 * p2) - p.a1 * p1
                let yq = (q.b0 * x0 + q.b1 * x1 - q.a2 * q2) - q.a1 * q1
                scratch[i] = yp + yq
                x1 = x0
                p2 = p1; p1 = yp; q2 = q1; q1 = yq
                i += 1
            }
            guard next < skips.count else { break }
            x1 = line[i]
            p1 = x1 * p.causalGain; p2 = p1; q1 = x1 * q.causalGain; q2 = q1
            i = skips[next].upperBound
            next += 1
        }
        // Anticausal, from the steady state of the last sample, added in place.
        i = count - 1
        next = skips.count - 1
        var u1 = line[count - 1], u2 = u1
        var r1 = u1 * p.anticausalGain, r2 = r1, s1 = u1 * q.anticausalGain, s2 = s1
        while i >= 0 {
            let end = next >= 0 ? skips[next].upperBound - 1 : -1
            while i > end {
                let yr = (p.c1 * u1 + p.c2 * u2 - p.a2 * r2) - p.a1 * r1
                let ys = (q.c1 * u1 + q.c2 * u2 - q.a2 * s2) - q.a1 * s1
                u2 = u1; u1 = line[i]
                r2 = r1; r1 = yr; s2 = s1; s1 = ys
                line[i] = scratch[i] + yr + ys
                i -= 1
            }
            guard next >= 0 else { break }
            u1 = line[i]; u2 = u1
            r1 = u1 * p.anticausalGain; r2 = r1; s1 = u1 * q.anticausalGain; s2 = s1
            i = skips[next].lowerBound - 1
            next -= 1
        }
    }

    /// The deep parts of the stretches where every lane is constant: at least `reach`
    /// from an end that is not the line's own, and at least 16 samples long.
    func constantInteriors(_ line: UnsafeMutablePointer<Lanes>, count: Int) -> [Range<Int>] {
        var interiors: [Range<Int>] = []
        var start = 0
        for i in 1...count where i == count || any(line[i] .!= line[start]) {
            let from = start == 0 ? 0 : start + reach, to = i == count ? count : i - reach
            if to - from >= 16 { interiors.append(from..<to) }
            start = i
        }
        return interiors
    }
}
