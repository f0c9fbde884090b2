namespace Astro.Network.Engine.Rbac
{
    /// <summary>A service principal in the caller's tenant: ObjectId is what role assignments take as principalId.</summary>
    internal sealed class ServicePrincipalInfo
    {
        public ServicePrincipalInfo(string objectId, string appId, string displayName, bool created)
        {
            ObjectId = objectId;
            AppId = appId;
            DisplayName = displayName;
            Created = created;
        }

        public string ObjectId { get; }

        public string AppId { get; }

        public string DisplayName { get; }

        /// <summary>True when this call created it (POST 201).</summary>
        public bool Created { get; }

        public override string ToString() => $"{DisplayName} (appId {AppId}, object {ObjectId})";
    }
}
