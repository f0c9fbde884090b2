using Astro.Network.Emulator.State;

namespace Astro.Network.Emulator.Identity;

public enum AuthFailure { None, Missing, Invalid, Expired, WrongAudience }

/// <summary>Checks a request's bearer token: issued by this emulator, unexpired, for one of the accepted audiences.</summary>
internal static class BearerAuth
{
    public static readonly string[] ArmAudiences = ["https://management.azure.com/", "https://management.azure.com"];
    /// <summary>Graph's app ID URI, and its own root URL, which is the resource ID where Graph sits elsewhere (as in
    /// national clouds; the Azure CLI asks for a token for the Graph URL it calls).</summary>
    public static string[] GraphAudiences(EmulatorState state) => ["https://graph.microsoft.com", $"{state.BaseUri}graph", $"{state.BaseUri}graph/"];

    public static (AuthFailure Failure, EmulatorPrincipal? Principal, string? Audience) Check(
        HttpContext context, EmulatorState state, IReadOnlyCollection<string> audiences)
    {
        var check = state.Tokens.Check(TokenIssuer.BearerOf(context));
        var failure = check.Status switch
        {
            TokenStatus.Missing => AuthFailure.Missing,
            TokenStatus.Invalid => AuthFailure.Invalid,
            TokenStatus.Expired => AuthFailure.Expired,
            _ => audiences.Contains(check.Audience) ? AuthFailure.None : AuthFailure.WrongAudience,
        };
        if (failure == AuthFailure.None)
        {
            EmulatorState.SetPrincipal(context, check.Principal!);
        }
        return (failure, check.Principal, check.Audience);
    }
}
