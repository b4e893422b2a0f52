package dev.zarr4j.compression.zstd;

import static dev.zarr4j.compression.zstd.ZstdSequenceCodes.LL_BASE;
import static dev.zarr4j.compression.zstd.ZstdSequenceCodes.LL_BITS;
import static dev.zarr4j.compression.zstd.ZstdSequenceCodes.LL_DEFAULT;
import static dev.zarr4j.compression.zstd.ZstdSequenceCodes.LL_DEFAULT_LOG;
import static dev.zarr4j.compression.zstd.ZstdSequenceCodes.LL_MAX_LOG;
import static dev.zarr4j.compression.zstd.ZstdSequenceCodes.ML_BASE;
import static dev.zarr4j.compression.zstd.ZstdSequenceCodes.ML_BITS;
import static dev.zarr4j.compression.zstd.ZstdSequenceCodes.ML_DEFAULT;
import static dev.zarr4j.compression.zstd.ZstdSequenceCodes.ML_DEFAULT_LOG;
import static dev.zarr4j.compression.zstd.ZstdSequenceCodes.ML_MAX_LOG;
import static dev.zarr4j.compression.zstd.ZstdSequenceCodes.OF_DEFAULT;
import static dev.zarr4j.compression.zstd.ZstdSequenceCodes.OF_DEFAULT_LOG;
import static dev.zarr4j.compression.zstd.ZstdSequenceCodes.OF_MAX_LOG;

import dev.zarr4j.compression.LittleEndian;
import java.util.Arrays;

/**
 * Writes the sequences section of a Zstandard block (RFC 8878 section 3.1.1.3.2): the sequence
 * count, the coding mode of each of the three code streams (literal length, offset, match length)
 * and the interleaved FSE bitstream.
 *
 * <p>For each code stream the encoder picks whichever of the predefined distribution, a single
 * repeated symbol (RLE mode) or a table normalized from the block's own histogram is estimated to
 * cost fewer bits, the table's header included. Sequences are encoded last to first so that the
 * decoder, reading the bitstream backwards, meets them in order. An instance holds the work arrays
 * and is reused by one thread; it is not thread-safe.
 */
final class ZstdSequenceEncoder {

  private static final int MODE_PREDEFINED = 0;
  private static final int MODE_RLE = 1;
  private static final int MODE_COMPRESSED = 2;

  /** Literal length code of each length below 64. */
  private static final byte[] LL_CODE = new byte[64];

  /** Match length code of each length minus 3 below 128. */
  private static final byte[] ML_CODE = new byte[128];

  private static final ZstdFseEncoder LL_PREDEFINED = new ZstdFseEncoder();
  private static final ZstdFseEncoder ML_PREDEFINED = new ZstdFseEncoder();
  private static final ZstdFseEncoder OF_PREDEFINED = new ZstdFseEncoder();

  static {
    for (int c = 0; c < LL_BASE.length && LL_BASE[c] < 64; c++) {
      for (int v = LL_BASE[c]; v < Math.min(64, LL_BASE[c] + (1 << LL_BITS[c])); v++) {
        LL_CODE[v] = (byte) c;
      }
    }
    for (int c = 0; c < ML_BASE.length && ML_BASE[c] - 3 < 128; c++) {
      for (int v = ML_BASE[c] - 3; v < Math.min(128, ML_BASE[c] - 3 + (1 << ML_BITS[c])); v++) {
        ML_CODE[v] = (byte) c;
      }
    }
    LL_PREDEFINED.build(LL_DEFAULT, LL_DEFAULT.length - 1, LL_DEFAULT_LOG);
    ML_PREDEFINED.build(ML_DEFAULT, ML_DEFAULT.length - 1, ML_DEFAULT_LOG);
    OF_PREDEFINED.build(OF_DEFAULT, OF_DEFAULT.length - 1, OF_DEFAULT_LOG);
  }

  private byte[] llCode = new byte[0];
  private byte[] mlCode = new byte[0];
  private byte[] ofCode = new byte[0];
  private final int[] llCount = new int[LL_BASE.length];
  private final int[] mlCount = new int[ML_BASE.length];
  private final int[] ofCount = new int[32];
  private final short[] norm = new short[ZstdFseEncoder.MAX_SYMBOLS];
  private final ZstdFseEncoder llTable = new ZstdFseEncoder();
  private final ZstdFseEncoder mlTable = new ZstdFseEncoder();
  private final ZstdFseEncoder ofTable = new ZstdFseEncoder();
  private final byte[] tableHeader = new byte[128];

  /** The literal length code of {@code ll}. */
  static int literalLengthCode(int ll) {
    return ll < 64 ? LL_CODE[ll] : (31 - Integer.numberOfLeadingZeros(ll)) + 19;
  }

