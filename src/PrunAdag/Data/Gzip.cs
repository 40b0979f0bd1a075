using System.IO.Hashing;

namespace PrunAdag.Data;

/// <summary>
/// A strict gzip (RFC 1952) decoder with its own DEFLATE (RFC 1951) inflater, so that nothing is read wrong in
/// silence: every member's header is checked (its header CRC too, when present), the deflate data must end with
/// a final block, the 8-byte trailer of every member must be there and match (CRC-32 of the member's
/// decompressed bytes, and their count modulo 2³²), and whatever follows a member must be another member.
/// A file cut anywhere inside a member, a flipped bit the trailer catches, or trailing bytes that are not a
/// member give a <see cref="FormatException"/> naming the file and the compressed byte offset.
/// </summary>
/// <remarks>
/// The decoder holds the whole compressed file and the whole output in memory (data files are read whole
/// anyway), so back-references index the output directly and the exact end of each deflate stream is known,
/// which <see cref="System.IO.Compression.GZipStream"/> does not expose (it also ends quietly on a cut stream).
/// A file cut exactly between two members cannot be told from a shorter file; gzip itself cannot either.
/// </remarks>
internal static class Gzip
{
    /// <summary>True when <paramref name="data"/> starts with the gzip magic 0x1f 0x8b.</summary>
    public static bool HasMagic(ReadOnlySpan<byte> data) => data.Length >= 2 && data[0] == 0x1f && data[1] == 0x8b;

    /// <summary>Decompresses every member of <paramref name="input"/>; the output may not exceed <paramref name="maxBytes"/>.</summary>
    /// <exception cref="FormatException">A malformed, truncated or corrupted stream, or output above the limit; the message names <paramref name="path"/> and the compressed byte offset.</exception>
    public static byte[] Decompress(byte[] input, string path, long maxBytes)
    {
        var output = new Output(path, maxBytes, input.Length);
        int pos = 0;
        for (int member = 1; ; member++)
        {
            pos = SkipHeader(input, pos, path, member);
            long start = output.Length;
            pos = new Inflater(input, pos, output, start, path, member).Run();
            if (input.Length - pos < 8)
                throw new FormatException($"{path}: compressed byte offset {input.Length}: the file ends inside the 8-byte trailer (CRC-32 and size) of gzip member {member}, which starts at offset {pos}: the file is truncated.");
            uint crc = ReadUInt32(input, pos), size = ReadUInt32(input, pos + 4);
            uint actualCrc = Crc32.HashToUInt32(output.Slice(start));
            if (crc != actualCrc)
                throw new FormatException($"{path}: compressed byte offset {pos}: CRC-32 mismatch in the trailer of gzip member {member}: it records 0x{crc:x8} but the data decompress to 0x{actualCrc:x8}: the file is corrupt.");
            uint actualSize = unchecked((uint)(output.Length - start));
            if (size != actualSize)
                throw new FormatException($"{path}: compressed byte offset {pos + 4}: size mismatch in the trailer of gzip member {member}: it records {size} bytes (mod 2³²) but the data decompress to {actualSize}: the file is corrupt.");
            pos += 8;
            if (pos == input.Length) return output.ToArray();
            if (input[pos] != 0x1f || (pos + 1 < input.Length && input[pos + 1] != 0x8b))
                throw new FormatException($"{path}: compressed byte offset {pos}: {input.Length - pos} byte(s) after the end of gzip member {member} do not start another gzip member (trailing garbage).");
        }
    }

