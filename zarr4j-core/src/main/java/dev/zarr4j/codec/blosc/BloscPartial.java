package dev.zarr4j.codec.blosc;

import dev.zarr4j.compression.LittleEndian;
import dev.zarr4j.exceptions.CodecException;
import java.util.Arrays;

/**
 * Decodes only the parts of a Blosc1 frame that hold the wanted bytes of its decoded buffer.
 *
 * <p>The wanted bytes are given as runs: sorted, disjoint {@code [start, end)} ranges of the
 * decoded buffer; they are written packed, run after run, so the caller needs no buffer the size of
 * the decoded frame. Blocks that hold no wanted byte are skipped without being read. Inside a
 * wanted block only the streams that hold wanted bytes are decompressed (each whole: LZ4 and the
 * others cannot start mid-stream, and native LZ4 decodes a whole stream faster than Java decodes a
 * prefix), and only the wanted bytes are unshuffled, straight from the streams; a stream stored raw
 * is read in place, and when the frame comes from a {@link Blosc.FrameSource} only its wanted slice
 * is read. A bit-shuffled block is decoded and unshuffled whole, since every bit row holds a bit of
 * every element. A frame stored uncompressed copies just the runs.
 *
 * <p>Every header field, block start and stream size that is used is checked as {@link
 * BloscFrame#decode} checks it; blocks never touched are not checked.
 */
final class BloscPartial {
  private static final int HEADER = BloscFrame.HEADER;
  private static final int MAX_RETAINED = 32 << 20;

  /**
   * Frame bytes already read are re-read from memory; a gap this small is read rather than skipped.
   */
  static final int GAP = 16 << 10;

  /** A source reads this many bytes beyond each request (when the frame has them). */
  static final int READ_AHEAD = 4 << 10;

  /**
   * The read of a stream size at most this many bytes before the end of the block being decoded
   * reads to that end: the block's last streams (the compressible high bytes of shuffled numbers,
   * typically) then come with it.
   */
  static final int BLOCK_TAIL = 128 << 10;

  private BloscPartial() {}

  // ---------------------------------------------------------------- frame bytes

  /** Gives access to frame bytes {@code [off, off+len)} as {@code array()[returned index]}. */
  private abstract static class Src {
    byte[] array;
    boolean pureJava;

    abstract long size();

    /**
     * Makes frame bytes {@code [off, off + len)} available; returns the index of byte {@code off}
     * in {@link #array} (read the field after the call: it may change).
     */
    abstract int fetch(long off, int len);

    /**
     * Says that the block being decoded ends at frame offset {@code end}: a source that reads by
     * ranges may then read up to there with the size of a stream, when little of the block is left
     * ({@link #fetchStreamSize}).
     */
    void blockEndsAt(long end) {}

    /** {@link #fetch} of the 4-byte size of the stream at {@code off}. */
    int fetchStreamSize(long off) {
      return fetch(off, 4);
    }

    /**
     * Says that most of the block at frame bytes {@code [off, end)} is wanted: a source that reads
     * by ranges reads all of it at once rather than stream by stream. Nothing for a frame in
     * memory.
     */
    void wholeBlockWanted(long off, long end) {}
  }

  /** A frame wholly in memory. */
  private static final class MemSrc extends Src {
    private final int base;
    private final int length;

    MemSrc(byte[] a, int off, int len) {
      this.array = a;
      this.base = off;
      this.length = len;
    }

    @Override
    long size() {
      return length;
    }

    @Override
    int fetch(long off, int len) {
      if (off < 0 || len < 0 || off + len > length) {
        throw truncated(off + len, length);
      }
      return base + (int) off;
    }
  }

  /**
   * A frame read in pieces. Pieces are appended to an arena; an older piece keeps its array when
   * the arena grows, so references handed out stay valid. A request just past the last piece (by at
   * most {@link #GAP}) extends it with one read instead of starting a new one, and every read takes
   * {@link #READ_AHEAD} more bytes than asked, as the next stream's size is usually needed next; a
   * read of a stream size takes all the bytes up to the end of the block being decoded when that is
   * at most {@link #BLOCK_TAIL} away (the last streams of a block of shuffled numbers, their high
   * bytes, compress well, and are read whole).
   */
  private static final class RangeSrc extends Src {
    private final Blosc.FrameSource in;
    private final long size;
    private int used; // arena bytes in use
    private long lastStart = -1; // frame offset of the last piece
    private int lastIndex; // its arena index
    private int lastLen; // its length

