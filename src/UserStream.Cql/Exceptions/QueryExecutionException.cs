namespace UserStream.Cql;

/// <summary>A valid statement that the cluster could not execute (replicas unavailable, timed out or failed).</summary>
public class QueryExecutionException(ServerErrorCode code, string serverMessage) : CqlServerException(code, serverMessage);
