using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Arm;

/// <summary>ARM front-door errors with the codes and messages real ARM uses.</summary>
public static class ArmErrors
{
    public static EmulatorResult Error(int status, string code, string message) => ServiceErrors.Arm(status, code, message);

    public static EmulatorResult MissingApiVersion() =>
        Error(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");

    public static EmulatorResult InvalidApiVersion(string version, string? resourceType, IEnumerable<string> supported) =>
        Error(400, "InvalidApiVersionParameter",
            $"The api-version '{version}' is invalid{(resourceType is null ? "" : $" for resource type '{resourceType}'")}. The supported versions are '{string.Join(",", supported)}'.");

    public static EmulatorResult InvalidResourceType(ArmPath path, string apiVersion) =>
        Error(400, "InvalidResourceType",
            $"The resource type '{path.ResourceType![(path.Namespace!.Length + 1)..]}' could not be found in the namespace '{path.Namespace}' for api version '{apiVersion}'.");

    public static EmulatorResult SubscriptionNotFound(string subscriptionId) =>
        Error(404, "SubscriptionNotFound", $"The subscription '{subscriptionId}' could not be found.");

    public static EmulatorResult ResourceGroupNotFound(string resourceGroup) =>
        Error(404, "ResourceGroupNotFound", $"Resource group '{resourceGroup}' could not be found.");

    /// <summary>404 ResourceNotFound for a provider resource ID, worded as ARM words it.</summary>
    public static EmulatorResult ResourceNotFound(string resourceId)
    {
        var path = ArmPath.Parse(resourceId);
        return Error(404, "ResourceNotFound",
            $"The Resource '{path.TypeAndNames}' under resource group '{path.ResourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
    }

    public static EmulatorResult PreconditionFailed(string resourceId) =>
        Error(412, "PreconditionFailed", $"The condition specified using HTTP conditional header(s) is not met for resource '{resourceId}'.");

    public static EmulatorResult MethodNotAllowed(string method, string resourceType) =>
        Error(405, "MethodNotAllowed", $"The requested resource type '{resourceType}' does not support http method '{method}'.");

    public static EmulatorResult InvalidRequestContent(string message) =>
        Error(400, "InvalidRequestContent", message);

    public static EmulatorResult Unauthorized(string code, string message) =>
        Error(401, code, message).WithHeader("WWW-Authenticate",
            $"Bearer authorization_uri=\"https://login.microsoftonline.com/common\", error=\"invalid_token\", error_description=\"{message.Replace("\"", "'")}\"");
}
