using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Astro.Network.Engine.Onboarding
{
    /// <summary>
    /// Checks a parsed file against <see cref="OnboardingSchema"/> (unknown keys, types, IDs, addresses, which keys go
    /// together) and builds the spec; every problem is collected with its line and key, and nothing is read from Azure.
    /// </summary>
    internal sealed class OnboardingReader
    {
        private readonly string _path;
        private readonly List<AstroNetworkException> _problems = new List<AstroNetworkException>();

        private OnboardingReader(string path) => _path = path;

        public static OnboardingSpec? Read(OnboardingNode root, string path, out IReadOnlyList<AstroNetworkException> problems)
        {
            var reader = new OnboardingReader(path);
            var spec = reader.Build(root);
            problems = reader._problems;
            return problems.Count == 0 ? spec : null;
        }

        internal static AstroNetworkException Problem(string path, int line, string key, string message, object? target) =>
            new AstroNetworkException(OnboardingErrors.FileInvalid, FailureKind.InvalidData,
                $"{System.IO.Path.GetFileName(path)}, line {line}{(key.Length == 0 ? "" : ", " + key)}: {message}.", target ?? path)
            {
                RecommendedAction = "Fix the file (Get-Help about_Astro.Network, ONBOARDING FILE, lists every key); nothing was read from Azure.",
            };

        private void Add(int line, string key, string message, object? target = null) => _problems.Add(Problem(_path, line, key, message, target));

        private OnboardingSpec Build(OnboardingNode root)
        {
            var spec = new OnboardingSpec { Path = _path };
            var values = Map(root, OnboardingSchema.Root, "");
            if (values == null)
            {
                return spec;
            }

            if (!values.Given("Version"))
            {
                Add(root.Line, "Version", $"the key is required (Version = {OnboardingSchema.Version})");
            }

            spec.Deployment = values.Text("Deployment");
            spec.Cluster = values.Text("Cluster");
            if (values.Given("Deployment") == values.Given("Cluster"))
            {
                Add(root.Line, "Deployment", "name exactly one of Deployment (its ID or name) and Cluster (its ID)");
            }

            spec.SyncAllowlist = values.Text("AllowlistMode") != "Add";
            spec.IpAddresses = values.List("IpAddress");
            spec.Allowlist = values.Maps("Allowlist").Select(AllowlistItem).Where(t => t != null).ToList()!;
            if (values.Maps("Peering").FirstOrDefault() is { } peering)
            {
                spec.Peering = new PeeringSpec
                {
                    VirtualNetworkId = peering.Required("VirtualNetworkId") ?? "",
                    RoleMode = peering.Text("RoleMode") == nameof(PeeringRoleMode.NetworkContributor) ? PeeringRoleMode.NetworkContributor : PeeringRoleMode.Custom,
                    Scopes = peering.List("Scope").Select(s => (PeeringScope)Enum.Parse(typeof(PeeringScope), s)).ToList(),
                };
            }

            spec.PrivateLink = values.Maps("PrivateLink").Select(p => new PrivateLinkSpec
            {
                ResourceId = p.Required("ResourceId") ?? "",
                GroupId = p.Text("GroupId"),
                ClusterId = p.Text("ClusterId"),
                RequesterSubscriptionId = p.Text("RequesterSubscriptionId"),
                PrivateEndpointId = p.Text("PrivateEndpointId"),
            }).ToList();
            if (values.Maps("WorkloadIdentity").FirstOrDefault() is { } identity)
            {
                if (spec.Deployment == null)
                {
                    Add(identity.Line, "WorkloadIdentity", "workload identity trusts a Deployment: name it with Deployment, not Cluster");
                }

                spec.WorkloadIdentity = new WorkloadIdentitySpec
                {
                    IdentityId = identity.Required("IdentityId") ?? "",
                    Workloads = identity.Has("Workload") ? identity.List("Workload") : null,
                };
            }

            return spec;
        }

        private AllowlistTarget? AllowlistItem(Values item)
        {
            var selectors = new[] { "ResourceId", "ResourceGroup", "Tag" }.Where(item.Given).ToList();
            if (selectors.Count != 1)
            {
                Add(item.Line, item.Key, "give exactly one of ResourceId, ResourceGroup and Tag");
                return null;
            }

            if (selectors.Count != item.Count(selectors))
            {
                return null; // the selector's own problem is reported
            }

            if (item.Has("ResourceId") && (item.Given("Type") || item.Given("SubscriptionId")))
            {
                Add(item.Line, item.Key, "Type and SubscriptionId select resources; they do not go with ResourceId");
            }

            var tag = item.Text("Tag");
            var equals = tag?.IndexOf('=') ?? -1;
            return new AllowlistTarget
            {
                Key = item.Key,
                ResourceId = item.Text("ResourceId"),
                ResourceGroup = item.Text("ResourceGroup"),
                TagName = tag == null ? null : equals < 0 ? tag : tag.Substring(0, equals),
                TagValue = tag == null || equals < 0 ? null : tag.Substring(equals + 1),
                SubscriptionIds = item.List("SubscriptionId"),
                Types = item.List("Type"),
                Port = item.Text("Port"),
                Protocol = item.Text("Protocol") ?? "Tcp",
                Priority = item.Text("Priority") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : (int?)null,
                DestinationAddressPrefix = item.Text("DestinationAddressPrefix"),
                Force = item.Text("Force") == bool.TrueString,
            };
        }

        /// <summary>A map checked against its fields; null (with a problem) when the node is not a map.</summary>
        private Values? Map(OnboardingNode node, IReadOnlyList<Field> fields, string key)
        {
            if (node.Kind != OnboardingNodeKind.Map)
            {
                Add(node.Line, key, $"expected a hashtable @{{ ... }}, found {node.Describe()}");
                return null;
            }

            var values = new Values(this, key, node.Line);
            foreach (var entry in node.Entries)
            {
                var path = key.Length == 0 ? entry.Key : key + "." + entry.Key;
                var field = fields.FirstOrDefault(f => string.Equals(f.Name, entry.Key, StringComparison.OrdinalIgnoreCase));
                if (field == null)
                {
                    Add(entry.Value.Line, path, $"unknown key '{entry.Key}'; the keys here are {string.Join(", ", fields.Select(f => f.Name))}", entry.Key);
                    continue;
                }

                values.Seen(field.Name);
                if (Value(entry.Value, field, path) is { } value)
                {
                    values.Set(field.Name, value);
                }
            }

            return values;
        }

        private object? Value(OnboardingNode node, Field field, string key)
        {
            switch (field.Type)
            {
                case FieldType.Map:
                    return Map(node, field.Children, key) is { } map ? new List<Values> { map } : null;
                case FieldType.MapList:
                    var items = node.Kind == OnboardingNodeKind.List ? node.Items : new[] { node };
                    return items.Select((item, i) => Map(item, field.Children, $"{key}[{i}]")).Where(m => m != null).ToList();
                case FieldType.TextList:
                    var texts = node.Kind == OnboardingNodeKind.List ? node.Items : new[] { node };
                    var list = texts.Select((item, i) => Scalar(item, field, texts.Count == 1 && node.Kind != OnboardingNodeKind.List ? key : $"{key}[{i}]")).ToList();
                    return list.All(v => v != null) ? list.Select(v => v!).ToList() : null;
                default:
                    return Scalar(node, field, key);
            }
        }

        private string? Scalar(OnboardingNode node, Field field, string key)
        {
            var expected = field.Type switch
            {
                FieldType.Integer => node.Kind == OnboardingNodeKind.Number && int.TryParse(node.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? null : "an integer",
                FieldType.Boolean => node.Kind == OnboardingNodeKind.Boolean ? null : "$true or $false",
                FieldType.Port => node.Kind == OnboardingNodeKind.Text || node.Kind == OnboardingNodeKind.Number ? null : "a port ('443', '8000-8080' or '*')",
                _ => node.Kind == OnboardingNodeKind.Text && !string.IsNullOrWhiteSpace(node.Text) ? null : "a non-empty string",
            };
            if (expected != null)
            {
                Add(node.Line, key, $"expected {expected}, found {node.Describe()}", node.Text);
                return null;
            }

            try
            {
                return field.Check == null ? node.Text! : field.Check(node.Text!);
            }
            catch (AstroNetworkException ex)
            {
                Add(node.Line, key, ex.Message.TrimEnd('.'), node.Text);
                return null;
            }
        }

        /// <summary>The checked values of one map (only those that passed).</summary>
        private sealed class Values
        {
            private readonly OnboardingReader _reader;
            private readonly Dictionary<string, object> _values = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            private readonly HashSet<string> _given = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

            public Values(OnboardingReader reader, string key, int line)
            {
                _reader = reader;
                Key = key;
                Line = line;
            }

            public string Key { get; }
            public int Line { get; }

            public void Set(string name, object value) => _values[name] = value;

            public bool Has(string name) => _values.ContainsKey(name);

            /// <summary>In the file, valid or not (a key with a bad value is reported once, not again as missing).</summary>
            public bool Given(string name) => _given.Contains(name);

            public void Seen(string name) => _given.Add(name);

            /// <summary>How many of the names passed their checks.</summary>
            public int Count(IEnumerable<string> names) => names.Count(Has);

            public string? Text(string name) => _values.TryGetValue(name, out var v) ? v as string : null;

            public IReadOnlyList<string> List(string name) => _values.TryGetValue(name, out var v) && v is List<string> list ? list : new List<string>();

            public IReadOnlyList<Values> Maps(string name) => _values.TryGetValue(name, out var v) && v is List<Values> maps ? maps : new List<Values>();

            public string? Required(string name)
            {
                if (Text(name) is { } value || Given(name))
                {
                    return Text(name);
                }

                _reader.Add(Line, Key.Length == 0 ? name : Key + "." + name, "the key is required here");
                return null;
            }
        }
    }
}
