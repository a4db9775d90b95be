using AgentRuntime.Host.Configuration;

namespace AgentRuntime.Host.Dispatch;

/// <summary>
/// The <c>maxConcurrent</c> limit of each adapter that sets one, shared by a dispatcher's attempts
/// running at once. An attempt holds its selected adapter's slot while the adapter runs, so the
/// limit holds whatever the claim guessed (a fallback, a profile's default adapter). Adapters
/// without a limit have no slot and never wait.
/// </summary>
internal sealed class AdapterSlots : IDisposable
{
    private readonly Dictionary<string, SemaphoreSlim> _slots;

    public AdapterSlots(RuntimeConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _slots = config.Adapters
            .Where(a => a.MaxConcurrent is not null)
            .ToDictionary(a => a.Id, a => new SemaphoreSlim(a.MaxConcurrent!.Value, a.MaxConcurrent!.Value), StringComparer.Ordinal);
    }

    /// <summary>Waits for a slot of <paramref name="adapterId"/>; dispose the result to give it back.</summary>
    public async Task<IDisposable> EnterAsync(string adapterId, CancellationToken cancellationToken)
    {
        if (!_slots.TryGetValue(adapterId, out var slot))
        {
            return Held.None;
        }

        await slot.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Held(slot);
    }

    public void Dispose()
    {
        foreach (var slot in _slots.Values)
        {
            slot.Dispose();
        }
    }

    private sealed class Held(SemaphoreSlim? slot) : IDisposable
    {
        public static readonly Held None = new(null);

        private SemaphoreSlim? _slot = slot;

        public void Dispose() => Interlocked.Exchange(ref _slot, null)?.Release();
    }
}