    /// <summary>Checks one member header (RFC 1952 §2.3) starting at <paramref name="pos"/>; returns the offset of its deflate data.</summary>
    private static int SkipHeader(byte[] d, int pos, string path, int member)
    {
        int start = pos;
        FormatException Cut() => new($"{path}: compressed byte offset {d.Length}: the file ends inside the header of gzip member {member}, which starts at offset {start}: the file is truncated.");
        if (d.Length - pos < 10) throw Cut();
        if (d[pos] != 0x1f || d[pos + 1] != 0x8b)
            throw new FormatException($"{path}: compressed byte offset {pos}: gzip member {member} does not start with the magic bytes 1f 8b.");
        if (d[pos + 2] != 8)
            throw new FormatException($"{path}: compressed byte offset {pos + 2}: gzip member {member} uses compression method {d[pos + 2]}; only 8 (deflate) exists.");
        byte flags = d[pos + 3];
        if ((flags & 0xe0) != 0)
            throw new FormatException($"{path}: compressed byte offset {pos + 3}: gzip member {member} sets reserved header flag bits (0x{flags:x2}): not a valid gzip header.");
        pos += 10;
        if ((flags & 0x04) != 0) // FEXTRA: a 2-byte length, then that many bytes
        {
            if (d.Length - pos < 2) throw Cut();
            int xlen = d[pos] | (d[pos + 1] << 8);
            pos += 2;
            if (d.Length - pos < xlen) throw Cut();
            pos += xlen;
        }
        for (int bit = 0x08; bit <= 0x10; bit <<= 1) // FNAME, then FCOMMENT: zero-terminated
        {
            if ((flags & bit) == 0) continue;
            int zero = Array.IndexOf(d, (byte)0, pos);
            if (zero < 0) throw Cut();
            pos = zero + 1;
        }
        if ((flags & 0x02) != 0) // FHCRC: the low 16 bits of the CRC-32 of the header so far
        {
            if (d.Length - pos < 2) throw Cut();
            uint expected = (uint)(d[pos] | (d[pos + 1] << 8));
            uint actual = Crc32.HashToUInt32(d.AsSpan(start, pos - start)) & 0xffff;
            if (expected != actual)
                throw new FormatException($"{path}: compressed byte offset {pos}: header CRC mismatch in gzip member {member} (recorded 0x{expected:x4}, computed 0x{actual:x4}): the file is corrupt.");
            pos += 2;
        }
        return pos;
    }

    private static uint ReadUInt32(byte[] d, int o) => (uint)(d[o] | (d[o + 1] << 8) | (d[o + 2] << 16) | (d[o + 3] << 24));

    /// <summary>The decompressed bytes, grown by doubling only as real output arrives, capped at the limit.</summary>
    private sealed class Output(string path, long maxBytes, int compressedLength)
    {
        private byte[] _buffer = new byte[(int)Math.Min(Math.Min(maxBytes, Array.MaxLength), Math.Max(4096L, 4L * compressedLength))];

        public long Length { get; private set; }

        public byte[] Buffer => _buffer;

        public ReadOnlySpan<byte> Slice(long start) => _buffer.AsSpan((int)start, (int)(Length - start));

        /// <summary>Makes room for <paramref name="count"/> more bytes.</summary>
        public void Reserve(int count, int compressedOffset)
        {
            long need = Length + count;
            if (need <= _buffer.Length) return;
            if (need > maxBytes || need > Array.MaxLength)
                throw new FormatException($"{path}: compressed byte offset {compressedOffset}: the decompressed data exceed the limit of {Math.Min(maxBytes, Array.MaxLength)} bytes (at decompressed byte offset {Length}).");
            long size = Math.Min(Math.Min(maxBytes, Array.MaxLength), Math.Max(need, 2L * _buffer.Length));
            Array.Resize(ref _buffer, (int)size);
        }

        public void Advance(int count) => Length += count;

        public byte[] ToArray() => _buffer.AsSpan(0, (int)Length).ToArray();
    }

    /// <summary>One DEFLATE stream (RFC 1951): bits are read least-significant first; Huffman codes through lookup tables.</summary>
    private sealed class Inflater(byte[] input, int pos, Output output, long memberStart, string path, int member)
    {
        private int _pos = pos;         // next input byte not yet in the bit buffer
        private ulong _bits;            // bit buffer, next bit in bit 0
        private int _count;             // valid bits in _bits

        // RFC 1951 §3.2.5: length codes 257..285 and distance codes 0..29.
        private static readonly int[] LengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
        private static readonly int[] LengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
        private static readonly int[] DistanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
        private static readonly int[] DistanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
        // RFC 1951 §3.2.7: the order in which the code-length code lengths are sent.
        private static readonly int[] CodeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

        private static readonly Lazy<(Huffman LitLen, Huffman Dist)> Fixed = new(() =>
        {
            // RFC 1951 §3.2.6: the fixed codes.
            var lit = new byte[288];
            for (int i = 0; i < 288; i++) lit[i] = (byte)(i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8);
            var dist = new byte[32];
            Array.Fill(dist, (byte)5);
            return (Huffman.Build(lit)!, Huffman.Build(dist)!);
        });

