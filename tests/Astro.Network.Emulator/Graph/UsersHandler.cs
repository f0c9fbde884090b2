namespace Astro.Network.Emulator.Graph;

/// <summary>users (read only): the caller's tenant's users; by object ID or userPrincipalName, or listed with $filter.</summary>
internal sealed class UsersHandler : IGraphHandler
{
    private static readonly GraphEntityType Type = GraphEntityType.User;

    public string EntitySet => Type.Set;

    public Task<IResult?> HandleAsync(GraphRequestContext ctx) =>
        Task.FromResult(GraphReads.Handle(ctx, Type, GraphDirectory.UserReadRoles, ["userPrincipalName"], () => GraphDirectory.Users(ctx.State, ctx.TenantId)));
}
