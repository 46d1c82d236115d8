using System.Text.Json.Nodes;
using Cluster.Actors.Directory;

namespace Cluster.Edges.Web.Api;

/// <summary><c>directory.search</c>: prefix and substring search over the directory projection, with paging.</summary>
internal sealed class DirectoryHandlers(WebClientApi api)
{
    public void Register(ClientMessageRegistry registry) =>
        registry.Register("directory.search", (r, _) => ValueTask.FromResult(Search(r)));

    private JsonNode? Search(ClientRequest request)
    {
        var data = new RequestReader(request.Data);
        var query = data.RequiredString("query", DirectoryIndex.MaxQueryLength);
        if (query.Trim().Length == 0)
            throw RequestReader.Bad("'query' is blank");
        var offset = data.OptionalInt("offset", 0, 0, 100_000);
        var limit = data.OptionalInt("limit", 20, 1, DirectoryIndex.MaxPageSize);
        if (api.Options.Directory is not { } directory)
            throw new ClientRequestException(ApiErrorCodes.Unavailable, "the directory is not available on this node");
        var page = directory.Search(query, offset, limit);
        return new JsonObject
        {
            ["entries"] = ApiJson.Array(page.Entries, ApiJson.Directory),
            ["total"] = page.Total,
            ["offset"] = page.Offset,
            ["hasMore"] = page.HasMore,
        };
    }
}
