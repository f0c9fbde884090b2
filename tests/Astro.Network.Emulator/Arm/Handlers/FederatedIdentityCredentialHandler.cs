using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// userAssignedIdentities/{id}/federatedIdentityCredentials (ManagedIdentity.json 2023-01-31, synchronous): list (paged),
/// GET, PUT 201/200, DELETE 200/204. The front door answers 404 for a missing identity. Validation as the service does:
/// name pattern, issuer (https URL), subject and exactly one audience required; at most 20 per identity; no two
/// credentials of one identity with the same issuer and subject.
/// </summary>
public sealed partial class FederatedIdentityCredentialHandler : ArmResourceHandler
{
    /// <summary>Azure's per-identity limit (workload-identity-federation-considerations).</summary>
    public const int MaxPerIdentity = 20;

    private const int MaxLength = 600;

    /// <summary>Check-then-write across an identity's credentials must not interleave; the identity's DELETE takes it too.</summary>
    internal static readonly object WriteLock = new();

    public override string ResourceType => "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials";
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2023-01-31"];

    [GeneratedRegex("^[a-zA-Z0-9]{1}[a-zA-Z0-9-_]{2,119}$")]
    private static partial Regex NamePattern();

    /// <summary>Identity ID -> when its write in progress completes.</summary>
    private static readonly Dictionary<string, DateTimeOffset> s_writing = new(StringComparer.OrdinalIgnoreCase);

    protected override async Task<IResult?> PutAsync(ArmRequestContext ctx)
    {
        var request = await ctx.ReadJsonAsync() ?? new JsonObject();
        if (Invalid(ctx, request) is { } invalid)
        {
            return invalid;
        }
        if (await WriteWindowAsync(ctx) is { } busy)
        {
            return busy;
        }
        var issuer = JsonText.Of(request["properties"]!["issuer"])!;
        var subject = JsonText.Of(request["properties"]!["subject"])!;
        var body = WithIdentity(ctx, new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["issuer"] = issuer,
                ["subject"] = subject,
                ["audiences"] = request["properties"]!["audiences"]!.DeepClone(),
            },
        });
        lock (WriteLock)
        {
            if (ctx.Store.Get(ctx.Path.Owner) is null)
            {
                return ArmErrors.ResourceNotFound(ctx.Path.Owner);
            }
            var siblings = ctx.Store.List(ctx.Path.Owner, ResourceType);
            var others = siblings.Where(s => !IsSame(s, ctx.ResourceId)).ToList();
            // [obs: message from Bicep deployments; code inferred]
            if (others.Any(s => JsonText.Of(s.Body["properties"]?["issuer"]) == issuer && JsonText.Of(s.Body["properties"]?["subject"]) == subject))
            {
                return BadRequest(ctx, "Issuer and subject combination already exists for this Managed Identity.");
            }
            // [inf: code and message; the limit itself is documented]
            if (others.Count == siblings.Count && siblings.Count >= MaxPerIdentity)
            {
                return ctx.Error(400, "FederatedIdentityCredentialsLimitExceeded",
                    $"The maximum number of federated identity credentials ({MaxPerIdentity}) has been reached for this managed identity.");
            }
            var (outcome, stored) = ctx.Store.Put(ctx.ResourceId, body);
            if (outcome != StoreOutcome.Created)
            {
                return Respond(200, stored!);
            }
            // A create answers 201 with a relative Location: the credential's own path (identity/test_federated_identity_credential.yaml · 2, 3).
            return Respond(201, stored!).WithHeader("Location", JsonText.Of(Present(stored!)["id"]) ?? ctx.ResourceId);
        }
    }

    protected override async Task<IResult?> DeleteAsync(ArmRequestContext ctx)
    {
        if (await WriteWindowAsync(ctx) is { } busy)
        {
            return busy;
        }
        lock (WriteLock)
        {
            return ctx.Store.Delete(ctx.ResourceId) == StoreOutcome.Deleted ? EmulatorResult.Empty(200) : EmulatorResult.Empty(204);
        }
    }

    /// <summary>
    /// Writes under one identity may not overlap: 409 ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity
    /// (Microsoft Learn "Important considerations and restrictions for federated identity credentials", Errors: "409 Conflict:
    /// Concurrent write request to federated identity credential resources under the same user-assigned identity has been
    /// denied"; code and message as reported in Azure/bicep-registry-modules#1447). A write is in progress for
    /// settings.federatedCredentialWriteMs, and answers when it completes; null when this write may go ahead.
    /// </summary>
    private static async Task<EmulatorResult?> WriteWindowAsync(ArmRequestContext ctx)
    {
        var window = ctx.State.Settings.FederatedCredentialWriteMs;
        if (window <= 0)
        {
            return null;
        }
        var identity = ctx.Path.Owner;
        var now = DateTimeOffset.UtcNow;
        lock (s_writing)
        {
            if (s_writing.TryGetValue(identity, out var until) && until > now)
            {
                return ctx.Error(409, "ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity",
                    $"Too many Federated Identity Credentials are written concurrently for the managed identity '{identity.ToLowerInvariant()}'. "
                    + "Concurrent Federated Identity Credentials writes under the same managed identity are not supported.");
            }
            s_writing[identity] = now.AddMilliseconds(window);
        }
        await Task.Delay(window);
        return null;
    }

    /// <summary>The service's 400 for a bad name or body, or null. Wording [obs] for missing fields, [inf] otherwise.</summary>
    private static EmulatorResult? Invalid(ArmRequestContext ctx, JsonObject request)
    {
        if (!NamePattern().IsMatch(ctx.Path.Name!))
        {
            return BadRequest(ctx,
                $"Invalid federated identity credential name '{ctx.Path.Name}'. The name must be 3-120 characters long, start with a letter or number, and contain only letters, numbers, hyphens and underscores.");
        }
        var properties = request["properties"] as JsonObject;
        var issuer = JsonText.Of(properties?["issuer"]);
        var subject = JsonText.Of(properties?["subject"]);
        var audiences = properties?["audiences"] as JsonArray;
        if (string.IsNullOrWhiteSpace(issuer) || string.IsNullOrWhiteSpace(subject) || audiences is null || audiences.Count == 0)
        {
            return BadRequest(ctx, "The request format was unexpected. Federated Identity Credential must specify 'issuer', 'subject' and 'audience'.");
        }
        if (issuer.Length > MaxLength || !Uri.TryCreate(issuer, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            return BadRequest(ctx, $"Invalid issuer '{issuer}'. The issuer must be a valid URL using the https scheme, at most {MaxLength} characters long.");
        }
        if (subject.Length > MaxLength)
        {
            return BadRequest(ctx, $"Invalid subject. The subject must be at most {MaxLength} characters long.");
        }
        if (audiences.Count != 1 || JsonText.Of(audiences[0]) is not { Length: > 0 and <= MaxLength })
        {
            return BadRequest(ctx, $"Invalid audiences. Exactly one audience of at most {MaxLength} characters is supported.");
        }
        return null;
    }

    private static bool IsSame(StoredResource stored, string id) =>
        string.Equals(stored.Id.TrimEnd('/'), id.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private static EmulatorResult BadRequest(ArmRequestContext ctx, string message) => ctx.Error(400, "BadRequest", message);
}
