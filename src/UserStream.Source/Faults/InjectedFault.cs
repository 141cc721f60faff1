namespace UserStream.Source.Faults;

/// <summary>What the failure injector chose for one request.</summary>
public enum InjectedFault
{
    /// <summary>Answer normally.</summary>
    None,

    /// <summary>Answer <c>Source:FailureStatus</c> (503 by default) with <c>Retry-After</c>.</summary>
    Fail,

    /// <summary>Answer normally, but only after <c>Source:SlowDelay</c>.</summary>
    Slow,
}
