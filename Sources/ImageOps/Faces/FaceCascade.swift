/// A boosted Haar cascade in OpenCV's XML format (`opencv_storage` with `stages`,
/// `weakClassifiers`, `internalNodes`, `leafValues` and `features` of weighted
/// rectangles), as Debian's `opencv-data` ships them
/// (`/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml`). Upright
/// rectangles only: a cascade with tilted features is refused.
public struct FaceCascade: Sendable {
    struct WeightedRect: Sendable { var x, y, width, height: Int; var weight: Double }
    /// A tree node: children ≤ 0 are leaves (index −child in `leaves`).
    struct Node: Sendable { var left, right, feature: Int; var threshold: Double }
    struct Weak: Sendable { var nodes: [Node]; var leaves: [Double] }
    struct Stage: Sendable { var threshold: Double; var weaks: [Weak] }

    /// The detection window in pixels.
    public let windowWidth: Int
    public let windowHeight: Int
    let stages: [Stage]
    let features: [[WeightedRect]]

    /// Parses the XML; nil when it is not a HAAR cascade of this form (or a node names a
    /// feature that does not exist).
    public init?(xml bytes: [UInt8]) {
        var width = 0, height = 0
        var stages: [Stage] = [], features: [[WeightedRect]] = []
        var currentRects: [WeightedRect]?
        var pendingNodes: [Node]?
        var i = 0, n = bytes.count
        /// The text from `start` up to the next "<".
        func text(from start: Int) -> String {
            var end = start
            while end < n && bytes[end] != UInt8(ascii: "<") { end += 1 }
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
        func numbers(_ s: String) -> [Double]? {
            let parts = s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" })
            let values = parts.compactMap { Double($0) }
            // Finite and bounded: indices and coordinates become Int.
            return values.count == parts.count && values.allSatisfy({ $0.isFinite && abs($0) < 1e9 }) ? values : nil
        }
        while i < n {
            guard bytes[i] == UInt8(ascii: "<") else { i += 1; continue }
            var j = i + 1
            while j < n && bytes[j] != UInt8(ascii: ">") && bytes[j] != UInt8(ascii: " ") { j += 1 }
            let tag = String(decoding: bytes[(i + 1)..<min(j, n)], as: UTF8.self)
            while j < n && bytes[j] != UInt8(ascii: ">") { j += 1 }
            let contentStart = min(n, j + 1)
            switch tag {
            case "featureType":
                guard text(from: contentStart).trimmed == "HAAR" else { return nil }
            case "width": width = Int(text(from: contentStart).trimmed) ?? 0
            case "height": height = Int(text(from: contentStart).trimmed) ?? 0
            case "stageThreshold":
                guard let value = numbers(text(from: contentStart))?.first else { return nil }
                stages.append(Stage(threshold: value, weaks: []))
            case "internalNodes":
                guard let values = numbers(text(from: contentStart)), values.count % 4 == 0, !values.isEmpty else { return nil }
                var nodes: [Node] = []
                for k in stride(from: 0, to: values.count, by: 4) {
                    let left = Int(values[k]), right = Int(values[k + 1]), feature = Int(values[k + 2])
                    nodes.append(Node(left: left, right: right, feature: feature, threshold: values[k + 3]))
                }
                pendingNodes = nodes
            case "leafValues":
                guard let values = numbers(text(from: contentStart)), let nodes = pendingNodes, !stages.isEmpty else { return nil }
                stages[stages.count - 1].weaks.append(Weak(nodes: nodes, leaves: values))
                pendingNodes = nil
            case "rects": currentRects = []
            case "/rects":
                guard let rects = currentRects else { return nil }
                features.append(rects)
                currentRects = nil
            case "tilted":
                if text(from: contentStart).trimmed != "0" { return nil }
            case "_" where currentRects != nil:
                guard let values = numbers(text(from: contentStart)), values.count == 5 else { return nil }
                currentRects!.append(WeightedRect(x: Int(values[0]), y: Int(values[1]), width: Int(values[2]), height: Int(values[3]), weight: values[4]))
            default: break
            }
            i = contentStart
        }
        guard width > 2, height > 2, !stages.isEmpty, !features.isEmpty else { return nil }
        for stage in stages {
            for weak in stage.weaks {
                for node in weak.nodes {
                    guard node.feature >= 0 && node.feature < features.count, -node.left < weak.leaves.count, -node.right < weak.leaves.count,
                          node.left < weak.nodes.count, node.right < weak.nodes.count else { return nil }
                }
            }
        }
        for rects in features {
            for r in rects where r.x < 0 || r.y < 0 || r.width < 0 || r.height < 0 || r.x + r.width > width || r.y + r.height > height { return nil }
        }
        self.windowWidth = width
        self.windowHeight = height
        self.stages = stages
        self.features = features
    }
}

private extension String {
    var trimmed: String {
        String(drop { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }.reversed().drop { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }.reversed())
    }
}
