using System;

namespace Astro.Network.Engine.Rbac
{
    /// <summary>ARM action wildcards: '*' matches any run of characters (including '/'), comparison is case-insensitive.</summary>
    internal static class ActionPattern
    {
        public static bool Matches(string pattern, string action) => Match(pattern, 0, action, 0);

        private static bool Match(string pattern, int p, string text, int t)
        {
            while (p < pattern.Length)
            {
                if (pattern[p] == '*')
                {
                    // Collapse runs of '*', then try every split point of the rest.
                    while (p < pattern.Length && pattern[p] == '*')
                    {
                        p++;
                    }

                    if (p == pattern.Length)
                    {
                        return true;
                    }

                    for (var i = t; i <= text.Length; i++)
                    {
                        if (Match(pattern, p, text, i))
                        {
                            return true;
                        }
                    }

                    return false;
                }

                if (t >= text.Length || char.ToUpperInvariant(pattern[p]) != char.ToUpperInvariant(text[t]))
                {
                    return false;
                }

                p++;
                t++;
            }

            return t == text.Length;
        }
    }
}
