namespace Bot.Packages.Rpm;

/// <summary>rpm's version comparison, as rpmvercmp.c in rpm 4.18 does it, tilde and caret included.</summary>
internal static class RpmVersion
{
    /// <summary>-1, 0 or 1 as <paramref name="a"/> is older than, equal to or newer than <paramref name="b"/>.</summary>
    public static int Compare(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 0;
        }

        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            while (i < a.Length && !IsAlnum(a[i]) && a[i] != '~' && a[i] != '^')
            {
                i++;
            }

            while (j < b.Length && !IsAlnum(b[j]) && b[j] != '~' && b[j] != '^')
            {
                j++;
            }

            // A tilde sorts before everything else, even the end of the string.
            if (At(a, i) == '~' || At(b, j) == '~')
            {
                if (At(a, i) != '~')
                {
                    return 1;
                }

                if (At(b, j) != '~')
                {
                    return -1;
                }

                i++;
                j++;
                continue;
            }

            // A caret sorts like a tilde, except that the end of the string sorts before it.
            if (At(a, i) == '^' || At(b, j) == '^')
            {
                if (i >= a.Length)
                {
                    return -1;
                }

                if (j >= b.Length)
                {
                    return 1;
                }

                if (a[i] != '^')
                {
                    return 1;
                }

                if (b[j] != '^')
                {
                    return -1;
                }

                i++;
                j++;
                continue;
            }

            if (i >= a.Length || j >= b.Length)
            {
                break;
            }

            var numeric = IsDigit(a[i]);
            var endA = i;
            var endB = j;
            if (numeric)
            {
                while (endA < a.Length && IsDigit(a[endA]))
                {
                    endA++;
                }

                while (endB < b.Length && IsDigit(b[endB]))
                {
                    endB++;
                }
            }
            else
            {
                while (endA < a.Length && IsAlpha(a[endA]))
                {
                    endA++;
                }

                while (endB < b.Length && IsAlpha(b[endB]))
                {
                    endB++;
                }
            }

            // Segments of different types: a number is newer than letters.
            if (endB == j)
            {
                return numeric ? 1 : -1;
            }

            var segA = a.AsSpan(i, endA - i);
            var segB = b.AsSpan(j, endB - j);
            if (numeric)
            {
                segA = segA.TrimStart('0');
                segB = segB.TrimStart('0');
                if (segA.Length != segB.Length)
                {
                    return segA.Length > segB.Length ? 1 : -1;
                }
            }

            var order = segA.CompareTo(segB, StringComparison.Ordinal);
            if (order != 0)
            {
                return order < 0 ? -1 : 1;
            }

            i = endA;
            j = endB;
        }

        if (i >= a.Length && j >= b.Length)
        {
            return 0;
        }

        return i >= a.Length ? -1 : 1;
    }

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsAlpha(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');

    private static bool IsAlnum(char c) => IsDigit(c) || IsAlpha(c);
}