    private long blockEnd = -1; // the end of the block being decoded, if known

    @Override
    void blockEndsAt(long end) {
      blockEnd = end;
    }

    @Override
    void wholeBlockWanted(long off, long end) {
      fetch(off, (int) (end - off));
    }

    RangeSrc(Blosc.FrameSource in, byte[] arena) {
      this.in = in;
      this.size = in.size();
      this.array = arena;
    }

    @Override
    long size() {
      return size;
    }

    @Override
    int fetchStreamSize(long off) {
      return fetch(off, 4, true);
    }

    @Override
    int fetch(long off, int len) {
      return fetch(off, len, false);
    }

    /**
     * {@link #fetch}; {@code toBlockEnd}: a stream size, after which the rest of the block is read
     * too when it is short.
     */
    private int fetch(long off, int len, boolean toBlockEnd) {
      if (off < 0 || len < 0 || off + len > size) {
        throw truncated(off + len, size);
      }
      long lastEnd = lastStart + lastLen;
      if (lastStart >= 0 && off >= lastStart && off + len <= lastEnd) {
        return lastIndex + (int) (off - lastStart);
      }
      // every read goes READ_AHEAD beyond what is asked: a stream's size and the next small stream
      // come with the read before them
      long end = Math.min(size, off + len + READ_AHEAD);
      if (toBlockEnd && blockEnd > end && blockEnd <= size && blockEnd - off <= BLOCK_TAIL) {
        // the rest of the block is short: its last streams come with the size of the first
        end = blockEnd;
      }
      if (lastStart >= 0 && off >= lastStart && off - lastEnd <= GAP) {
        // extend the last piece (the bytes in between are read rather than skipped)
        int more = (int) (end - lastEnd);
        ensure(used + (long) more);
        in.read(lastEnd, array, used, more);
        used += more;
        lastLen += more;
        return lastIndex + (int) (off - lastStart);
      }
      int n = (int) (end - off);
      ensure(used + (long) n);
      in.read(off, array, used, n);
      lastStart = off;
      lastIndex = used;
      lastLen = n;
      used += n;
      return lastIndex;
    }

    private void ensure(long need) {
      if (need > Integer.MAX_VALUE - 8) {
        throw new CodecException("blosc: frame pieces exceed 2 GiB");
      }
      if (need > array.length) {
        array =
            Arrays.copyOf(
                array, (int) Math.max(need, Math.min(Integer.MAX_VALUE - 8, 2L * array.length)));
      }
    }
  }

  private static CodecException truncated(long end, long size) {
    return new CodecException(
        "blosc: frame data up to byte "
            + end
            + " is needed but the frame has "
            + size
            + " bytes (truncated or corrupt)");
  }

  // ---------------------------------------------------------------- scratch

  private static final class Scratch {
    byte[] tmp = new byte[0];
    byte[] tmp2 = new byte[0];
    byte[] tmp3 = new byte[0];
    byte[] arena = new byte[0];
    final byte[][] streamArrays = new byte[BloscFrame.MAX_SPLITS][];
    final int[] streamBases = new int[BloscFrame.MAX_SPLITS];

    static byte[] grow(byte[] b, int n) {
      return b.length >= n ? b : new byte[n];
    }

    void keep(byte[] t, byte[] t2, byte[] t3) {
      if (t.length <= MAX_RETAINED) {
        tmp = t;
      }
      if (t2.length <= MAX_RETAINED) {
        tmp2 = t2;
      }
      if (t3.length <= MAX_RETAINED) {
        tmp3 = t3;
      }
      Arrays.fill(streamArrays, null);
    }
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  // ---------------------------------------------------------------- entry points

