using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Astro.Network.Engine
{
    /// <summary>Small, null-tolerant navigation over JSON bodies (ARM, Graph, Astro).</summary>
    internal static class JsonNodes
    {
        public static JsonNode? At(JsonNode? node, IReadOnlyList<string> path, int depth = -1)
        {
            var end = depth < 0 ? path.Count : depth;
            for (var i = 0; i < end && node != null; i++)
            {
                node = node is JsonObject obj ? obj[path[i]] : null;
            }

            return node;
        }

        /// <summary>Sets <paramref name="value"/> at <paramref name="path"/>, creating objects on the way.</summary>
        public static void Set(JsonObject root, IReadOnlyList<string> path, JsonNode? value)
        {
            var current = root;
            for (var i = 0; i < path.Count - 1; i++)
            {
                if (current[path[i]] is not JsonObject next)
                {
                    next = new JsonObject();
                    current[path[i]] = next;
                }

                current = next;
            }

            current[path[path.Count - 1]] = value;
        }

        /// <summary>A string property, or null when absent or not a string.</summary>
        public static string? Text(JsonNode? node, string property) =>
            node is JsonObject obj && obj[property] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

        /// <summary>The node itself as a string, or null.</summary>
        public static string? Text(JsonNode? node) =>
            node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

        /// <summary>The string items of an array (others skipped), or none when the node is not an array.</summary>
        public static string[] Strings(JsonNode? node) =>
            node is JsonArray array ? array.Select(Text).Where(s => s != null).Select(s => s!).ToArray() : new string[0];

        public static bool IsTrue(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.True;
    }
}
