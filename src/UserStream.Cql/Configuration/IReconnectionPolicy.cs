namespace UserStream.Cql;

/// <summary>Decides how long a host marked down waits before the next connection attempt.</summary>
public interface IReconnectionPolicy
{
    /// <summary>Starts a fresh schedule, used from the moment a host goes down until it comes back.</summary>
    IReconnectionSchedule NewSchedule();
}

/// <summary>Successive delays between reconnection attempts to one host.</summary>
public interface IReconnectionSchedule
{
    /// <summary>The delay before the next attempt, in milliseconds.</summary>
    long NextDelayMs();
}
