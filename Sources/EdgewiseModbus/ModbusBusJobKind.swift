/// How urgent a ``ModbusBus`` job is.
public enum ModbusBusJobKind: Sendable, Hashable {
    /// Routine reading; runs after the jobs queued before it.
    case poll
    /// A write a rule or an operator asked for; runs before every queued ``poll`` job (after the
    /// running job and earlier writes), so a busy polling schedule does not delay it.
    case write
}
