using Cluster.Actors.Users;
using Cluster.Edges.Sip.Commands;
using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Tests.Sip.Core.Support;
using Cluster.Runtime.Commands;
using Cluster.TestSupport;

namespace Cluster.Edges.Tests.Sip.Core.Commands;

/// <summary>The user, reg and presence palettes over the in-process domain.</summary>
public sealed class UserPaletteTests
{
    private static (InProcessUserGateway Gateway, RecordingDirectory Directory, CommandPalette Palette) Create()
    {
        var gateway = new InProcessUserGateway(UserSettings.Default with { PasswordIterations = 1000 });
        var directory = new RecordingDirectory(gateway);
        return (gateway, directory, UserPalette.Create(directory, directory));
    }

    [Fact]
    public async Task Add_show_passwd_disable_list_and_remove_a_user()
    {
        var (gateway, _, palette) = Create();
        Assert.Equal(["User carol@example.com created"], (await PaletteRunner.RunAsync(palette, "add", "Carol@Example.com", "--password", "long-enough-1", "--display", "Carol C")).Lines);
        var carol = EdgeHarness.Address("carol");
        Assert.True(gateway.StateOf(carol).Credentials!.Web.Verify("long-enough-1"));

        var shown = Assert.Single((await PaletteRunner.RunAsync(palette, "show", "carol@example.com")).Items).ToString()!;
        Assert.Contains("Carol C", shown);

        await PaletteRunner.RunAsync(palette, "passwd", "carol@example.com", "-p", "another-secret-2");
        Assert.True(gateway.StateOf(carol).Credentials!.Web.Verify("another-secret-2"));
        await PaletteRunner.RunAsync(palette, "disable", "carol@example.com");
        Assert.True(gateway.StateOf(carol).Profile.Disabled);

        var listed = Assert.Single((await PaletteRunner.RunAsync(palette, "list", "--domain", "example.com")).Tables);
        Assert.Equal("carol@example.com", Assert.Single(listed.Rows)[0]);

        await PaletteRunner.RunAsync(palette, "remove", "carol@example.com");
        Assert.Empty(Assert.Single((await PaletteRunner.RunAsync(palette, "list")).Tables).Rows);
        var error = await Assert.ThrowsAsync<CommandFailedException>(() => PaletteRunner.RunAsync(palette, "show", "carol@example.com"));
        Assert.Equal("no such user carol@example.com", error.Message);
    }

    [Fact]
    public async Task Add_with_a_weak_password_fails_and_leaves_no_user()
    {
        var (gateway, _, palette) = Create();
        var error = await Assert.ThrowsAsync<CommandFailedException>(() => PaletteRunner.RunAsync(palette, "add", "dan@example.com", "--password", "short"));
        Assert.Contains("WeakPassword", error.Message);
        Assert.NotEqual(UserStatus.Active, gateway.StateOf(EdgeHarness.Address("dan")).Status);
        await Assert.ThrowsAsync<CommandUsageException>(() => PaletteRunner.RunAsync(palette, "show", "not-an-address"));
    }

    [Fact]
    public async Task Import_creates_valid_rows_and_reports_each_bad_line_by_number()
    {
        var (gateway, _, palette) = Create();
        var file = Path.Combine(Path.GetTempPath(), $"users-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file,
            "address,password,display name,email,department\n" +
            "erin@example.com,erin-password-1,\"Erin, E.\",erin@example.com,Sales\n" +
            "not-an-address,whatever-pass-1\n" +
            "# a comment\n" +
            "frank@example.com,short\n" +
            "gina@example.com,\"unterminated\n" +
            "hank@example.com,hank-password-1\n");
        try
        {
            var error = await Assert.ThrowsAsync<CommandFailedException>(() => PaletteRunner.RunAsync(palette, "import", file));
            Assert.Contains("3 of 5 lines", error.Message);
            Assert.Equal("Erin, E.", gateway.StateOf(EdgeHarness.Address("erin")).Profile.DisplayName);
            Assert.Equal("Sales", gateway.StateOf(EdgeHarness.Address("erin")).Profile.Department);
            Assert.Equal(UserStatus.Active, gateway.StateOf(EdgeHarness.Address("hank")).Status);
            Assert.NotEqual(UserStatus.Active, gateway.StateOf(EdgeHarness.Address("frank")).Status);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Import_table_names_the_failing_lines()
    {
        var (_, directory, _) = Create();
        var file = Path.Combine(Path.GetTempPath(), $"users-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "ivy@example.com,ivy-password-1\nbad line without comma\n");
        var output = new RecordingOutput();
        var palette = UserPalette.Create(directory, directory);
        var command = palette.FindCommand("import")!;
        try
        {
            await Assert.ThrowsAsync<CommandFailedException>(() =>
                command.Handler(Cluster.Runtime.Commands.Parsing.CommandLineParser.Parse("user", command, [file], false), output, CancellationToken.None));
            var row = Assert.Single(Assert.Single(output.Tables).Rows);
            Assert.Equal(2, row[0]);
            Assert.Contains("expected 2 to 5 columns", (string)row[1]!);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Reg_show_lists_each_binding_with_its_node_and_flow_and_presence_show_its_watchers()
    {
        await using var harness = new EdgeHarness();
        await harness.CreateUserAsync("alice");
        await harness.CreateUserAsync("bob");
        await using var phone = await harness.ClientAsync("alice", "TCP");
        var callId = "palette@reg";
        Assert.Equal(200, (await phone.SendAuthenticatedAsync((cseq, auth) =>
        {
            var b = phone.NewRequest("REGISTER", "sip:example.com", EdgeHarness.Uri("alice"), EdgeHarness.Uri("alice"), callId, cseq)
                .AddHeader("Contact", $"<{phone.ContactUri("alice")}>").AddHeader("Expires", "600");
            return auth is null ? b : b.AddHeader("Authorization", auth);
        })).StatusCode);
        await harness.Users.SendAsync(EdgeHarness.Address("alice"), new Subscribe(new("node9", "sub-x"), EdgeHarness.Address("bob"), DeviceKind.Web, 600));

        var reg = Assert.Single((await PaletteRunner.RunAsync(RegistrationPalette.Create(harness.Users), "show", "alice@example.com")).Tables);
        var row = Assert.Single(reg.Rows);
        Assert.Equal(phone.ContactUri("alice"), row[0]);
        Assert.Equal("node1", row[5]);
        Assert.True(harness.Edge.Transport.FlowTokens.TryDecode((string)row[6]!, out _));

        var presence = await PaletteRunner.RunAsync(PresencePalette.Create(harness.Users), "show", "alice@example.com");
        Assert.Contains("Available", presence.Items[0].ToString());
        var watcher = Assert.Single(Assert.Single(presence.Tables).Rows);
        Assert.Equal(["bob@example.com", "Web", "Active", "Company"], watcher.Take(4));
    }
}
