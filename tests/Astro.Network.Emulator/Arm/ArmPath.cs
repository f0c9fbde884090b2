namespace Astro.Network.Emulator.Arm;

/// <summary>
/// A parsed ARM resource path. The last "providers" segment splits it into the scope (where an extension
/// resource such as a role assignment lives) and "{namespace}/{type}/{name}[/{childType}/{childName}]...".
/// An odd number of segments after the namespace is a collection (or an action on the resource before it).
/// </summary>
public sealed class ArmPath
{
    private ArmPath(string[] segments, int providersIndex)
    {
        Segments = segments;
        Path = "/" + string.Join('/', segments);
        ProvidersIndex = providersIndex;
        SubscriptionId = At(0, "subscriptions");
        ResourceGroup = At(2, "resourceGroups");
        if (providersIndex < 0 || providersIndex + 2 >= segments.Length)
        {
            return;
        }
        Namespace = segments[providersIndex + 1];
        var rest = segments[(providersIndex + 2)..];
        var types = rest.Where((_, i) => i % 2 == 0).ToArray();
        ResourceType = Namespace + "/" + string.Join('/', types);
        IsCollection = rest.Length % 2 == 1;
        Name = IsCollection ? null : rest[^1];
        Scope = "/" + string.Join('/', segments[..providersIndex]);
        // Parent of an item: the collection's owner (scope for top-level types, the parent resource for children).
        var ownerLength = IsCollection ? segments.Length - 1 : segments.Length - 2;
        Owner = ownerLength <= providersIndex + 2 ? Scope : "/" + string.Join('/', segments[..ownerLength]);
    }

    public string[] Segments { get; }
    public string Path { get; }
    public int ProvidersIndex { get; }
    public string? SubscriptionId { get; }
    public string? ResourceGroup { get; }
    public string? Namespace { get; }

    /// <summary>"Microsoft.Network/virtualNetworks" or "Microsoft.Network/virtualNetworks/subnets".</summary>
    public string? ResourceType { get; }

    public bool IsCollection { get; }
    public string? Name { get; }

    /// <summary>What the provider part hangs under: "/subscriptions/s/resourceGroups/rg", "/subscriptions/s", "" or a resource ID.</summary>
    public string Scope { get; } = "";

    /// <summary>For an item, what must exist before it (scope or parent resource); for a collection, what it lists under.</summary>
    public string Owner { get; } = "";

    public bool IsResource => ResourceType is not null;

    public static ArmPath Parse(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var providers = Array.FindLastIndex(segments, s => s.Equals("providers", StringComparison.OrdinalIgnoreCase));
        return new ArmPath(segments, providers);
    }

    /// <summary>The resource type of a resource ID, or null when it names no provider resource.</summary>
    public static string? TypeOf(string id) => Parse(id) is { IsCollection: false, ResourceType: { } type } ? type : null;

    /// <summary>"Microsoft.Network/virtualNetworks/vnet" for a resource ID: the form ARM's not-found message uses.</summary>
    public string TypeAndNames =>
        Namespace + "/" + string.Join('/', Segments[(ProvidersIndex + 2)..]);

    private string? At(int index, string name) =>
        Segments.Length > index + 1 && Segments[index].Equals(name, StringComparison.OrdinalIgnoreCase) ? Segments[index + 1] : null;
}