        /// <summary>Inflates to the final block; returns the offset of the first byte after the deflate data.</summary>
        public int Run()
        {
            bool last;
            do
            {
                int blockStart = BytePosition;
                last = Bits(1) == 1;
                int type = (int)Bits(2);
                switch (type)
                {
                    case 0: Stored(); break;
                    case 1: Codes(Fixed.Value.LitLen, Fixed.Value.Dist); break;
                    case 2:
                        var (lit, dist) = DynamicTables(blockStart);
                        Codes(lit, dist);
                        break;
                    default:
                        throw Corrupt(blockStart, "a deflate block of the reserved type 3");
                }
            } while (!last);
            // Whole bytes still in the bit buffer were read ahead: they follow the deflate data.
            return _pos - _count / 8;
        }

        /// <summary>The offset of the byte holding the next unread bit.</summary>
        private int BytePosition => _pos - (_count + 7) / 8;

        private FormatException Corrupt(int offset, string what) =>
            new($"{path}: compressed byte offset {offset}: {what} in gzip member {member}: the file is corrupt.");

        private FormatException Truncated() =>
            new($"{path}: compressed byte offset {input.Length}: the file ends inside the compressed data of gzip member {member} (decompressed so far: {output.Length - memberStart} bytes of it): the file is truncated.");

        private void Refill()
        {
            while (_count <= 56 && _pos < input.Length)
            {
                _bits |= (ulong)input[_pos++] << _count;
                _count += 8;
            }
        }

        private uint Bits(int n)
        {
            if (_count < n)
            {
                Refill();
                if (_count < n) throw Truncated();
            }
            uint v = (uint)(_bits & ((1UL << n) - 1));
            _bits >>= n;
            _count -= n;
            return v;
        }

        private int Decode(Huffman h)
        {
            if (_count < h.MaxLength) Refill();
            // Near the end of the input fewer bits than the longest code may remain: look up what there is.
            int entry = h.Table[(int)(_bits & h.Mask)];
            int length = entry & 15;
            if (length == 0) throw Corrupt(BytePosition, "an invalid Huffman code");
            if (length > _count) throw Truncated();
            _bits >>= length;
            _count -= length;
            return entry >> 4;
        }

        private void Stored()
        {
            // RFC 1951 §3.2.4: skip to a byte boundary, then LEN and NLEN (one's complement), then LEN raw bytes.
            _bits >>= _count % 8;
            _count -= _count % 8;
            int at = _pos - _count / 8;
            _pos = at; _bits = 0; _count = 0;
            if (input.Length - at < 4) throw Truncated();
            int len = input[at] | (input[at + 1] << 8), nlen = input[at + 2] | (input[at + 3] << 8);
            if ((len ^ 0xffff) != nlen)
                throw Corrupt(at, $"a stored block whose length {len} and its complement {nlen} disagree");
            at += 4;
            if (input.Length - at < len)
            {
                CopyOut(at, input.Length - at);
                throw Truncated();
            }
            CopyOut(at, len);
            _pos = at + len;
        }

        private void CopyOut(int at, int len)
        {
            output.Reserve(len, at);
            input.AsSpan(at, len).CopyTo(output.Buffer.AsSpan((int)output.Length));
            output.Advance(len);
        }

        private (Huffman LitLen, Huffman Dist) DynamicTables(int blockStart)
        {
            // RFC 1951 §3.2.7.
            int hlit = (int)Bits(5) + 257, hdist = (int)Bits(5) + 1, hclen = (int)Bits(4) + 4;
            if (hlit > 286) throw Corrupt(blockStart, $"a dynamic block announcing {hlit} literal/length codes (at most 286)");
            if (hdist > 30) throw Corrupt(blockStart, $"a dynamic block announcing {hdist} distance codes (at most 30)");
            var clen = new byte[19];
            for (int i = 0; i < hclen; i++) clen[CodeLengthOrder[i]] = (byte)Bits(3);
            var clCode = Huffman.Build(clen) ?? throw Corrupt(blockStart, "an invalid code-length code");
            var lengths = new byte[hlit + hdist];
            for (int i = 0; i < lengths.Length;)
            {
                int sym = Decode(clCode);
                if (sym < 16) { lengths[i++] = (byte)sym; continue; }
                int repeat; byte value = 0;
                if (sym == 16)
                {
                    if (i == 0) throw Corrupt(BytePosition, "a repeated code length with no previous length");
                    value = lengths[i - 1];
                    repeat = 3 + (int)Bits(2);
                }
                else if (sym == 17) repeat = 3 + (int)Bits(3);
                else repeat = 11 + (int)Bits(7);
                if (i + repeat > lengths.Length) throw Corrupt(BytePosition, "code lengths that run past the announced number of codes");
                lengths.AsSpan(i, repeat).Fill(value);
                i += repeat;
            }
            if (lengths[256] == 0) throw Corrupt(blockStart, "a dynamic block without an end-of-block code");
            var lit = Huffman.Build(lengths.AsSpan(0, hlit).ToArray()) ?? throw Corrupt(blockStart, "an invalid literal/length code");
            var dist = Huffman.Build(lengths.AsSpan(hlit, hdist).ToArray()) ?? throw Corrupt(blockStart, "an invalid distance code");
            return (lit, dist);
        }

