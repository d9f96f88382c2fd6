import EdgewiseCore

extension EventPipeline {
    /// What `/status` shows of the pipeline: each device's liveness as the deriver keeps it, and
    /// the activity counters. Copies (copy-on-write), so the actor is held only for the hand-over.
    func statusView() -> (devices: [String: DeviceLiveness], activity: PipelineActivity) {
        (deriver.state.devices, activity)
    }
}