  /** The match length code of match length {@code ml} (at least 3). */
  static int matchLengthCode(int ml) {
    int v = ml - 3;
    return v < 128 ? ML_CODE[v] : (31 - Integer.numberOfLeadingZeros(v)) + 36;
  }

  /**
   * Writes the sequences section for {@code nbSeq} sequences at {@code out[pos]}. {@code
   * offsetValue} holds the format's offset values (1..3 for repeat offsets, offset + 3 otherwise).
   * {@code out} must have room for {@code 16 + 11 * nbSeq + 400} bytes from {@code pos}.
   *
   * @param ownTables whether tables built from the block's histograms may be used
   * @return the position after the section
   */
  int write(
      int[] litLength,
      int[] matchLength,
      int[] offsetValue,
      int nbSeq,
      byte[] out,
      int pos,
      boolean ownTables) {
    if (nbSeq < 128) {
      out[pos++] = (byte) nbSeq;
    } else if (nbSeq < 0x7F00) {
      out[pos++] = (byte) ((nbSeq >>> 8) + 128);
      out[pos++] = (byte) nbSeq;
    } else {
      out[pos++] = (byte) 255;
      LittleEndian.putShort(out, pos, (short) (nbSeq - 0x7F00));
      pos += 2;
    }
    if (nbSeq == 0) {
      return pos;
    }
    if (llCode.length < nbSeq) {
      int size = Math.max(nbSeq, 1024);
      llCode = new byte[size];
      mlCode = new byte[size];
      ofCode = new byte[size];
    }
    byte[] lc = llCode;
    byte[] mc = mlCode;
    byte[] oc = ofCode;
    Arrays.fill(llCount, 0);
    Arrays.fill(mlCount, 0);
    Arrays.fill(ofCount, 0);
    for (int i = 0; i < nbSeq; i++) {
      int l = literalLengthCode(litLength[i]);
      int m = matchLengthCode(matchLength[i]);
      int o = 31 - Integer.numberOfLeadingZeros(offsetValue[i]);
      lc[i] = (byte) l;
      mc[i] = (byte) m;
      oc[i] = (byte) o;
      llCount[l]++;
      mlCount[m]++;
      ofCount[o]++;
    }
    int modesAt = pos++;
    int llMode =
        chooseTable(
            llCount, nbSeq, LL_DEFAULT, LL_DEFAULT_LOG, LL_MAX_LOG, ownTables, llTable, out, pos);
    pos += headerLength;
    int ofMode =
        chooseTable(
            ofCount, nbSeq, OF_DEFAULT, OF_DEFAULT_LOG, OF_MAX_LOG, ownTables, ofTable, out, pos);
    pos += headerLength;
    int mlMode =
        chooseTable(
            mlCount, nbSeq, ML_DEFAULT, ML_DEFAULT_LOG, ML_MAX_LOG, ownTables, mlTable, out, pos);
    pos += headerLength;
    out[modesAt] = (byte) (llMode << 6 | ofMode << 4 | mlMode << 2);
    return encode(
        litLength,
        matchLength,
        offsetValue,
        nbSeq,
        llMode == MODE_PREDEFINED ? LL_PREDEFINED : llTable,
        mlMode == MODE_PREDEFINED ? ML_PREDEFINED : mlTable,
        ofMode == MODE_PREDEFINED ? OF_PREDEFINED : ofTable,
        out,
        pos);
  }

  /** Bytes written by the last {@link #chooseTable} call. */
  private int headerLength;

  /**
   * Picks the coding mode of one code stream and writes its table description (if any) at {@code
   * out[pos]}, setting {@link #headerLength}; a custom or RLE table is built into {@code own}.
   */
  private int chooseTable(
      int[] count,
      int nbSeq,
      short[] predefined,
      int predefinedLog,
      int maxLog,
      boolean ownTables,
      ZstdFseEncoder own,
      byte[] out,
      int pos) {
    int maxSymbol = 0;
    int distinct = 0;
    int largest = 0;
    for (int s = 0; s < count.length; s++) {
      int c = count[s];
      if (c != 0) {
        maxSymbol = s;
        distinct++;
        largest = Math.max(largest, c);
      }
    }
    headerLength = 0;
    if (distinct == 1 && (ownTables || maxSymbol >= predefined.length)) {
      Arrays.fill(norm, 0, maxSymbol + 1, (short) 0);
      norm[maxSymbol] = 1;
      own.build(norm, maxSymbol, 0);
      out[pos] = (byte) maxSymbol;
      headerLength = 1;
      return MODE_RLE;
    }
    boolean predefinedFits = maxSymbol < predefined.length;
    double predefinedCost = predefinedFits ? cost(count, maxSymbol, predefined, predefinedLog) : 0;
    if (predefinedFits && (!ownTables || nbSeq < 16)) {
      return MODE_PREDEFINED;
    }
    int log = ZstdFseEncoder.optimalTableLog(maxLog, nbSeq, maxSymbol, distinct);
    ZstdFseEncoder.normalize(count, maxSymbol, nbSeq, log, norm);
    int headerEnd = ZstdFseEncoder.writeHeader(norm, maxSymbol, log, tableHeader, 0);
    double ownCost = cost(count, maxSymbol, norm, log) + 8.0 * headerEnd;
    if (predefinedFits && predefinedCost <= ownCost) {
      return MODE_PREDEFINED;
    }
    own.build(norm, maxSymbol, log);
    System.arraycopy(tableHeader, 0, out, pos, headerEnd);
    headerLength = headerEnd;
    return MODE_COMPRESSED;
  }

