namespace Astro.Network.Emulator.Arm.Rbac;

/// <summary>The built-in roles the emulator knows, with their real GUIDs and (abridged where noted) permissions.</summary>
public static class BuiltInRoles
{
    public const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    public const string Contributor = "b24988ac-6180-42a0-ab88-20f7382dd24c";
    public const string Reader = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
    public const string UserAccessAdministrator = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";
    public const string NetworkContributor = "4d97b98b-1d4f-4787-a291-c67834d212e7";
    public const string ManagedIdentityOperator = "f1a07417-d97a-45cb-824c-7a7467783830";
    public const string ManagedIdentityContributor = "e40ec5ca-96e0-45a2-b4ff-59039f2c2b59";

    private const string Stamp = "2015-02-02T21:55:09.8806423Z";

    // Shared by the "operator"-style roles: read own RBAC, alert rules, deployments, support tickets.
    private static readonly string[] Common =
    [
        "Microsoft.Authorization/*/read", "Microsoft.Insights/alertRules/*", "Microsoft.Resources/deployments/*",
        "Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Support/*",
    ];

    public static IReadOnlyList<RoleDefinitionRecord> All { get; } =
    [
        Role(Owner, "Owner", "Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.", ["*"]),
        Role(Contributor, "Contributor",
            "Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.",
            ["*"],
            [
                "Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write", "Microsoft.Authorization/elevateAccess/Action",
                "Microsoft.Blueprint/blueprintAssignments/write", "Microsoft.Blueprint/blueprintAssignments/delete",
                "Microsoft.Compute/galleries/share/action", "Microsoft.Purview/consents/write", "Microsoft.Purview/consents/delete",
                "Microsoft.Resources/deploymentStacks/manageDenySetting/action", "Microsoft.Subscription/cancel/action",
                "Microsoft.Subscription/enable/action",
            ]),
        Role(Reader, "Reader", "View all resources, but does not allow you to make any changes.", ["*/read"]),
        Role(UserAccessAdministrator, "User Access Administrator", "Lets you manage user access to Azure resources.",
            ["*/read", "Microsoft.Authorization/*", "Microsoft.Support/*"]),
        Role(NetworkContributor, "Network Contributor", "Lets you manage networks, but not access to them.",
            [.. Common, "Microsoft.Network/*", "Microsoft.ResourceHealth/availabilityStatuses/read"]),
        Role(ManagedIdentityOperator, "Managed Identity Operator", "Read and Assign User Assigned Identity",
            [.. Common, "Microsoft.ManagedIdentity/userAssignedIdentities/*/read", "Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action"]),
        Role(ManagedIdentityContributor, "Managed Identity Contributor", "Create, Read, Update, and Delete User Assigned Identity",
            [
                .. Common, "Microsoft.ManagedIdentity/userAssignedIdentities/read", "Microsoft.ManagedIdentity/userAssignedIdentities/write",
                "Microsoft.ManagedIdentity/userAssignedIdentities/delete",
                "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/read",
                "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write",
                "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/delete",
            ]),
    ];

    public static RoleDefinitionRecord? Find(string guid) =>
        All.FirstOrDefault(r => r.Guid.Equals(guid, StringComparison.OrdinalIgnoreCase));

    private static RoleDefinitionRecord Role(string guid, string name, string description, string[] actions, string[]? notActions = null) =>
        new(guid, name, RoleDefinitionRecord.BuiltInRole, description, [new RolePermission(actions, notActions ?? [])],
            [RbacScope.Root], Stamp, Stamp, null, null);
}
