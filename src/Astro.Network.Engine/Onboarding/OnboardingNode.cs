using System;
using System.Collections.Generic;

namespace Astro.Network.Engine
{
    public enum OnboardingNodeKind
    {
        Text,
        Number,
        Boolean,
        Null,
        List,
        Map,
    }

    /// <summary>
    /// One literal value of an onboarding file with the line it starts on: the cmdlets turn the PowerShell AST into this
    /// tree (literals only, as Import-PowerShellDataFile allows), so the engine validates it without PowerShell types.
    /// </summary>
    public sealed class OnboardingNode
    {
        private OnboardingNode(OnboardingNodeKind kind, int line, string? text, IReadOnlyList<OnboardingNode>? items,
            IReadOnlyList<KeyValuePair<string, OnboardingNode>>? entries)
        {
            Kind = kind;
            Line = line;
            Text = text;
            Items = items ?? Array.Empty<OnboardingNode>();
            Entries = entries ?? Array.Empty<KeyValuePair<string, OnboardingNode>>();
        }

        public OnboardingNodeKind Kind { get; }

        public int Line { get; }

        /// <summary>Text, Number (invariant culture) and Boolean ("True"/"False") values.</summary>
        public string? Text { get; }

        public IReadOnlyList<OnboardingNode> Items { get; }

        /// <summary>A map's keys in file order, each with its value (the value's Line is where the key's value starts).</summary>
        public IReadOnlyList<KeyValuePair<string, OnboardingNode>> Entries { get; }

        public static OnboardingNode Scalar(OnboardingNodeKind kind, string? text, int line) => new OnboardingNode(kind, line, text, null, null);

        public static OnboardingNode List(IReadOnlyList<OnboardingNode> items, int line) => new OnboardingNode(OnboardingNodeKind.List, line, null, items, null);

        public static OnboardingNode Map(IReadOnlyList<KeyValuePair<string, OnboardingNode>> entries, int line) =>
            new OnboardingNode(OnboardingNodeKind.Map, line, null, null, entries);

        internal string Describe() => Kind switch
        {
            OnboardingNodeKind.Text => "a string",
            OnboardingNodeKind.Number => "a number",
            OnboardingNodeKind.Boolean => "$" + Text?.ToLowerInvariant(),
            OnboardingNodeKind.Null => "$null",
            OnboardingNodeKind.List => "a list",
            _ => "a hashtable",
        };
    }
}
