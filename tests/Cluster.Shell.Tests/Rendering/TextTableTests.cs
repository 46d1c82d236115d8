using System.Text.Json.Nodes;
using Cluster.Runtime.Commands.Protocol;
using Cluster.Shell.Rendering;

namespace Cluster.Shell.Tests.Rendering;

public class TextTableTests
{
    [Fact]
    public void Columns_align_to_the_widest_cell_with_an_underlined_header()
    {
        var text = TextTable.Render(["name", "note"],
            [[JsonValue.Create("alice@example.com"), JsonValue.Create("in a meeting")], [JsonValue.Create("bob"), null]]);
        Assert.Equal("""
            name               note
            -----------------  ------------
            alice@example.com  in a meeting
            bob

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void Section_keys_align_and_errors_go_to_stderr()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var renderer = new OutputRenderer(output, error, jsonMode: false);
        renderer.Render(new SectionFrame(1, "Node", [new SectionEntry("name", JsonValue.Create("node1")), new SectionEntry("uptime", JsonValue.Create(42))]));
        renderer.Render(new ErrorFrame(1, "boom"));
        Assert.Equal("Node\n  name:   node1\n  uptime: 42\n", output.ToString());
        Assert.Equal("error: boom\n", error.ToString());
    }

    [Fact]
    public void Json_mode_prints_one_compact_value_per_line()
    {
        var output = new StringWriter();
        var renderer = new OutputRenderer(output, new StringWriter(), jsonMode: true);
        renderer.Render(new JsonFrame(1, new JsonObject { ["a"] = 1, ["b"] = new JsonArray(1, 2) }));
        renderer.Render(new JsonFrame(1, JsonValue.Create("x")));
        Assert.Equal("{\"a\":1,\"b\":[1,2]}\n\"x\"\n", output.ToString());
    }
}
