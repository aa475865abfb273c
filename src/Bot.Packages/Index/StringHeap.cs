using System.Buffers;
using System.Text;

namespace Bot.Packages.Index;

/// <summary>
/// The index's strings, each stored once (a path's directory and base name are separate strings,
/// so a million paths share their directories). A reference is the string's byte offset.
/// </summary>
internal sealed class StringHeap
{
    private readonly Dictionary<string, uint> _offsets = new(StringComparer.Ordinal);
    private readonly ArrayBufferWriter<byte> _bytes = new(1 << 20);

    public int Length => _bytes.WrittenCount;

    public ReadOnlySpan<byte> Written => _bytes.WrittenSpan;

    public uint Add(string? text)
    {
        if (text is null)
        {
            return IndexFormat.NoString;
        }

        var lookup = _offsets.GetAlternateLookup<ReadOnlySpan<char>>();
        return lookup.TryGetValue(text, out var offset) ? offset : Append(text, text);
    }

    /// <summary>Adds a slice of a larger string without allocating it when it is already stored.</summary>
    public uint Add(ReadOnlySpan<char> text)
    {
        var lookup = _offsets.GetAlternateLookup<ReadOnlySpan<char>>();
        return lookup.TryGetValue(text, out var offset) ? offset : Append(text.ToString(), text);
    }

    /// <summary>The UTF-8 bytes of a stored string, for sorting by the order lookups search in.</summary>
    public ReadOnlySpan<byte> Bytes(uint reference) => Read(_bytes.WrittenSpan, reference);

    /// <summary>Reads the string at <paramref name="reference"/> out of a heap's bytes.</summary>
    public static ReadOnlySpan<byte> Read(ReadOnlySpan<byte> heap, uint reference)
    {
        var position = (int)reference;
        var length = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = heap[position++];
            length |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }

            if (shift > 28)
            {
                throw new InvalidDataException("a string length in the package index is malformed");
            }
        }

        return heap.Slice(position, length);
    }

    private uint Append(string key, ReadOnlySpan<char> text)
    {
        if ((long)_bytes.WrittenCount + (text.Length * 3) + 5 >= IndexFormat.NoString)
        {
            throw new InvalidDataException("the repository's strings exceed the package index's 4 GB heap");
        }

        var offset = (uint)_bytes.WrittenCount;
        var length = Encoding.UTF8.GetByteCount(text);
        var header = _bytes.GetSpan(5);
        var written = 0;
        var value = (uint)length;
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            header[written++] = value == 0 ? b : (byte)(b | 0x80);
        }
        while (value != 0);

        _bytes.Advance(written);
        Encoding.UTF8.GetBytes(text, _bytes.GetSpan(length));
        _bytes.Advance(length);
        _offsets[key] = offset;
        return offset;
    }
}
