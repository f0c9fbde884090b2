using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Astro.Network.Engine.Rest
{
    /// <summary>A buffered HTTP answer: status, parsed JSON body (null when empty or not JSON) and headers.</summary>
    internal sealed class RestResponse
    {
        private readonly IReadOnlyDictionary<string, string> headers;

        public RestResponse(int status, JsonNode? body, IReadOnlyDictionary<string, string> headers, Uri uri)
        {
            Status = status;
            Body = body;
            this.headers = headers;
            Uri = uri;
        }

        public int Status { get; }

        public JsonNode? Body { get; }

        public JsonObject? Object => Body as JsonObject;

        /// <summary>The URL that was called (used as error target and for LRO final GETs).</summary>
        public Uri Uri { get; }

        public bool IsSuccess => Status >= 200 && Status < 300;

        /// <summary>Set when a busy answer is given back because the busy timeout would not allow another try: why.</summary>
        public string? BusyGaveUp { get; set; }

        /// <summary>The ETag header, else the body's "etag" property in any case (Network writes "etag", AKS "eTag").</summary>
        public string? ETag => Header("ETag") ?? BodyETag();

        public string? RequestId =>
            Header("x-ms-request-id") ?? Header("x-ms-correlation-request-id") ?? Header("request-id") ?? Header("x-request-id");

        private string? BodyETag()
        {
            foreach (var property in Object ?? new JsonObject())
            {
                if (string.Equals(property.Key, "etag", StringComparison.OrdinalIgnoreCase) && property.Value is JsonValue v && v.TryGetValue(out string? s))
                {
                    return s;
                }
            }

            return null;
        }

        public string? Header(string name) => headers.TryGetValue(name, out var value) ? value : null;
    }
}
