namespace Astro.Network.Engine.Rest
{
    /// <summary>Names a remote service for error ids ("{Prefix}RequestFailed") and messages.</summary>
    internal sealed class RestService
    {
        public static readonly RestService Arm = new RestService("Azure", "Azure Resource Manager");
        public static readonly RestService Graph = new RestService("Graph", "Microsoft Graph");
        public static readonly RestService Astro = new RestService("Astro", "the Astro API");

        private RestService(string errorPrefix, string displayName)
        {
            ErrorPrefix = errorPrefix;
            DisplayName = displayName;
        }

        public string ErrorPrefix { get; }

        public string DisplayName { get; }
    }
}
