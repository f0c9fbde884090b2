using System;
using System.Text.RegularExpressions;

namespace Astro.Network.Engine.Astro
{
    /// <summary>PowerShell-style wildcard names (*, ?, [abc]) matched case-insensitively, as -Name parameters behave.</summary>
    internal static class NamePattern
    {
        public static bool IsWildcard(string name) => name.IndexOfAny(new[] { '*', '?', '[' }) >= 0;

        public static bool Matches(string pattern, string value)
        {
            if (!IsWildcard(pattern))
            {
                return string.Equals(pattern, value, StringComparison.OrdinalIgnoreCase);
            }

            var regex = "^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".").Replace(@"\[", "[") + "$";
            return Regex.IsMatch(value, regex, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }
    }
}