        private void Codes(Huffman lit, Huffman dist)
        {
            while (true)
            {
                int sym = Decode(lit);
                if (sym < 256)
                {
                    output.Reserve(1, BytePosition);
                    output.Buffer[output.Length] = (byte)sym;
                    output.Advance(1);
                    continue;
                }
                if (sym == 256) return;
                sym -= 257;
                if (sym >= LengthBase.Length) throw Corrupt(BytePosition, $"the invalid length code {sym + 257}");
                int length = LengthBase[sym] + (int)Bits(LengthExtra[sym]);
                int d = dist.MaxLength == 0 ? throw Corrupt(BytePosition, "a back-reference in a block with no distance codes") : Decode(dist);
                if (d >= DistanceBase.Length) throw Corrupt(BytePosition, $"the invalid distance code {d}");
                int distance = DistanceBase[d] + (int)Bits(DistanceExtra[d]);
                if (distance > output.Length - memberStart)
                    throw Corrupt(BytePosition, $"a back-reference {distance} bytes back with only {output.Length - memberStart} decompressed");
                output.Reserve(length, BytePosition);
                var buffer = output.Buffer;
                int to = (int)output.Length, from = to - distance;
                if (distance >= length) buffer.AsSpan(from, length).CopyTo(buffer.AsSpan(to));
                else for (int k = 0; k < length; k++) buffer[to + k] = buffer[from + k]; // overlapping: byte by byte
                output.Advance(length);
            }
        }
    }

    /// <summary>A canonical Huffman code as a lookup table on the next <see cref="MaxLength"/> bits (RFC 1951 §3.2.2).</summary>
    private sealed class Huffman
    {
        /// <summary>Entry: symbol &lt;&lt; 4 | code length; 0 where no code matches (an incomplete code).</summary>
        public required int[] Table { get; init; }
        public required int MaxLength { get; init; }
        public ulong Mask => (1UL << MaxLength) - 1;

        /// <summary>
        /// The code of <paramref name="lengths"/> (0 = unused symbol), or null when the lengths over-subscribe the
        /// code space or leave part of it unused (allowed only for a code with a single symbol, as zlib does).
        /// </summary>
        public static Huffman? Build(byte[] lengths)
        {
            int max = 0;
            var countOf = new int[16];
            foreach (byte l in lengths) { countOf[l]++; if (l > max) max = l; }
            countOf[0] = 0;
            if (max == 0) return new Huffman { Table = [0], MaxLength = 0 }; // no codes at all (allowed for distances)
            // The Kraft sum must be exactly 1, except for a single code of length 1 (RFC 1951 §3.2.7 allows one
            // distance code); the unused half of its table decodes as an invalid code.
            int left = 1;
            for (int len = 1; len <= 15; len++)
            {
                left = (left << 1) - countOf[len];
                if (left < 0) return null;
            }
            if (left > 0 && max != 1) return null;
            var next = new int[16];
            for (int len = 1, code = 0; len <= 15; len++)
            {
                code = (code + countOf[len - 1]) << 1;
                next[len] = code;
            }
            var table = new int[1 << max];
            for (int sym = 0; sym < lengths.Length; sym++)
            {
                int len = lengths[sym];
                if (len == 0) continue;
                int code = next[len]++;
                // The stream sends a code's bits most significant first, into a buffer read from bit 0: index by the reversed code.
                int reversed = 0;
                for (int b = 0; b < len; b++) reversed |= ((code >> b) & 1) << (len - 1 - b);
                for (int i = reversed; i < table.Length; i += 1 << len) table[i] = (sym << 4) | len;
            }
            return new Huffman { Table = table, MaxLength = max };
        }
    }
}