  /** Decodes the runs of the frame in {@code src[off, off+len)}; see {@link Blosc#decodeRuns}. */
  static void decodeRuns(
      byte[] src,
      int off,
      int len,
      int dLen,
      int[] runs,
      int nruns,
      byte[] dst,
      int dOff,
      boolean pureJava) {
    MemSrc m = new MemSrc(src, off, len);
    m.pureJava = pureJava;
    decode(m, dLen, runs, nruns, dst, dOff);
  }

  /** Decodes the runs of a frame read in pieces from {@code in}. */
  static void decodeRuns(
      Blosc.FrameSource in,
      int dLen,
      int[] runs,
      int nruns,
      byte[] dst,
      int dOff,
      boolean pureJava) {
    Scratch s = SCRATCH.get();
    RangeSrc src = new RangeSrc(in, s.arena);
    src.pureJava = pureJava;
    try {
      decode(src, dLen, runs, nruns, dst, dOff);
    } finally {
      if (src.array.length <= MAX_RETAINED) {
        s.arena = src.array;
      }
    }
  }

  /** The total length of the runs (checked with {@link #checkRuns} first). */
  static long runBytes(int[] runs, int nruns) {
    long n = 0;
    for (int r = 0; r < nruns; r++) {
      n += runs[2 * r + 1] - runs[2 * r];
    }
    return n;
  }

  /** Checks that runs are sorted, disjoint and inside {@code [0, dLen)}. */
  static void checkRuns(int[] runs, int nruns, int dLen) {
    if (nruns < 0 || 2L * nruns > runs.length) {
      throw new IllegalArgumentException(
          "run count " + nruns + " does not fit an array of " + runs.length + " ints");
    }
    int prevEnd = 0;
    for (int r = 0; r < nruns; r++) {
      int a = runs[2 * r];
      int b = runs[2 * r + 1];
      if (a < prevEnd || b < a || b > dLen) {
        throw new IllegalArgumentException(
            "run "
                + r
                + " ["
                + a
                + ", "
                + b
                + ") is not sorted, disjoint and inside the "
                + dLen
                + " decoded bytes");
      }
      prevEnd = b;
    }
  }

  // ---------------------------------------------------------------- decoding

  private static void decode(Src src, int dLen, int[] runs, int nruns, byte[] dst, int dOff) {
    checkRuns(runs, nruns, dLen);
    long total = runBytes(runs, nruns);
    if (dOff < 0 || dOff + total > dst.length) {
      throw new IndexOutOfBoundsException(
          "destination [" + dOff + ", " + (dOff + total) + ") outside an array of " + dst.length);
    }
    // run k's byte at decoded position x goes to dst[dOff + x + delta[k]]
    int[] delta = new int[nruns];
    int packed = 0;
    for (int r = 0; r < nruns; r++) {
      delta[r] = packed - runs[2 * r];
      packed += runs[2 * r + 1] - runs[2 * r];
    }
    int hi = src.fetch(0, HEADER);
    BloscHeader h = BloscHeader.read(src.array, hi, HEADER);
    int nbytes = h.nbytes();
    int cbytes = BloscFrame.checkFrame(h, src.size(), dLen);
    if (nbytes == 0 || nruns == 0) {
      return;
    }
    int flags = BloscFrame.checkFlags(h);
    if ((flags & BloscFrame.FLAG_MEMCPYED) != 0) {
      BloscFrame.checkCopied(nbytes, cbytes);
      for (int r = 0; r < nruns; r++) {
        int a = runs[2 * r];
        int b = runs[2 * r + 1];
        if (b > a) {
          int i = src.fetch(HEADER + (long) a, b - a);
          System.arraycopy(src.array, i, dst, dOff + a + delta[r], b - a);
        }
      }
      return;
    }
    int nblocks = BloscFrame.checkBlocks(h);
    int ts = h.typeSize();
    int bs = h.blockSize();
    int format = h.compressorFormat();
    Frame f = new Frame(src, flags, ts, bs, nbytes, cbytes, format, nblocks);
    Scratch scratch = SCRATCH.get();
    int effBs = Math.min(bs, nbytes);
    byte[] tmp = Scratch.grow(scratch.tmp, effBs);
    byte[] tmp2 = f.doBitShuffle ? Scratch.grow(scratch.tmp2, effBs) : scratch.tmp2;
    byte[] tmp3 = f.doBitShuffle ? Scratch.grow(scratch.tmp3, effBs) : scratch.tmp3;
    try {
      int r = 0;
      int from = runs[0]; // where the current run's unfinished part starts
      while (r < nruns) {
        int b = runs[2 * r + 1];
        if (from >= b) {
          r++;
          if (r < nruns) {
            from = runs[2 * r];
          }
          continue;
        }
        int j = from / bs;
        int blockStart = j * bs;
        int blockEnd = (int) Math.min((long) blockStart + bs, nbytes);
        int last = r; // runs r..last touch this block
        while (last + 1 < nruns && runs[2 * (last + 1)] < blockEnd) {
          last++;
        }
        f.block(
            j,
            runs,
            delta,
            r,
            last,
            from,
            blockStart,
            blockEnd,
            dst,
            dOff,
            scratch,
            tmp,
            tmp2,
            tmp3);
        // continue after this block
        from = blockEnd;
        while (r < nruns && runs[2 * r + 1] <= blockEnd) {
          r++;
        }
        if (r < nruns) {
          from = Math.max(runs[2 * r], blockEnd);
        }
      }
    } finally {
      scratch.keep(tmp, tmp2, tmp3);
    }
  }

