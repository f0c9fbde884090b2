using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Astro.Network.Engine.Rest;

namespace Astro.Network.Engine.Astro
{
    /// <summary>Astro API v1 reads for one organization: single objects, offset/limit paging, Astro error bodies.</summary>
    internal sealed class AstroRestClient
    {
        internal const int PageSize = 100;
        private const int MaxPages = 1000;

        private const string TokenAdvice =
            "Create or renew an Organization API token in Astro (Organization Settings > Access Management > API Tokens), then run Connect-Astro -ApiToken <token> or set ASTRO_API_TOKEN.";

        private readonly RestChannel channel;
        private readonly string organizationId;

        public string OrganizationId => organizationId;

        private readonly int pageSize;

        public AstroRestClient(RestChannel channel, string organizationId, int pageSize = PageSize)
        {
            this.pageSize = pageSize;
            this.channel = channel;
            this.organizationId = organizationId;
        }

        /// <summary>GET organizations/{org}/{collection}/{id}; 404 -> <paramref name="notFoundErrorId"/> with the id as target.</summary>
        public async Task<JsonObject> GetAsync(string collection, string id, string notFoundErrorId, CancellationToken ct)
        {
            var response = await SendAsync(collection + "/" + Uri.EscapeDataString(id), Array.Empty<KeyValuePair<string, string>>(), ct).ConfigureAwait(false);
            if (response.Status == 404)
            {
                // Said in the user's terms: the ID as given, not the service's echo of the encoded path.
                throw NotFound(collection.TrimEnd('s'), id, notFoundErrorId);
            }

            if (!response.IsSuccess)
            {
                throw Error(response, id, notFoundErrorId);
            }

            return response.Object ?? throw InvalidBody(collection);
        }

        /// <summary>All items of organizations/{org}/{collection}, page by page until totalCount is reached.</summary>
        public async Task<IReadOnlyList<JsonObject>> ListAsync(string collection, IEnumerable<KeyValuePair<string, string>> filters, CancellationToken ct, int maxItems = int.MaxValue)
        {
            var items = new List<JsonObject>();
            var filterList = filters.ToList();
            for (var page = 0; page < MaxPages; page++)
            {
                var query = new List<KeyValuePair<string, string>>
                {
                    new KeyValuePair<string, string>("offset", items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    new KeyValuePair<string, string>("limit", Math.Min(pageSize, maxItems).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                };
                query.AddRange(filterList);
                var response = await SendAsync(collection, query, ct).ConfigureAwait(false);
                if (!response.IsSuccess)
                {
                    throw Error(response, organizationId, null);
                }

                var pageItems = (response.Object?[collection] as JsonArray ?? throw InvalidBody(collection)).OfType<JsonObject>().ToList();
                items.AddRange(pageItems);
                var total = response.Object?["totalCount"]?.GetValue<int>() ?? items.Count;
                if (pageItems.Count == 0 || items.Count >= total || items.Count >= maxItems)
                {
                    break;
                }
            }

            return items;
        }

        private Task<RestResponse> SendAsync(string relative, IEnumerable<KeyValuePair<string, string>> query, CancellationToken ct)
        {
            var path = "organizations/" + Uri.EscapeDataString(organizationId) + "/" + relative;
            var queryText = string.Join("&", query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
            return channel.SendAsync(RequestMethod.Get, channel.Resolve(queryText.Length == 0 ? path : path + "?" + queryText), null, null, ct);
        }

        private AstroNetworkException Error(RestResponse response, string target, string? notFoundErrorId)
        {
            var error = ServiceErrors.FromResponse(RestService.Astro, response, target, notFoundErrorId);
            return response.Status switch
            {
                401 => ServiceErrors.WithAdvice(error, "The Astro API token was not accepted. " + TokenAdvice),
                403 => ServiceErrors.WithAdvice(error, $"The API token may not read this in organization {organizationId}: use an Organization API token of that organization with at least the Organization Member role."),
                _ => error,
            };
        }

        /// <summary>Astro IDs are cuids (25 lowercase letters and digits); anything else was most likely a name.</summary>
        private static readonly System.Text.RegularExpressions.Regex IdShape = new System.Text.RegularExpressions.Regex("^[a-z0-9]{20,32}$");

        private AstroNetworkException NotFound(string noun, string id, string errorId)
        {
            var message = $"No Astro {noun} with ID '{id}' in organization {organizationId} (the Astro API answered 404).";
            if (IdShape.IsMatch(id))
            {
                return new AstroNetworkException(errorId, FailureKind.ObjectNotFound, message, id) { Status = 404 };
            }

            var lister = noun == "cluster" ? "Get-AstroCluster" : "Get-AstroDeployment";
            return new AstroNetworkException(errorId, FailureKind.ObjectNotFound, $"{message} '{id}' looks like a {noun} name, not an ID.", id)
            {
                Status = 404,
                RecommendedAction = $"Find its ID with ({lister} -Name '{id.Replace("'", "''")}').Id, or pipe {lister} -Name '{id.Replace("'", "''")}' into the command.",
            };
        }

        private static AstroNetworkException InvalidBody(string what) =>
            new AstroNetworkException("AstroInvalidResponse", FailureKind.InvalidData, $"The Astro API answered the {what} request with an unexpected body.", what);
    }
}
