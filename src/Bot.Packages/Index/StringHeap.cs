using System.Buffers;
using System.IO.Hashing;
using System.Text;

namespace Bot.Packages.Index;

/// <summary>
/// The index's strings, each stored once (a path's directory and base name are separate strings,
/// so a million paths share their directories). A reference is the string's byte offset.
/// </summary>
/// <remarks>
/// Strings are found again by a hash table of offsets into the heap's own bytes rather than a
/// dictionary of .NET strings: for the millions of strings of the largest repositories that is
/// 8 bytes an entry instead of a hundred.
/// </remarks>
internal sealed class StringHeap
{
    private readonly ArrayBufferWriter<byte> _bytes = new(1 << 20);
    private byte[] _scratch = new byte[256];

    // Open addressing: each slot holds an offset + 1 (0 is empty) and the hash's upper half beside it.
    private uint[] _slots = new uint[1 << 12];
    private uint[] _hashes = new uint[1 << 12];
    private int _count;

    public ReadOnlySpan<byte> Written => _bytes.WrittenSpan;

    public uint Add(string? text) => text is null ? IndexFormat.NoString : Add(text.AsSpan());

    public uint Add(ReadOnlySpan<char> text)
    {
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_scratch.Length < length)
        {
            _scratch = new byte[Math.Max(length, _scratch.Length * 2)];
        }

        var utf8 = _scratch.AsSpan(0, Encoding.UTF8.GetBytes(text, _scratch));
        var hash = XxHash3.HashToUInt64(utf8);
        var mask = _slots.Length - 1;
        for (var slot = (int)hash & mask; ; slot = (slot + 1) & mask)
        {
            if (_slots[slot] == 0)
            {
                var offset = Append(utf8);
                _slots[slot] = offset + 1;
                _hashes[slot] = (uint)(hash >> 32);
                if (++_count * 2 > _slots.Length)
                {
                    Grow();
                }

                return offset;
            }

            if (_hashes[slot] == (uint)(hash >> 32) && Bytes(_slots[slot] - 1).SequenceEqual(utf8))
            {
                return _slots[slot] - 1;
            }
        }
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

    private void Grow()
    {
        var (slots, hashes) = (_slots, _hashes);
        _slots = new uint[slots.Length * 2];
        _hashes = new uint[slots.Length * 2];
        var mask = _slots.Length - 1;
        for (var i = 0; i < slots.Length; i++)
        {
            if (slots[i] != 0)
            {
                // The full hash is not kept; the heap's bytes give it again.
                var hash = XxHash3.HashToUInt64(Bytes(slots[i] - 1));
                var slot = (int)hash & mask;
                while (_slots[slot] != 0)
                {
                    slot = (slot + 1) & mask;
                }

                (_slots[slot], _hashes[slot]) = (slots[i], hashes[i]);
            }
        }
    }

    private uint Append(ReadOnlySpan<byte> utf8)
    {
        // One array holds the heap, and references are read back as int offsets: 2 GB at most.
        if ((long)_bytes.WrittenCount + utf8.Length + 5 >= Array.MaxLength)
        {
            throw new Repodata.RepodataException("the repository's strings exceed the package index's 2 GB string heap");
        }

        var offset = (uint)_bytes.WrittenCount;
        var header = _bytes.GetSpan(5);
        var written = 0;
        var value = (uint)utf8.Length;
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            header[written++] = value == 0 ? b : (byte)(b | 0x80);
        }
        while (value != 0);

        _bytes.Advance(written);
        utf8.CopyTo(_bytes.GetSpan(utf8.Length));
        _bytes.Advance(utf8.Length);
        return offset;
    }
}
