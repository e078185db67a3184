public import EditProviders
public import ImageCodecs
public import ImageCore
public import ImageOps
public import ImagePipeline

/// What `DemoJob` did to each fixture, stage by stage, and what failed.
public struct DemoReport: Sendable {
    /// Stage 1: decoded and written upright.
    public struct Upright: Sendable {
        public var name: String
        public var metadata: ImageMetadata
        public var uprightSize: PixelSize
        public var usesAlpha: Bool
        public var outputPath: String
    }

    /// Stage 2: one prepared upload (`label` says for what).
    public struct Prepared: Sendable {
        public var name: String
        public var label: String
        public var report: PrepareReport
        public var outputPath: String
    }

    /// Stage 3: the edit mask and its preview.
    public struct Masked: Sendable {
        public var name: String
        public var maskPath: String
        public var previewPath: String
        public var statistics: MaskStatistics
    }

    /// Stages 4 and 5: an edit round, recorded in the workspace, pasted back, with its
    /// drift (`status` says whether the drift guard passed it).
    public struct Edited: Sendable {
        public var name: String
        public var version: Int
        public var parent: Int?
        public var status: VersionStatus
        public var report: EditReport
    }

    /// Stage 7: the final version measured against the original, with a heatmap.
    public struct Compared: Sendable {
        public var name: String
        public var version: Int
        public var comparison: ImageComparison
        public var heatmapPath: String
    }

    /// Stage 9: the final version exported for a channel.
    public struct Exported: Sendable {
        public var name: String
        public var version: Int
        public var report: ExportReport
    }

    /// Stage 6: the backdrop cut out (or the reasons it should not be).
    public struct CutOut: Sendable {
        public var name: String
        public var report: CutoutReport
        public var outputPath: String
    }

    /// A step that failed for one file; the others went on. `error` names its file.
    public struct Failure: Sendable {
        public var path: String
        public var error: any Error
    }

    /// The image file names found, sorted.
    public var names: [String] = []
    public var upright: [Upright] = []
    public var prepared: [Prepared] = []
    public var masked: [Masked] = []
    public var edited: [Edited] = []
    public var refined: [Edited] = []
    public var cutOut: [CutOut] = []
    public var compared: [Compared] = []
    /// Stage 8: the workspace's history after the edits.
    public var history: [HistoryEntry] = []
    public var exported: [Exported] = []
    /// Stage 10: the review report.
    public var review: ReviewReport.Summary?
    public var workspace = ""
    public var failures: [Failure] = []
    /// Wall time of all the stages.
    public var elapsed: Duration = .zero
}