  /** The estimated bits for coding {@code count} with normalized counts {@code norm}. */
  private static double cost(int[] count, int maxSymbol, short[] norm, int log) {
    double bits = 0;
    for (int s = 0; s <= maxSymbol; s++) {
      int c = count[s];
      if (c != 0) {
        int n = norm[s];
        if (n == 0) {
          return Double.MAX_VALUE;
        }
        bits += c * (log - (n < 0 ? 0 : Math.log(n) * 1.4426950408889634));
      }
    }
    return bits;
  }

  private int encode(
      int[] litLength,
      int[] matchLength,
      int[] offsetValue,
      int nbSeq,
      ZstdFseEncoder ll,
      ZstdFseEncoder ml,
      ZstdFseEncoder of,
      byte[] out,
      int p) {
    byte[] lc = llCode;
    byte[] mc = mlCode;
    byte[] oc = ofCode;
    int last = nbSeq - 1;
    int llState = ll.initialState(lc[last]);
    int mlState = ml.initialState(mc[last]);
    int ofState = of.initialState(oc[last]);
    long acc = 0;
    int bits = 0;
    for (int i = last; i >= 0; i--) {
      int l = lc[i];
      int m = mc[i];
      int o = oc[i];
      int llBits = LL_BITS[l];
      int mlBits = ML_BITS[m];
      int extra = llBits + mlBits + o;
      if (i != last) {
        // the state transitions the decoder makes after sequence i: read LL, ML, OF (26 bits
        // at most, on top of at most 7 left from the last flush)
        int k = of.bits(ofState, o);
        acc |= (long) (ofState & ((1 << k) - 1)) << bits;
        bits += k;
        ofState = of.next(ofState, o, k);
        k = ml.bits(mlState, m);
        acc |= (long) (mlState & ((1 << k) - 1)) << bits;
        bits += k;
        mlState = ml.next(mlState, m, k);
        k = ll.bits(llState, l);
        acc |= (long) (llState & ((1 << k) - 1)) << bits;
        bits += k;
        llState = ll.next(llState, l, k);
        if (extra > 30) {
          LittleEndian.putLong(out, p, acc);
          int bytes = bits >>> 3;
          p += bytes;
          acc >>>= bytes << 3;
          bits &= 7;
        }
      }
      // the decoder reads the offset's extra bits, then the match length's, then the literal's
      acc |= (long) (litLength[i] - LL_BASE[l]) << bits;
      bits += llBits;
      acc |= (long) (matchLength[i] - ML_BASE[m]) << bits;
      bits += mlBits;
      if (extra > 56) {
        LittleEndian.putLong(out, p, acc);
        int bytes = bits >>> 3;
        p += bytes;
        acc >>>= bytes << 3;
        bits &= 7;
      }
      acc |= (long) (offsetValue[i] & ((1 << o) - 1)) << bits;
      bits += o;
      LittleEndian.putLong(out, p, acc);
      int bytes = bits >>> 3;
      p += bytes;
      acc >>>= bytes << 3;
      bits &= 7;
    }
    // initial states, read by the decoder in the order LL, OF, ML
    int log = ml.tableLog();
    acc |= (long) (mlState & ((1 << log) - 1)) << bits;
    bits += log;
    log = of.tableLog();
    acc |= (long) (ofState & ((1 << log) - 1)) << bits;
    bits += log;
    LittleEndian.putLong(out, p, acc);
    int bytes = bits >>> 3;
    p += bytes;
    acc >>>= bytes << 3;
    bits &= 7;
    log = ll.tableLog();
    acc |= (long) (llState & ((1 << log) - 1)) << bits;
    bits += log;
    acc |= 1L << bits;
    bits++;
    LittleEndian.putLong(out, p, acc);
    return p + ((bits + 7) >>> 3);
  }
}
