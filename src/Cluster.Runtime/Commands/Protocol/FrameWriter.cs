namespace Cluster.Runtime.Commands.Protocol;

/// <summary>
/// Writes frames to a stream one at a time, so a cancel sent while a request is in flight never interleaves bytes
/// with another frame.
/// </summary>
public sealed class FrameWriter(Stream stream)
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async ValueTask WriteAsync(ShellFrame frame, CancellationToken cancellationToken)
    {
        var bytes = ShellProtocol.Encode(frame);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }
}
