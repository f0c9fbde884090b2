namespace Astro.Network.Emulator.Hosting;

/// <summary>Which emulated service a request path belongs to (values as in RecordedExchange.Service).</summary>
public static class Services
{
    public const string Astro = "astro";
    public const string Arm = "arm";
    public const string Graph = "graph";
    public const string Entra = "entra";
    public const string Msi = "msi";
    public const string Control = "control";

    public static string Classify(PathString path)
    {
        var p = path.Value ?? "/";
        if (p.StartsWith("/_emulator/", StringComparison.Ordinal) || p == "/_emulator")
        {
            return Control;
        }
        if (p.StartsWith("/v1/", StringComparison.Ordinal) || p == "/v1")
        {
            return Astro;
        }
        if (StartsWithSegment(p, "subscriptions") || StartsWithSegment(p, "providers"))
        {
            return Arm;
        }
        if (StartsWithSegment(p, "graph"))
        {
            return Graph;
        }
        return StartsWithSegment(p, "msi") || StartsWithSegment(p, "metadata") ? Msi : Entra;
    }

    private static bool StartsWithSegment(string path, string segment) =>
        path.StartsWith("/" + segment, StringComparison.OrdinalIgnoreCase)
        && (path.Length == segment.Length + 1 || path[segment.Length + 1] == '/');
}
