using System.IO.Compression;
using SharpCompress.Compressors.BZip2;
using SharpCompress.Compressors.Xz;
using ZstdSharp;

namespace Bot.Packages.Repodata;

/// <summary>Opens a metadata file by its extension (gz, xz, bz2, zst, or plain) with a cap on what it may expand to.</summary>
internal static class Decompression
{
    public static Stream Open(Stream compressed, string href, long maxOpenBytes)
    {
        Stream open = Path.GetExtension(href).ToLowerInvariant() switch
        {
            ".gz" => new GZipStream(compressed, CompressionMode.Decompress),
            ".xz" => new XZStream(compressed),
            ".bz2" => BZip2Stream.Create(compressed, SharpCompress.Compressors.CompressionMode.Decompress, decompressConcatenated: true, leaveOpen: false, tolerateTruncatedStream: false),
            ".zst" or ".zstd" => new DecompressionStream(compressed),
            ".zck" => throw new RepodataException($"{Path.GetFileName(href)}: zchunk metadata is not supported; the repository also lists gz/xz files in most cases"),
            _ => compressed,
        };
        return new LimitedStream(open, maxOpenBytes, Path.GetFileName(href));
    }
}

/// <summary>Stops reading past a size limit: a decompression bomb fails fast instead of filling memory or disk.</summary>
internal sealed class LimitedStream(Stream inner, long limit, string name) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Count(int read)
    {
        _read += read;
        if (_read > limit)
        {
            throw new RepodataException($"{name} expands beyond the limit of {limit / (1024 * 1024)} MB; refusing it");
        }

        return read;
    }
}
