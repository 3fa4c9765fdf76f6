using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Contest.Web.Hosting;

/// <summary>
/// Kestrel's socket buffers, kept ready in proportion to the open connections. .NET 10's own pool hands idle
/// blocks back to the GC, so the first question sent to 10,000 phones had to allocate some 20,000 pinned
/// 4 KB blocks at once (pinned-heap allocations take a lock) and reached the phones 0.3 s later than the next
/// questions did. Here two blocks per connection are made as it opens, spread over the joins, and blocks
/// beyond that reserve are let go as they come back.
/// </summary>
public sealed class ConnectionBufferPool : MemoryPool<byte>
{
    public const int BlockSize = 4096;
    public const int PerConnection = 2;

    /// <summary>Kept even with no connections: a page load or two without allocating.</summary>
    public const int Slack = 256;

    private readonly ConcurrentQueue<Block> _free = new();
    private int _connections;
    private int _created;
    private int _idle; // _free's length: ConcurrentQueue.Count takes a snapshot, too slow for every socket read and write

    public override int MaxBufferSize => BlockSize;

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Blocks that exist now, lent out or free.</summary>
    public int Created => Volatile.Read(ref _created);

    public int Free => Volatile.Read(ref _idle);

    private int Reserve => Connections * PerConnection + Slack;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        return TryTake(out var block) ? block.Lend() : New().Lend();
    }

    public void ConnectionOpened()
    {
        Interlocked.Increment(ref _connections);
        while (Created < Connections * PerConnection) Keep(New());
    }

    public void ConnectionClosed()
    {
        Interlocked.Decrement(ref _connections);
        for (var i = 0; i < PerConnection && Free > Reserve && TryTake(out _); i++) Interlocked.Decrement(ref _created);
    }

    private Block New()
    {
        Interlocked.Increment(ref _created);
        return new Block(this);
    }

    private void Return(Block block)
    {
        if (Free < Reserve) Keep(block);
        else Interlocked.Decrement(ref _created);
    }

    private void Keep(Block block)
    {
        _free.Enqueue(block);
        Interlocked.Increment(ref _idle);
    }

    private bool TryTake(out Block block)
    {
        if (!_free.TryDequeue(out block!)) return false;
        Interlocked.Decrement(ref _idle);
        return true;
    }

    // Kestrel disposes its pool at shutdown; the blocks simply become garbage with it.
    protected override void Dispose(bool disposing) { }

    private sealed class Block : IMemoryOwner<byte>
    {
        private readonly ConnectionBufferPool _pool;
        private int _lent;

        public Block(ConnectionBufferPool pool)
        {
            _pool = pool;
            // Pinned and marked so, as Kestrel's own blocks are: socket I/O never has to pin them again.
            Memory = MemoryMarshal.CreateFromPinnedArray(GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true), 0, BlockSize);
        }

        public Memory<byte> Memory { get; }

        public Block Lend()
        {
            Volatile.Write(ref _lent, 1);
            return this;
        }

        public void Dispose()
        {
            // A second Dispose of the same loan must not put the block in the pool twice.
            if (Interlocked.Exchange(ref _lent, 0) == 1) _pool.Return(this);
        }
    }
}

/// <summary>Gives Kestrel the <see cref="ConnectionBufferPool"/> and tells it when connections open and close.</summary>
public static class ConnectionBufferSetup
{
    public static void AddConnectionBuffers(this IServiceCollection services)
    {
        services.AddSingleton<ConnectionBufferPool>();
        services.AddSingleton<IMemoryPoolFactory<byte>, Factory>();
        services.AddOptions<KestrelServerOptions>().Configure<ConnectionBufferPool>((kestrel, pool) =>
            kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Use(next => async connection =>
            {
                pool.ConnectionOpened();
                try { await next(connection); }
                finally { pool.ConnectionClosed(); }
            })));
    }

    private sealed class Factory(ConnectionBufferPool pool) : IMemoryPoolFactory<byte>
    {
        public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => pool;
    }
}
