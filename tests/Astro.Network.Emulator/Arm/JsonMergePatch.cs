using System.Text.Json.Nodes;

namespace Astro.Network.Emulator.Arm;

/// <summary>RFC 7396 merge-patch as ARM asks RPs to apply PATCH: objects merge, null removes, arrays and scalars replace.</summary>
public static class JsonMergePatch
{
    public static void Apply(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch)
        {
            if (value is null)
            {
                target.Remove(name);
            }
            else if (value is JsonObject inner && target[name] is JsonObject existing)
            {
                Apply(existing, inner);
            }
            else
            {
                target[name] = value.DeepClone();
            }
        }
    }
}
