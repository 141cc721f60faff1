using Aspire.Hosting.ApplicationModel;

namespace UserStream.Hosting.Forms;

/// <summary>
/// The external form every integration shares: a server the AppHost does not start, reached through a connection
/// string from <c>ConnectionStrings:&lt;name&gt;</c> (a secret parameter, so a manifest carries a placeholder, never the value).
/// </summary>
/// <param name="name">The resource name, also the connection name the services read.</param>
/// <param name="connectionString">The secret parameter holding the connection string.</param>
public abstract class ExternalServerResource(string name, ParameterResource connectionString)
    : Resource(name), IResourceWithConnectionString, IResourceWithoutLifetime
{
    /// <summary>The secret parameter holding the connection string.</summary>
    public ParameterResource ConnectionStringParameter { get; } = connectionString;

    /// <summary>The parameter's value.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{ConnectionStringParameter}");
}
