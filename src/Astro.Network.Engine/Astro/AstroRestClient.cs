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
                throw new AstroNetworkException(notFoundErrorId, FailureKind.ObjectNotFound,
                    $"No Astro {collection.TrimEnd('s')} with ID '{id}' in organization {organizationId} (the Astro API answered 404).", id)
                { Status = 404 };
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

        private static AstroNetworkException InvalidBody(string what) =>
            new AstroNetworkException("AstroInvalidResponse", FailureKind.InvalidData, $"The Astro API answered the {what} request with an unexpected body.", what);
    }
}
