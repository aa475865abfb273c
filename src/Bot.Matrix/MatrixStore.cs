using Bot.Core.Storage;
using LiteDB;

namespace Bot.Matrix;

/// <summary>
/// What the adapter keeps between runs: the device and token of a password login (so the same
/// device, and so the same txnId scope, is reused), the filter id and the sync token.
/// </summary>
internal sealed class MatrixStore(IStateStore state)
{
    public string? AccessToken { get => state.Get("matrix.accessToken"); set => state.Set("matrix.accessToken", value ?? ""); }

    public string? DeviceId { get => state.Get("matrix.deviceId"); set => state.Set("matrix.deviceId", value ?? ""); }

    public string? FilterId { get => Empty(state.Get("matrix.filterId")); set => state.Set("matrix.filterId", value ?? ""); }

    public string? NextBatch { get => Empty(state.Get("matrix.nextBatch")); set => state.Set("matrix.nextBatch", value ?? ""); }

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
