using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Astro.Network.Tests.Allowlist;

/// <summary>
/// x-ms-examples copied unchanged from the shared azure-specs snapshot (same file names, prefixed by service):
/// real service shapes to parse and write back.
/// </summary>
internal static class SpecExamples
{
    public static JsonObject ResponseBody(string file, string status = "200", [CallerFilePath] string here = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(here)!, "SpecExamples", file);
        var example = JsonNode.Parse(File.ReadAllText(path))!;
        return (JsonObject)example["responses"]![status]!["body"]!.DeepClone();
    }
}
