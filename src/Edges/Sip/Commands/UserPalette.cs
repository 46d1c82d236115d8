using Cluster.Actors.Common;
using Cluster.Actors.Users;
using Cluster.Runtime.Commands;

namespace Cluster.Edges.Sip.Commands;

/// <summary>
/// <c>uc user ...</c>: provisioning through the user entities (add, show, list, passwd, disable, remove, import), the way
/// an operator manages accounts without the web admin. Passwords are turned into hashes by the entity and never echoed.
/// </summary>
public static class UserPalette
{
    public static CommandPalette Create(IUserGateway users, IUserDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(directory);
        var user = new CommandArgument("user", "user@domain");
        var password = CommandOption.Value("password", "the new password (SIP digest HA1 and web hash are derived from it)", 'p', required: true, valueName: "password");
        return new CommandPalette("user", "User accounts",
        [
            new CommandDefinition("add", "Create a user with a password", async (invocation, output, ct) =>
            {
                var address = UserCommandSupport.Address(invocation);
                var display = invocation.Option("display") ?? address.User;
                await AddAsync(users, address, invocation.Option("password")!, display, null, null, ct);
                await output.WriteLineAsync($"User {address} created");
            }, [user], [password, CommandOption.Value("display", "display name (default: the user part)", 'd', valueName: "name")]),

            new CommandDefinition("show", "Profile and status of one user", async (invocation, output, ct) =>
            {
                var address = UserCommandSupport.Address(invocation);
                var profile = UserCommandSupport.Expect<ProfileReply>(await users.QueryAsync(address, GetProfile.Instance, ct), address);
                if (profile.Status != UserStatus.Active) throw new CommandFailedException($"no such user {address}");
                var p = profile.Profile;
                await output.WriteSectionAsync(address.ToString(),
                [
                    new("display name", p.DisplayName),
                    new("email", p.Email),
                    new("phone numbers", string.Join(", ", p.PhoneNumbers)),
                    new("department", p.Department),
                    new("disabled", p.Disabled),
                    new("created", p.CreatedAt),
                ]);
            }, [user]),

            new CommandDefinition("list", "List users (from the directory projection)", async (invocation, output, ct) =>
            {
                var limit = invocation.IntOption("limit", 100, min: 1, max: 10_000);
                UserAddress? after = invocation.Option("after") is { } a ? UserAddress.TryParse(a, out var parsed, out var error)
                    ? parsed : throw new CommandUsageException($"--after '{a}' is not a user address: {error}") : null;
                var table = new CommandTable("user");
                foreach (var address in await directory.ListAsync(invocation.Option("domain"), limit, after, ct)) table.AddRow(address.ToString());
                await output.WriteTableAsync(table);
            }, options: [
                CommandOption.Value("domain", "only users of this domain", valueName: "domain"),
                CommandOption.Value("limit", "most users to list (default 100)", 'l', valueName: "n"),
                CommandOption.Value("after", "continue after this user (paging)", valueName: "user@domain"),
            ]),

            new CommandDefinition("passwd", "Set a user's password", async (invocation, output, ct) =>
            {
                var address = UserCommandSupport.Address(invocation);
                UserCommandSupport.Expect<Ack>(await users.SendAsync(address, new SetPassword(invocation.Option("password")!), ct), address);
                await output.WriteLineAsync($"Password of {address} changed");
            }, [user], [password]),

            new CommandDefinition("disable", "Disable a user (drops registrations and sessions), or enable it again", async (invocation, output, ct) =>
            {
                var address = UserCommandSupport.Address(invocation);
                var enable = invocation.Flag("enable");
                UserCommandSupport.Expect<Ack>(await users.SendAsync(address, new SetUserDisabled(!enable), ct), address);
                await output.WriteLineAsync($"User {address} {(enable ? "enabled" : "disabled")}");
            }, [user], [CommandOption.Flag("enable", "enable instead of disable")]),

            new CommandDefinition("remove", "Delete a user and all its data", async (invocation, output, ct) =>
            {
                var address = UserCommandSupport.Address(invocation);
                UserCommandSupport.Expect<Ack>(await users.SendAsync(address, new RemoveUser(), ct), address);
                await output.WriteLineAsync($"User {address} removed");
            }, [user]),

            new CommandDefinition("import", "Create users from a CSV file on the node (address,password[,display name,email,department])", async (invocation, output, ct) =>
            {
                var path = invocation.Argument("file")!;
                string text;
                try
                {
                    text = await File.ReadAllTextAsync(path, ct);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new CommandFailedException($"cannot read {path}: {ex.Message}");
                }
                var (rows, errors) = UserCsv.Parse(text);
                var failures = new List<string>(errors);
                var created = 0;
                foreach (var row in rows)
                {
                    if (!UserAddress.TryParse(row.Address, out var address, out var error))
                    {
                        failures.Add($"line {row.Line}: '{row.Address}' is not a user address: {error}");
                        continue;
                    }
                    try
                    {
                        await AddAsync(users, address, row.Password, row.DisplayName ?? address.User, row.Email, row.Department, ct);
                        created++;
                    }
                    catch (CommandFailedException ex)
                    {
                        failures.Add($"line {row.Line}: {ex.Message}");
                    }
                }
                var table = new CommandTable("line", "error");
                foreach (var failure in failures.OrderBy(LineOf)) table.AddRow(LineOf(failure), failure[(failure.IndexOf(':') + 2)..]);
                if (failures.Count > 0) await output.WriteTableAsync(table);
                await output.WriteSectionAsync("Import", [new("created", created), new("failed", failures.Count)]);
                if (failures.Count > 0) throw new CommandFailedException($"{failures.Count} of {rows.Count + errors.Count} lines of {path} failed");
            }, [new CommandArgument("file", "CSV file path on the node")]),
        ]);
    }

    private static int LineOf(string failure) => int.Parse(failure.AsSpan(5, failure.IndexOf(':') - 5), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Creates the user and sets its password; a refused password removes the half-created user again.</summary>
    private static async Task AddAsync(IUserGateway users, UserAddress address, string password, string display, string? email, string? department,
        CancellationToken ct)
    {
        UserCommandSupport.Expect<Ack>(await users.SendAsync(address, new CreateUser(display, email, null, department), ct), address);
        var reply = await users.SendAsync(address, new SetPassword(password), ct);
        if (reply is CommandRejected rejected)
        {
            await users.SendAsync(address, new RemoveUser(), ct);
            throw new CommandFailedException($"{address}: {rejected.Reason} ({rejected.Code})");
        }
    }
}