  /** The validated parameters of a compressed frame. */
  private static final class Frame {
    final Src src;
    final int ts;
    final int bs;
    final int nbytes;
    final int cbytes;
    final int format;
    final int nblocks;
    final int leftover;
    final boolean dontSplit;
    final boolean doShuffle;
    final boolean doBitShuffle;
    int blockTable = -1; // index of the block start table in src.array, once read
    byte[] blockTableArray;

    Frame(Src src, int flags, int ts, int bs, int nbytes, int cbytes, int format, int nblocks) {
      this.src = src;
      this.ts = ts;
      this.bs = bs;
      this.nbytes = nbytes;
      this.cbytes = cbytes;
      this.format = format;
      this.nblocks = nblocks;
      this.leftover = nbytes % bs;
      this.dontSplit = (flags & BloscFrame.FLAG_DONT_SPLIT) != 0;
      this.doShuffle = (flags & BloscFrame.FLAG_SHUFFLE) != 0 && ts > 1;
      this.doBitShuffle = !doShuffle && (flags & BloscFrame.FLAG_BITSHUFFLE) != 0;
    }

    private int blockStart(int j) {
      if (blockTable < 0) {
        blockTable = src.fetch(HEADER, 4 * nblocks);
        blockTableArray = src.array;
      }
      int start = LittleEndian.getInt(blockTableArray, blockTable + 4 * j);
      if (start < HEADER + 4 * nblocks || start >= cbytes) {
        throw new CodecException(
            "blosc: block " + j + " starts at " + start + ", outside the frame of " + cbytes);
      }
      return start;
    }

