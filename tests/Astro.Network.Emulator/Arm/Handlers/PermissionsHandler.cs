using System.Text.Json.Nodes;
using Astro.Network.Emulator.Arm.Rbac;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.Authorization/permissions (Permissions_ListForResourceGroup / _ListForResource, 2022-04-01): the permission
/// blocks of the caller's role definitions that apply at the resource group or resource (assigned there or above).
/// </summary>
public sealed class PermissionsHandler : IArmResourceHandler
{
    public string ResourceType => "Microsoft.Authorization/permissions";
    public IReadOnlyCollection<string> ApiVersions { get; } = ["2022-04-01"];

    public Task<IResult?> HandleAsync(ArmRequestContext ctx)
    {
        if (!HttpMethods.IsGet(ctx.Method) || !ctx.Path.IsCollection)
        {
            return Task.FromResult<IResult?>(null);
        }
        // The spec has these lists for resource groups and resources only.
        if (ctx.Path.ResourceGroup is null)
        {
            return Task.FromResult<IResult?>(ArmErrors.InvalidResourceType(ctx.Path, ctx.ApiVersion));
        }
        var blocks = RbacEvaluator.EffectiveRoles(ctx.State, ctx.Principal.ObjectId, ctx.Path.Scope)
            .SelectMany(r => r.Permissions)
            .Select(p => (JsonNode)p.ToJson());
        return Task.FromResult<IResult?>(ctx.Page(blocks));
    }
}
