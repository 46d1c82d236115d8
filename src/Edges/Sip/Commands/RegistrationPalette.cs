using Cluster.Actors.Users;
using Cluster.Runtime.Commands;

namespace Cluster.Edges.Sip.Commands;

/// <summary><c>uc reg show</c>: a user's SIP bindings with the node and flow that hold each (where requests to it go).</summary>
public static class RegistrationPalette
{
    public static CommandPalette Create(IUserGateway users)
    {
        ArgumentNullException.ThrowIfNull(users);
        return new CommandPalette("reg", "SIP registrations",
        [
            new CommandDefinition("show", "Live bindings of one user", async (invocation, output, ct) =>
            {
                var address = UserCommandSupport.Address(invocation);
                var bindings = UserCommandSupport.Expect<BindingsReply>(await users.QueryAsync(address, GetBindings.Instance, ct), address);
                var table = new CommandTable("contact", "expires", "q", "instance", "reg-id", "node", "flow", "user-agent");
                foreach (var b in bindings.Bindings)
                    table.AddRow(b.ContactUri, b.ExpiresInSeconds, b.Q, b.InstanceId, b.RegId, b.Flow.NodeId, b.Flow.Token, b.UserAgent);
                await output.WriteTableAsync(table);
            }, [new CommandArgument("user", "user@domain")]),
        ]);
    }
}
