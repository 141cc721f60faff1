using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Tells a service which store keeps the users, so no service guesses it from the connection strings it sees.</summary>
public static class UserStoreBuilderExtensions
{
    /// <summary>The setting the services read: <c>cassandra</c> or <c>postgres</c>.</summary>
    public const string KindVariable = "UserStore__Kind";

    /// <summary>
    /// References <paramref name="store"/>, waits for it and sets <c>UserStore__Kind</c>: <c>cassandra</c> for a
    /// <see cref="ICassandraServerResource"/>, <c>postgres</c> for any other (a PostgreSQL server).
    /// </summary>
    public static IResourceBuilder<T> WithUserStore<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithConnectionString> store)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(store);
        return builder
            .WithReference(store).WaitFor(store)
            .WithEnvironment(KindVariable, store.Resource is ICassandraServerResource ? "cassandra" : "postgres");
    }
}
