using System;
using System.Collections.Generic;
using System.Linq;

namespace Astro.Network.Engine.WorkloadIdentity
{
    /// <summary>
    /// The Airflow components Astro federates and the credential name and Kubernetes service-account subject of each
    /// (Astro's "authorize Deployments" docs; the Airflow 3 components are an inference from the AWS docs).
    /// </summary>
    internal static class AstroWorkloads
    {
        public const string Audience = "api://AzureADTokenExchange";
        public const string Kpo = "kpo";

        public static readonly IReadOnlyList<string> Airflow2 = new[] { "scheduler", "triggerer", "worker", Kpo };
        public static readonly IReadOnlyList<string> Airflow3Extra = new[] { "dag-processor", "api-server" };
        public static readonly IReadOnlyList<string> All = Airflow2.Concat(Airflow3Extra).ToList();

        public static IReadOnlyList<string> Defaults(string? airflowVersion) =>
            IsAirflow3OrLater(airflowVersion) ? All : Airflow2;

        /// <summary>The requested components (lower-cased, de-duplicated) or the defaults; InvalidWorkload for an unknown one.</summary>
        public static IReadOnlyList<string> Resolve(IReadOnlyList<string>? requested, string? airflowVersion)
        {
            var wanted = (requested ?? Array.Empty<string>()).Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => w.Trim().ToLowerInvariant()).Distinct().ToList();
            if (wanted.Count == 0)
            {
                return Defaults(airflowVersion);
            }

            var unknown = wanted.FirstOrDefault(w => !All.Contains(w));
            return unknown == null ? wanted : throw WorkloadIdentityErrors.InvalidWorkload(unknown, All);
        }

        public static string CredentialName(string ns, string workload) => ns + "-" + workload;

        public static string Subject(string ns, string workload) =>
            SubjectPrefix(ns) + ns + "-" + workload + (workload == Kpo ? "" : "-serviceaccount");

        /// <summary>Every service account of the namespace: "system:serviceaccount:{ns}:".</summary>
        public static string SubjectPrefix(string ns) => "system:serviceaccount:" + ns + ":";

        /// <summary>The component a subject of the namespace names ("{ns}-{w}-serviceaccount" or "{ns}-{w}"); null outside the namespace.</summary>
        public static string? WorkloadOf(string ns, string subject)
        {
            var prefix = SubjectPrefix(ns);
            if (!subject.StartsWith(prefix, StringComparison.Ordinal))
            {
                return null;
            }

            var account = subject.Substring(prefix.Length);
            if (account.StartsWith(ns + "-", StringComparison.Ordinal))
            {
                account = account.Substring(ns.Length + 1);
            }

            const string suffix = "-serviceaccount";
            return account.EndsWith(suffix, StringComparison.Ordinal) && account.Length > suffix.Length
                ? account.Substring(0, account.Length - suffix.Length)
                : account;
        }

        private static bool IsAirflow3OrLater(string? version)
        {
            var major = (version ?? "").Trim().TrimStart('v', 'V').Split('.', '-', '+')[0];
            return int.TryParse(major, out var number) && number >= 3;
        }
    }
}
