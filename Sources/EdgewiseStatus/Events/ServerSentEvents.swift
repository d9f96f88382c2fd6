/// The `text/event-stream` framing of ``StatusEventFeed`` items (HTML Living Standard, §9.2).
enum ServerSentEvents {
    static let contentType = "text/event-stream; charset=utf-8"

    /// The comment sent first, which also gets the response head out at once.
    static let opening = ": edgewise events\n\n"

    /// One item as written to the stream: a comment about events lost since the last write (when
    /// `dropped` > 0), then the event as `id:`, `event:` and `data:` lines, or a keep-alive comment.
    static func text(for item: StatusEventFeed.Item, dropped: Int) -> String {
        var text = dropped > 0 ? ": \(dropped) events dropped: this client reads too slowly\n\n" : ""
        switch item {
        case .event(let event):
            text += "id: \(event.id)\nevent: \(event.name)\ndata: \(event.json)\n\n"
        case .keepAlive:
            text += ": keep-alive\n\n"
        }
        return text
    }
}
