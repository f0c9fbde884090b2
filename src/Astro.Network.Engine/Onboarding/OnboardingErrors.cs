namespace Astro.Network.Engine.Onboarding
{
    /// <summary>Stable error ids of the onboarding cmdlets.</summary>
    internal static class OnboardingErrors
    {
        /// <summary>The file is not a literal data file of the documented shape (category InvalidData, message with line and key).</summary>
        public const string FileInvalid = "OnboardingFileInvalid";

        public static AstroNetworkException SourceAmbiguous(string name, int count) => new AstroNetworkException("OnboardingDeploymentAmbiguous",
            FailureKind.InvalidData, $"{count} Deployments are named '{name}'; name the Deployment by its ID in the file.", name);

        public static AstroNetworkException NoCluster(string deployment) => new AstroNetworkException("OnboardingClusterUnknown",
            FailureKind.InvalidOperation, $"Deployment '{deployment}' runs on no dedicated cluster, so it has no peering or Private Link of its own.", deployment);
    }
}
