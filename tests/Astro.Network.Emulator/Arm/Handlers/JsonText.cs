using System.Text.Json.Nodes;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>Tolerant reads of request bodies, which may hold any JSON where a string or array is expected.</summary>
public static class JsonText
{
    /// <summary>The string value of <paramref name="node"/>, or null when it is absent or not a string.</summary>
    public static string? Of(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static bool IsOneOf(JsonNode? value, params string[] allowed) =>
        Of(value) is { } text && allowed.Contains(text, StringComparer.Ordinal);

    /// <summary>The items of an optional array property: absent is empty, a non-array is null.</summary>
    public static IReadOnlyList<JsonNode?>? Items(JsonNode? parent, string name) => parent?[name] switch
    {
        null => [],
        JsonArray array => array.ToList(),
        _ => null,
    };
}
