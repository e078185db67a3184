/// Where an edit's wall time went, in seconds: our own work (plan, decode, paste-back,
/// drift, write) apart from the provider's.
public struct EditTimings: Sendable, Hashable, Encodable {
    /// Read, prepare the upload and mask, encode them, validate, price.
    public var plan: Double
    /// The provider's call (network and the model, or the local fill).
    public var provider: Double
    /// Decode the answer and the source.
    public var decode: Double
    /// Map back onto the source grid and paste back.
    public var pasteBack: Double
    /// The drift comparisons.
    public var drift: Double
    /// Encode and write the output.
    public var write: Double

    /// Everything but the provider's call.
    public var ours: Double { plan + decode + pasteBack + drift + write }
}

extension Duration {
    /// The duration in seconds.
    public var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