    /**
     * Decodes the wanted bytes of block {@code j}: runs {@code r..last}, clipped to {@code [from,
     * blockEnd)} (the first run starts at {@code from} at the earliest).
     */
    void block(
        int j,
        int[] runs,
        int[] delta,
        int r,
        int last,
        int from,
        int blockStart,
        int blockEnd,
        byte[] dst,
        int dOff,
        Scratch scratch,
        byte[] tmp,
        byte[] tmp2,
        byte[] tmp3) {
      boolean leftoverBlock = j == nblocks - 1 && leftover > 0;
      int bsize = blockEnd - blockStart;
      int nsplits =
          (!dontSplit
                  && ts <= BloscFrame.MAX_SPLITS
                  && bsize / ts >= BloscFrame.MIN_BUFFERSIZE
                  && !leftoverBlock)
              ? ts
              : 1;
      if (bsize % nsplits != 0) {
        throw new CodecException(
            "blosc: block size " + bsize + " is not a multiple of the type size " + ts);
      }
      int neblock = bsize / nsplits;
      boolean bits = doBitShuffle && bsize >= ts;
      boolean bytes = doShuffle;
      // the wanted span of the block, block-relative
      int lo = Math.max(runs[2 * r], from) - blockStart;
      int hi = Math.min(runs[2 * last + 1], blockEnd) - blockStart;
      int nelem = bsize / ts;
      int shuffled = nelem * ts; // bytes that a byte shuffle moves; the rest stay in place
      // wanted span of each stream, in stream positions
      int[] need = new int[2 * nsplits];
      for (int s = 0; s < nsplits; s++) {
        int sLo;
        int sHi;
        if (bits) {
          sLo = 0;
          sHi = neblock;
        } else if (bytes && nsplits == ts) {
          sLo = lo / ts;
          sHi = (hi - 1) / ts + 1;
        } else if (bytes) {
          sLo = Integer.MAX_VALUE;
          sHi = 0;
          if (lo < shuffled) {
            int eLo = lo / ts;
            int eHi = (Math.min(hi, shuffled) - 1) / ts + 1;
            sLo = eLo;
            sHi = (ts - 1) * nelem + eHi;
          }
          if (hi > shuffled) {
            sLo = Math.min(sLo, Math.max(lo, shuffled));
            sHi = Math.max(sHi, hi);
          }
        } else {
          sLo = Math.max(lo, s * neblock) - s * neblock;
          sHi = Math.min(hi, (s + 1) * neblock) - s * neblock;
        }
        need[2 * s] = sLo;
        need[2 * s + 1] = sHi;
      }
      int lastStream = -1;
      for (int s = 0; s < nsplits; s++) {
        if (need[2 * s + 1] > need[2 * s]) {
          lastStream = s;
        }
      }
      byte[][] arrays = scratch.streamArrays;
      int[] bases = scratch.streamBases;
      long p = blockStart(j);
      long wanted = 0;
      for (int s = 0; s < nsplits; s++) {
        wanted += Math.max(0, need[2 * s + 1] - need[2 * s]);
      }
      long end =
          j + 1 < nblocks ? LittleEndian.getInt(blockTableArray, blockTable + 4 * (j + 1)) : cbytes;
      if (end <= p || end > cbytes) {
        end = -1; // a corrupt entry, not this block's concern
      }
      src.blockEndsAt(end);
      if (wanted * 2 > bsize && end > 0) {
        src.wholeBlockWanted(p, end);
      }
      for (int s = 0; s <= lastStream; s++) {
        if (cbytes - p < 4) {
          throw new CodecException("blosc: block " + j + " is truncated");
        }
        int ci = src.fetchStreamSize(p);
        int csize = LittleEndian.getInt(src.array, ci);
        p += 4;
        if (csize < 0 || csize > cbytes - p) {
          throw new CodecException(
              "blosc: block "
                  + j
                  + " stream "
                  + s
                  + " claims "
                  + csize
                  + " bytes, beyond the end of the frame");
        }
        int sLo = need[2 * s];
        int sHi = need[2 * s + 1];
        if (sHi > sLo) {
          if (csize == neblock) {
            if (bits) {
              int i = src.fetch(p, neblock);
              System.arraycopy(src.array, i, tmp, s * neblock, neblock);
            } else {
              int i = src.fetch(p + sLo, sHi - sLo);
              arrays[s] = src.array;
              bases[s] = i - sLo;
            }
          } else {
            int i = src.fetch(p, csize);
            BloscFrame.decompressStream(
                format, src.array, i, csize, tmp, s * neblock, neblock, j, src.pureJava);
            arrays[s] = tmp;
            bases[s] = s * neblock;
          }
        }
        p += csize;
      }
      int out = dOff + blockStart;
      if (bits) {
        ShuffleKernels.bitunshuffle(ts, tmp, 0, bsize, tmp2, 0, tmp3);
        forRuns(runs, delta, r, last, from, blockStart, blockEnd, tmp2, 0, dst, out);
      } else if (bytes && nsplits == ts) {
        gatherStreams(runs, delta, r, last, from, blockStart, blockEnd, arrays, bases, dst, out);
      } else if (bytes) {
        gatherShuffled(
            runs, delta, r, last, from, blockStart, blockEnd, arrays[0], bases[0], nelem, dst, out);
      } else if (nsplits == 1) {
        forRuns(runs, delta, r, last, from, blockStart, blockEnd, arrays[0], bases[0], dst, out);
      } else {
        for (int k = r; k <= last; k++) {
          int a = Math.max(runs[2 * k], from) - blockStart;
          int b = Math.min(runs[2 * k + 1], blockEnd) - blockStart;
          while (a < b) {
            int s = a / neblock;
            int n = Math.min(b, (s + 1) * neblock) - a;
            System.arraycopy(arrays[s], bases[s] + a - s * neblock, dst, out + delta[k] + a, n);
            a += n;
          }
        }
      }
    }

