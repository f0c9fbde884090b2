namespace Astro.Network.Emulator.Graph;

/// <summary>applications (read only): the caller's tenant's own app registrations; by object ID, appId key or $filter.</summary>
internal sealed class ApplicationsHandler : IGraphHandler
{
    private static readonly GraphEntityType Type = GraphEntityType.Application;

    public string EntitySet => Type.Set;

    public Task<IResult?> HandleAsync(GraphRequestContext ctx) =>
        Task.FromResult(GraphReads.Handle(ctx, Type, GraphDirectory.ApplicationReadRoles, ["appId"], () => GraphDirectory.Applications(ctx.State, ctx.TenantId)));
}
