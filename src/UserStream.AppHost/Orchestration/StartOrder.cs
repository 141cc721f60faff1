using UserStream.AppHost.Model;

namespace UserStream.AppHost.Orchestration;

/// <summary>Orders resources so that each comes after everything it references or waits for; rejects cycles.</summary>
public static class StartOrder
{
    /// <summary>A dependency-first order, stable with respect to the order resources were added.</summary>
    /// <exception cref="InvalidOperationException">A cycle (named in the message) or a dependency that was never added.</exception>
    public static IReadOnlyList<Resource> Sort(IReadOnlyList<Resource> resources)
    {
        var known = resources.ToHashSet();
        var order = new List<Resource>(resources.Count);
        var done = new HashSet<Resource>();
        var path = new List<Resource>();

        void Visit(Resource resource)
        {
            if (done.Contains(resource))
                return;
            var index = path.IndexOf(resource);
            if (index >= 0)
            {
                var cycle = path.Skip(index).Append(resource).Select(r => r.Name);
                throw new InvalidOperationException($"Resources depend on each other in a cycle: {string.Join(" -> ", cycle)}.");
            }
            path.Add(resource);
            foreach (var dependency in resource.Dependencies)
            {
                if (!known.Contains(dependency))
                    throw new InvalidOperationException($"'{resource.Name}' depends on '{dependency.Name}', which is not part of the application.");
                Visit(dependency);
            }
            path.RemoveAt(path.Count - 1);
            done.Add(resource);
            order.Add(resource);
        }

        foreach (var resource in resources)
            Visit(resource);
        return order;
    }
}