    /**
     * Copies the runs' block-relative bytes {@code x} from {@code src[base + x]} to {@code dst[out
     * + delta[k] + x]}.
     */
    private static void forRuns(
        int[] runs,
        int[] delta,
        int r,
        int last,
        int from,
        int blockStart,
        int blockEnd,
        byte[] src,
        int base,
        byte[] dst,
        int out) {
      for (int k = r; k <= last; k++) {
        int a = Math.max(runs[2 * k], from) - blockStart;
        int b = Math.min(runs[2 * k + 1], blockEnd) - blockStart;
        if (b > a) {
          System.arraycopy(src, base + a, dst, out + delta[k] + a, b - a);
        }
      }
    }

    /** Unshuffles the runs' bytes from one stream holding the whole shuffled block. */
    private void gatherShuffled(
        int[] runs,
        int[] delta,
        int r,
        int last,
        int from,
        int blockStart,
        int blockEnd,
        byte[] src,
        int base,
        int nelem,
        byte[] dst,
        int out) {
      int shuffled = nelem * ts;
      for (int k = r; k <= last; k++) {
        int a = Math.max(runs[2 * k], from) - blockStart;
        int b = Math.min(runs[2 * k + 1], blockEnd) - blockStart;
        int o = out + delta[k];
        for (int x = a; x < b; x++) {
          int pos = x < shuffled ? (x % ts) * nelem + x / ts : x;
          dst[o + x] = src[base + pos];
        }
      }
    }

    /** Unshuffles the runs' bytes from one stream per byte of the item. */
    private void gatherStreams(
        int[] runs,
        int[] delta,
        int r,
        int last,
        int from,
        int blockStart,
        int blockEnd,
        byte[][] arrays,
        int[] bases,
        byte[] dst,
        int out0) {
      for (int k = r; k <= last; k++) {
        int a = Math.max(runs[2 * k], from) - blockStart;
        int b = Math.min(runs[2 * k + 1], blockEnd) - blockStart;
        if (b <= a) {
          continue;
        }
        int out = out0 + delta[k];
        // leading partial item, whole items, trailing partial item
        int x = a;
        while (x < b && x % ts != 0) {
          dst[out + x] = arrays[x % ts][bases[x % ts] + x / ts];
          x++;
        }
        int e0 = x / ts;
        int e1 = b / ts;
        if (e1 > e0) {
          gatherItems(arrays, bases, e0, e1, dst, out + e0 * ts);
          x = e1 * ts;
        }
        for (; x < b; x++) {
          dst[out + x] = arrays[x % ts][bases[x % ts] + x / ts];
        }
      }
    }

    /** Writes items {@code [e0, e1)} of the streams, interleaved, from {@code dst[at]}. */
    private void gatherItems(byte[][] arrays, int[] bases, int e0, int e1, byte[] dst, int at) {
      int n = e1 - e0;
      if (n >= 16 && (ts == 2 || ts == 4 || ts == 8)) {
        int[] offsets = new int[ts];
        for (int s = 0; s < ts; s++) {
          offsets[s] = bases[s] + e0;
        }
        ShuffleKernels.unshuffleStreams(ts, arrays, offsets, n, dst, at);
        return;
      }
      for (int s = 0; s < ts; s++) {
        byte[] a = arrays[s];
        int b = bases[s] + e0;
        for (int i = 0; i < n; i++) {
          dst[at + ts * i + s] = a[b + i];
        }
      }
    }
  }
}
