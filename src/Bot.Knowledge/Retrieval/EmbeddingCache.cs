using System.Security.Cryptography;
using System.Text;

namespace Bot.Knowledge.Retrieval;

/// <summary>
/// Embeddings of corpus texts kept in the data directory, keyed by the SHA-256 of model id and
/// text, so that a restart embeds only what changed. A damaged file is ignored and rewritten.
/// </summary>
internal sealed class EmbeddingCache(string path, string modelId)
{
    private const string Magic = "BOTEMB1";
    private readonly Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);
    private bool _dirty;

    public int Count => _vectors.Count;

    public string Key(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(modelId + "\n" + text)));

    public bool TryGet(string text, out float[] vector) => _vectors.TryGetValue(Key(text), out vector!);

    public void Put(string text, float[] vector)
    {
        _vectors[Key(text)] = vector;
        _dirty = true;
    }

    public void Load()
    {
        if (!File.Exists(path))
        {
            return;
        }

        try
        {
            using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            if (reader.ReadString() != Magic || reader.ReadString() != modelId)
            {
                return;
            }

            var count = reader.ReadInt32();
            for (var i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                var length = reader.ReadInt32();
                var vector = new float[length];
                for (var j = 0; j < length; j++)
                {
                    vector[j] = reader.ReadSingle();
                }

                _vectors[key] = vector;
            }
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or FormatException)
        {
            // A truncated or foreign file only costs a re-embedding.
            _vectors.Clear();
        }
    }

    /// <summary>Keeps only the given texts' vectors and writes the file if anything changed.</summary>
    public void Save(IEnumerable<string> keep)
    {
        var wanted = keep.Select(Key).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in _vectors.Keys.Where(k => !wanted.Contains(k)).ToList())
        {
            _vectors.Remove(stale);
            _dirty = true;
        }

        if (!_dirty)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temporary), Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(modelId);
            writer.Write(_vectors.Count);
            foreach (var (key, vector) in _vectors)
            {
                writer.Write(key);
                writer.Write(vector.Length);
                foreach (var value in vector)
                {
                    writer.Write(value);
                }
            }
        }

        File.Move(temporary, path, overwrite: true);
        _dirty = false;
    }
}
