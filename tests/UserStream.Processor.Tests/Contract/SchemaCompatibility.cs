using System.Text.Json.Nodes;

namespace UserStream.Processor.Tests.Contract;

/// <summary>
/// What in a new version of a message schema breaks readers or writers of the published one, the rules of Schema
/// Registry's BACKWARD mode (a reader of the new schema must read every message written to the old one) plus those
/// the contract keeps for readers still on v1: a required member removed, made optional or retyped. Everything the
/// old schema allowed must stay allowed: no new required member, no narrowed type, no tighter constraint. A new
/// optional member, a wider type of an optional one and text (title, description) are compatible.
/// </summary>
internal static class SchemaCompatibility
{
    private static readonly string[] Tightening = ["pattern", "format", "const", "enum", "not", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"];

    public static IReadOnlyList<string> BreakingChanges(JsonNode published, JsonNode current)
    {
        var changes = new List<string>();
        Compare(published.AsObject(), current.AsObject(), published.AsObject(), current.AsObject(), "", required: true, changes);
        return changes;
    }

    private static void Compare(JsonObject oldRoot, JsonObject newRoot, JsonObject old, JsonObject @new, string path, bool required, List<string> changes)
    {
        old = Resolve(oldRoot, old);
        @new = Resolve(newRoot, @new);
        var at = path.Length == 0 ? "/" : path;

        var oldTypes = Types(old);
        var newTypes = Types(@new);
        if (!newTypes.IsSupersetOf(oldTypes))
            changes.Add($"{at}: type narrowed from [{string.Join(", ", oldTypes)}] to [{string.Join(", ", newTypes)}]");
        else if (required && !newTypes.SetEquals(oldTypes))
            changes.Add($"{at}: required member retyped from [{string.Join(", ", oldTypes)}] to [{string.Join(", ", newTypes)}]");

        foreach (var keyword in Tightening)
        {
            var before = old[keyword]?.ToJsonString();
            var after = @new[keyword]?.ToJsonString();
            if (after is not null && after != before && !Widened(keyword, old[keyword], @new[keyword]))
                changes.Add($"{at}: {keyword} {(before is null ? "added" : $"changed from {before}")} to {after}");
        }
        if (@new["additionalProperties"] is JsonValue closed && closed.GetValueKind() == System.Text.Json.JsonValueKind.False
            && old["additionalProperties"]?.GetValueKind() != System.Text.Json.JsonValueKind.False)
            changes.Add($"{at}: additionalProperties closed");

        var oldRequired = Names(old["required"]);
        var newRequired = Names(@new["required"]);
        foreach (var name in oldRequired.Except(newRequired))
            changes.Add($"{path}/{name}: required member {(@new["properties"]?[name] is null ? "removed" : "made optional")}");
        foreach (var name in newRequired.Except(oldRequired))
            changes.Add($"{path}/{name}: member made required");

        if (old["properties"] is JsonObject oldProperties && @new["properties"] is JsonObject newProperties)
            foreach (var (name, oldProperty) in oldProperties)
                if (newProperties[name] is JsonObject newProperty && oldProperty is JsonObject oldSchema)
                    Compare(oldRoot, newRoot, oldSchema, newProperty, $"{path}/{name}", oldRequired.Contains(name) && newRequired.Contains(name), changes);
    }

    /// <summary>A bound moved so that more is allowed (a longer maxLength, a lower minimum, more enum values).</summary>
    private static bool Widened(string keyword, JsonNode? before, JsonNode? after)
    {
        if (before is null || after is null)
            return false;
        return keyword switch
        {
            "maxLength" or "maximum" or "exclusiveMaximum" => after.GetValue<decimal>() >= before.GetValue<decimal>(),
            "minLength" or "minimum" or "exclusiveMinimum" => after.GetValue<decimal>() <= before.GetValue<decimal>(),
            "enum" => Values(after).IsSupersetOf(Values(before)),
            _ => false,
        };
    }

    private static JsonObject Resolve(JsonObject root, JsonObject schema)
    {
        while (schema["$ref"]?.GetValue<string>() is { } reference && reference.StartsWith("#/", StringComparison.Ordinal))
        {
            JsonNode? target = root;
            foreach (var part in reference[2..].Split('/'))
                target = target?[part];
            var merged = (JsonObject)target!.DeepClone();
            foreach (var (name, value) in schema)
                if (name != "$ref")
                    merged[name] = value?.DeepClone();
            schema = merged;
        }
        return schema;
    }

    private static HashSet<string> Types(JsonObject schema) => schema["type"] switch
    {
        JsonArray many => [.. many.Select(t => t!.GetValue<string>())],
        JsonValue one => [one.GetValue<string>()],
        _ => ["any"],
    };

    private static HashSet<string> Names(JsonNode? names) => names is JsonArray array ? [.. array.Select(n => n!.GetValue<string>())] : [];

    private static HashSet<string> Values(JsonNode values) => values is JsonArray array ? [.. array.Select(v => v?.ToJsonString() ?? "null")] : [];
}
