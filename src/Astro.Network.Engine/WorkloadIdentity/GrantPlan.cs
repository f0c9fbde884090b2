using System.Collections.Generic;
using System.Linq;

namespace Astro.Network.Engine.WorkloadIdentity
{
    /// <summary>
    /// What a grant must create, decided before any write: a component is present when a credential with its issuer and
    /// subject exists under any name (Azure refuses a second one); its name taken by other content, or the 20-per-identity
    /// limit, stops the whole grant.
    /// </summary>
    internal sealed class GrantPlan
    {
        public const int MaxCredentialsPerIdentity = 20;

        private GrantPlan(IReadOnlyList<KeyValuePair<FederatedCredential, bool>> items) => Items = items;

        /// <summary>Each component's credential (the existing one when present) and whether it must be created.</summary>
        public IReadOnlyList<KeyValuePair<FederatedCredential, bool>> Items { get; }

        public IReadOnlyList<FederatedCredential> ToCreate => Items.Where(i => i.Value).Select(i => i.Key).ToList();

        public static GrantPlan Create(string identityId, DeploymentTrust trust, IReadOnlyList<string> workloads, IReadOnlyList<FederatedCredential> existing)
        {
            var items = new List<KeyValuePair<FederatedCredential, bool>>();
            // DR credentials (when the Deployment has a DR issuer) are planned, and counted against the limit, like the others.
            foreach (var expected in workloads.SelectMany(trust.Expected))
            {
                var present = existing.FirstOrDefault(e => e.SameTrust(expected));
                if (present != null && !present.SameAudiences(expected))
                {
                    throw WorkloadIdentityErrors.Conflict(identityId, present.Name, expected.Describe(), present.Describe());
                }

                var sameName = present == null ? existing.FirstOrDefault(e => e.SameName(expected.Name)) : null;
                if (sameName != null)
                {
                    throw WorkloadIdentityErrors.Conflict(identityId, sameName.Name, expected.Describe(), sameName.Describe());
                }

                items.Add(new KeyValuePair<FederatedCredential, bool>(present ?? expected, present == null));
            }

            var toCreate = items.Count(i => i.Value);
            if (toCreate > 0 && existing.Count + toCreate > MaxCredentialsPerIdentity)
            {
                throw WorkloadIdentityErrors.LimitExceeded(identityId, existing.Count, toCreate, MaxCredentialsPerIdentity);
            }

            return new GrantPlan(items);
        }
    }
}
