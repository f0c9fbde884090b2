namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>How a PUT of a connection answers (per the type's swagger).</summary>
public enum ConnectionWrite
{
    /// <summary>200 with the connection, applied at once.</summary>
    Sync,

    /// <summary>200 applied at once, plus Retry-After and Azure-AsyncOperation although the operation is not flagged LRO (Key Vault).</summary>
    SyncWithOperationHeaders,

    /// <summary>LRO: 202 without a body (Azure-AsyncOperation + Location); applied when the operation completes.</summary>
    Accepted,

    /// <summary>LRO: 202 with the connection as it will be (Azure-AsyncOperation + Location); applied on completion.</summary>
    AcceptedWithBody,

    /// <summary>LRO: 200 with the connection as it will be and Azure-AsyncOperation (final-state-via azure-async-operation).</summary>
    OkLongRunning,
}

/// <summary>Where the connections live: the parent's properties.privateEndpointConnections, or child resources.</summary>
public enum ConnectionEmbedding
{
    /// <summary>The parent lists whole connections.</summary>
    Full,

    /// <summary>The parent lists {id, [etag,] properties} (SQL, Key Vault).</summary>
    IdAndProperties,

    /// <summary>The parent's schema has no such property (App Service): connections are child resources of the store.</summary>
    None,
}

/// <summary>How the connection names its Private Link group ID (sub-resource), when its schema has one.</summary>
public enum GroupIdField { None, GroupIds, GroupId }

/// <summary>
/// The per-type differences of {parent}/privateEndpointConnections, read from each type's swagger (azure-specs §4.4, §6).
/// One handler (<see cref="PrivateEndpointConnectionHandler"/>) serves every type from its profile.
/// </summary>
public sealed record PrivateEndpointConnectionProfile
{
    public required string ParentType { get; init; }
    public required string ApiVersion { get; init; }

    /// <summary>The status enum, or null where the spec has a free string.</summary>
    public string[]? Statuses { get; init; } = ["Pending", "Approved", "Rejected", "Disconnected"];

    /// <summary>"actionsRequired", Storage's "actionRequired", or null where the state has no such field (Event Hubs, Service Bus).</summary>
    public string? ActionsField { get; init; } = "actionsRequired";

    /// <summary>SQL requires status and description in the state.</summary>
    public bool DescriptionRequired { get; init; }

    public string DoneState { get; init; } = "Succeeded";

    /// <summary>provisioningState while a change runs; a function of the status being set (SQL: Approving/Rejecting).</summary>
    public Func<string, string> UpdatingState { get; init; } = _ => "Updating";

    public ConnectionWrite Write { get; init; } = ConnectionWrite.Sync;

    /// <summary>DELETE is 202 + Location (final result 204); otherwise 200 at once. Absent is 204 either way.</summary>
    public bool DeleteIsLongRunning { get; init; } = true;

    /// <summary>
    /// Every DELETE response has a JSON object schema (App Service): 202 carries {} and a missing connection answers 200 {}
    /// rather than a bodiless 204 [inf].
    /// </summary>
    public bool DeleteAnswersObject { get; init; }

    /// <summary>Key Vault answers GET of a missing connection with 204.</summary>
    public bool MissingIsNoContent { get; init; }

    /// <summary>List has nextLink (paged by the scenario's pageSize); Storage and Cosmos DB lists have none.</summary>
    public bool Paged { get; init; } = true;

    /// <summary>Cosmos DB's errors are flat {code, message}.</summary>
    public bool FlatErrors { get; init; }

    /// <summary>The PUT declares no error response (ACR): refusals fail the operation instead of answering 400.</summary>
    public bool RefusalsFailOperation { get; init; }

    /// <summary>The connection carries an etag (Key Vault, Network); PUT honours If-Match.</summary>
    public bool HasETag { get; init; }

    /// <summary>
    /// The error code a PUT that moves a Rejected connection to another status gets, or null where the service allows it
    /// (Key Vault: recording keyvault/test_keyvault_private_endpoint_connection.yaml #31-32). Storage: recording
    /// storage/test_storage_account_private_endpoint.yaml #22; SQL: PrivateEndpointConnectionStatusNotPending in the SQL
    /// REST reference (Private Endpoint Connections - Create Or Update); the others [inf].
    /// </summary>
    public string? RejectedRefusal { get; init; } = "InvalidPrivateEndpointConnectionStatusTransition";

    /// <summary>Storage answers 400 to approving an Approved connection (recording storage/test_storage_account_private_endpoint.yaml #18).</summary>
    public bool ReapproveRefused { get; init; }

    public ConnectionEmbedding Embedding { get; init; } = ConnectionEmbedding.Full;
    public GroupIdField GroupIdField { get; init; }

    /// <summary>Private Link group IDs (sub-resources) the type offers; empty for a private link service.</summary>
    public string[] GroupIds { get; init; } = [];

    public string ResourceType => ParentType + "/privateEndpointConnections";

    /// <summary>Storage's code for both refusals (recording storage/test_storage_account_private_endpoint.yaml #18, #22).</summary>
    public const string StorageRefusal = "InvalidValuesForRequestParameters";

    public static IReadOnlyList<PrivateEndpointConnectionProfile> All { get; } =
    [
        new()
        {
            ParentType = "Microsoft.Storage/storageAccounts", ApiVersion = "2025-08-01",
            Statuses = ["Pending", "Approved", "Rejected"], ActionsField = "actionRequired", Paged = false, DeleteIsLongRunning = false,
            RejectedRefusal = StorageRefusal, ReapproveRefused = true,
            GroupIds = ["blob", "blob_secondary", "table", "table_secondary", "queue", "queue_secondary", "file", "file_secondary",
                "web", "web_secondary", "dfs", "dfs_secondary"],
        },
        new()
        {
            ParentType = "Microsoft.KeyVault/vaults", ApiVersion = "2023-07-01", Write = ConnectionWrite.SyncWithOperationHeaders,
            MissingIsNoContent = true, HasETag = true, Embedding = ConnectionEmbedding.IdAndProperties, GroupIds = ["vault"], RejectedRefusal = null,
        },
        new()
        {
            ParentType = "Microsoft.Sql/servers", ApiVersion = "2021-11-01", Write = ConnectionWrite.Accepted, DescriptionRequired = true,
            DoneState = "Ready", UpdatingState = status => status == "Rejected" ? "Rejecting" : "Approving",
            Embedding = ConnectionEmbedding.IdAndProperties, GroupIdField = GroupIdField.GroupIds, GroupIds = ["sqlServer"],
            RejectedRefusal = "PrivateEndpointConnectionStatusNotPending",
        },
        new()
        {
            ParentType = "Microsoft.DocumentDB/databaseAccounts", ApiVersion = "2024-05-15", Write = ConnectionWrite.Accepted,
            Statuses = null, Paged = false, FlatErrors = true, GroupIdField = GroupIdField.GroupId,
            GroupIds = ["Sql", "MongoDB", "Cassandra", "Gremlin", "Table", "Analytical", "SqlDedicated"],
        },
        new()
        {
            ParentType = "Microsoft.ContainerRegistry/registries", ApiVersion = "2023-07-01", Write = ConnectionWrite.OkLongRunning,
            RefusalsFailOperation = true, GroupIds = ["registry"],
        },
        new()
        {
            ParentType = "Microsoft.Web/sites", ApiVersion = "2023-12-01", Write = ConnectionWrite.AcceptedWithBody,
            Statuses = null, Embedding = ConnectionEmbedding.None, DeleteAnswersObject = true, GroupIds = ["sites"],
        },
        new()
        {
            ParentType = "Microsoft.EventHub/namespaces", ApiVersion = "2024-01-01", ActionsField = null, GroupIds = ["namespace"],
        },
        new()
        {
            ParentType = "Microsoft.ServiceBus/namespaces", ApiVersion = "2021-11-01", ActionsField = null, GroupIds = ["namespace"],
        },
        new()
        {
            ParentType = "Microsoft.Network/privateLinkServices", ApiVersion = "2024-01-01", Statuses = null, HasETag = true,
        },
    ];

    public static PrivateEndpointConnectionProfile? For(string? parentType) =>
        All.FirstOrDefault(p => p.ParentType.Equals(parentType, StringComparison.OrdinalIgnoreCase));
}
