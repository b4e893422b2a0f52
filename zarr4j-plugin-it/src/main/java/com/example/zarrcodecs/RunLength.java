package com.example.zarrcodecs;

import dev.zarr4j.codec.BytesSpec;
import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.ndarray.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A bytes-to-bytes codec written outside zarr4j (id {@code "example.rle"}): a byte-wise run-length
 * coder in the style of PackBits.
 *
 * <p>Format: a 6-byte header, the magic {@code 'R' 'L'} and the decoded size as an unsigned 32-bit
 * little-endian integer, then tokens until the end of the input. A control byte {@code c < 128} is
 * followed by {@code c + 1} literal bytes; a control byte {@code c >= 128} is followed by one byte
 * repeated {@code c - 125} times (3 to 130). The encoder writes a run wherever at least {@code
 * min_run} equal bytes follow each other; the format does not depend on {@code min_run}, so any
 * instance decodes any other's output.
 *
 * <p>{@link #resolve}: for input of at most {@code n} bytes the output has at most {@link
 * #maxEncodedSize(long) 6 + n + n/128 + 1} bytes (plain bytes, {@code |u1}); unbounded input gives
 * unbounded output; a bound beyond {@link #MAX_DECODED} bytes (so that the encoded form fits a Java
 * array) is refused, naming the codec.
 *
 * <p>Decoding hostile input: the header is checked before anything is allocated (the claimed size
 * must be within the caller's bound, equal to it when the size is exact, and reachable from the
 * input's length: at most 65 decoded bytes per input byte); every token is checked against the
 * remaining input and output; truncated, trailing or corrupt input is a {@link CodecException}.
 *
 * <p>Configuration: {@code {"id": "example.rle", "min_run": 3}}, {@code min_run} from 3 to 130,
 * default 3, always written. Any other key is refused by name.
 *
 * <p>Immutable and thread-safe; pure Java, so the {@link CodecOptions} of a call (native or pure
 * Java) choose nothing here, but every chain method takes them as zarr4j's own codecs do.
 */
public final class RunLength implements BytesToBytesCodec {
  /** The codec id. */
  public static final String ID = "example.rle";

  /** The configuration keys besides {@code id}. */
  public static final List<String> KEYS = List.of("min_run");

  /** The header's size: the magic and the decoded size. */
  public static final int HEADER_SIZE = 6;

  private static final int MAX_LITERAL = 128;

  /**
   * The most bytes the codec encodes or decodes: the largest input whose encoded form ({@link
   * #maxEncodedSize}) still fits the largest array zarr4j allocates ({@code Integer.MAX_VALUE - 64}
   * bytes).
   */
  public static final int MAX_DECODED =
      (int) ((Integer.MAX_VALUE - 64L - HEADER_SIZE - 1) * MAX_LITERAL / (MAX_LITERAL + 1));

  /** The default and smallest {@code min_run}. */
  public static final int MIN_RUN = 3;

  /** The longest run one token holds, and the largest {@code min_run}. */
  public static final int MAX_RUN = 130;

  private static final byte MAGIC_0 = 'R';
  private static final byte MAGIC_1 = 'L';

  private final int minRun;

  /**
   * The coder writing runs of at least {@code minRun} equal bytes.
   *
   * @throws CodecException if {@code minRun} is not between {@value #MIN_RUN} and {@value #MAX_RUN}
   */
  public RunLength(int minRun) {
    if (minRun < MIN_RUN || minRun > MAX_RUN) {
      throw new CodecException(
          "codec '"
              + ID
              + "': min_run must be between "
              + MIN_RUN
              + " and "
              + MAX_RUN
              + ", got "
              + minRun);
    }
    this.minRun = minRun;
  }

  /** The coder with the default {@code min_run} of 3. */
  public static RunLength defaults() {
    return new RunLength(MIN_RUN);
  }

  /**
   * Builds the codec from its JSON configuration.
   *
   * @throws CodecException naming the key if a key is unknown or {@code min_run} is not an integer
   *     from 3 to 130
   */
  public static RunLength fromConfig(Map<String, Object> config) {
    Configs.check(ID, config, KEYS);
    return new RunLength(Configs.integer(ID, config, "min_run", MIN_RUN, MIN_RUN, MAX_RUN));
  }

  /** The shortest run of equal bytes the encoder writes as a run. */
  public int minRun() {
    return minRun;
  }

  /** The most bytes the encoded form of {@code decodedSize} bytes can have. */
  public static long maxEncodedSize(long decodedSize) {
    return HEADER_SIZE + decodedSize + decodedSize / MAX_LITERAL + 1;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, Object> toConfig() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", ID);
    m.put("min_run", minRun);
    return Collections.unmodifiableMap(m);
  }

  // ------------------------------------------------------------------ the chain's methods

  /**
   * {@inheritDoc}
   *
   * @throws CodecException naming the codec if the input may exceed {@link #MAX_DECODED} bytes
   */
  @Override
  public BytesSpec resolve(BytesSpec decoded) {
    if (!decoded.isBounded()) {
      return BytesSpec.unbounded();
    }
    if (decoded.maxSize() > MAX_DECODED) {
      throw new CodecException(
          "codec '"
              + ID
              + "' encodes at most "
              + MAX_DECODED
              + " bytes, but its input may have "
              + decoded.maxSize());
    }
    return BytesSpec.atMost(maxEncodedSize(decoded.maxSize()), DataType.UINT8);
  }

  @Override
  public ByteBuffer encode(ByteBuffer decoded, BytesSpec spec, CodecOptions options) {
    Objects.requireNonNull(options, "options");
    if (spec.isBounded() && decoded.remaining() > spec.maxSize()) {
      throw new CodecException(
          "codec '"
              + ID
              + "': "
              + decoded.remaining()
              + " bytes to encode, more than the "
              + spec.maxSize()
              + " the chain resolved");
    }
    return encodeBytes(decoded);
  }

  @Override
  public ByteBuffer decode(ByteBuffer encoded, BytesSpec spec, CodecOptions options) {
    Objects.requireNonNull(options, "options");
    long size = decodedSize(encoded, spec.decodeLimit(), spec.exact() ? spec.maxSize() : -1);
    byte[] out = new byte[(int) size];
    decodeBody(encoded, out, 0, (int) size);
    return ByteBuffer.wrap(out);
  }

  /** {@inheritDoc} The decoder writes straight into the caller's array. */
  @Override
  public boolean decodesInto() {
    return true;
  }

  @Override
  public void decodeInto(ByteBuffer encoded, byte[] dst, int off, int len, CodecOptions options) {
    Objects.requireNonNull(options, "options");
    Objects.checkFromIndexSize(off, len, dst.length);
    decodedSize(encoded, len, len);
    decodeBody(encoded, dst, off, len);
  }

  // ------------------------------------------------------------------ numcodecs' methods

  /** {@inheritDoc} The item size is ignored: runs are of bytes. */
  @Override
  public ByteBuffer encode(ByteBuffer decoded, int itemSize) {
    return encodeBytes(decoded);
  }

  @Override
  public ByteBuffer decode(ByteBuffer encoded, int maxDecodedSize) {
    return decode(
        encoded,
        BytesSpec.atMost(Math.max(0, maxDecodedSize), DataType.UINT8),
        CodecOptions.processDefault());
  }

  // ------------------------------------------------------------------ the format

  private ByteBuffer encodeBytes(ByteBuffer decoded) {
    ByteBuffer in = decoded.duplicate();
    int n = in.remaining();
    if (n > MAX_DECODED) {
      throw new CodecException("codec '" + ID + "' encodes at most " + MAX_DECODED + " bytes");
    }
    int p0 = in.position();
    byte[] out = new byte[(int) maxEncodedSize(n)];
    out[0] = MAGIC_0;
    out[1] = MAGIC_1;
    ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(2, n);
    int o = HEADER_SIZE;
    int lit = 0; // start of pending literals
    int i = 0;
    while (i < n) {
      byte b = in.get(p0 + i);
      int r = 1;
      while (r < MAX_RUN && i + r < n && in.get(p0 + i + r) == b) {
        r++;
      }
      if (r >= minRun) {
        o = literals(in, p0, lit, i, out, o);
        out[o++] = (byte) (r + 125);
        out[o++] = b;
        lit = i + r;
      }
      i += r;
    }
    o = literals(in, p0, lit, n, out, o);
    return ByteBuffer.wrap(out, 0, o).slice();
  }

  /** Writes bytes {@code [from, to)} of the input as literal tokens; returns the new position. */
  private static int literals(ByteBuffer in, int p0, int from, int to, byte[] out, int o) {
    while (from < to) {
      int k = Math.min(MAX_LITERAL, to - from);
      out[o++] = (byte) (k - 1);
      in.get(p0 + from, out, o, k);
      o += k;
      from += k;
    }
    return o;
  }

  /**
   * Checks the header and returns the decoded size it records.
   *
   * @param limit the most bytes the caller accepts
   * @param exact the size the caller expects, or -1 for any up to {@code limit}
   */
  private static long decodedSize(ByteBuffer encoded, int limit, long exact) {
    int n = encoded.remaining();
    if (n < HEADER_SIZE) {
      throw new CodecException(
          "codec '"
              + ID
              + "': truncated input: "
              + n
              + " bytes, the header alone has "
              + HEADER_SIZE);
    }
    int p = encoded.position();
    if (encoded.get(p) != MAGIC_0 || encoded.get(p + 1) != MAGIC_1) {
      throw new CodecException(
          "codec '"
              + ID
              + "': not run-length data (the first bytes are "
              + hex(encoded.get(p))
              + " "
              + hex(encoded.get(p + 1))
              + ", not 'RL')");
    }
    long size =
        Integer.toUnsignedLong(encoded.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(p + 2));
    if (size > MAX_DECODED) {
      throw new CodecException(
          "codec '"
              + ID
              + "': the data claim "
              + size
              + " decoded bytes, more than the codec ever encodes ("
              + MAX_DECODED
              + ")");
    }
    if (size > limit) {
      throw new CodecException(
          "codec '"
              + ID
              + "': the data claim "
              + size
              + " decoded bytes, more than the "
              + limit
              + " allowed");
    }
    if (exact >= 0 && size != exact) {
      throw new CodecException(
          "codec '" + ID + "': the data claim " + size + " decoded bytes, expected " + exact);
    }
    long body = n - HEADER_SIZE;
    // a two-byte run token gives the most: 130 bytes, 65 per input byte
    if (size > body * (MAX_RUN / 2)) {
      throw new CodecException(
          "codec '"
              + ID
              + "': the data claim "
              + size
              + " decoded bytes, more than "
              + body
              + " bytes of tokens can hold");
    }
    return size;
  }

  /** Decodes the tokens after the header into {@code out[off, off+len)}, exactly filling it. */
  private static void decodeBody(ByteBuffer encoded, byte[] out, int off, int len) {
    int p = encoded.position() + HEADER_SIZE;
    int end = encoded.limit();
    int o = off;
    int stop = off + len;
    while (p < end) {
      int c = encoded.get(p++) & 0xFF;
      if (c < 128) {
        int k = c + 1;
        if (end - p < k) {
          throw new CodecException(
              "codec '" + ID + "': truncated input: a literal of " + k + " bytes has " + (end - p));
        }
        if (stop - o < k) {
          throw overflow(len);
        }
        encoded.get(p, out, o, k);
        p += k;
        o += k;
      } else {
        int k = c - 125;
        if (p >= end) {
          throw new CodecException("codec '" + ID + "': truncated input: a run has no byte");
        }
        if (stop - o < k) {
          throw overflow(len);
        }
        byte b = encoded.get(p++);
        for (int x = 0; x < k; x++) {
          out[o++] = b;
        }
      }
    }
    if (o != stop) {
      throw new CodecException(
          "codec '"
              + ID
              + "': truncated input: decoded "
              + (o - off)
              + " bytes, the header records "
              + len);
    }
  }

  private static CodecException overflow(int len) {
    return new CodecException(
        "codec '"
            + ID
            + "': corrupt input: the tokens decode to more than the "
            + len
            + " bytes the header records");
  }

  private static String hex(byte b) {
    return String.format("0x%02x", b & 0xFF);
  }

  // ------------------------------------------------------------------ identity

  @Override
  public boolean equals(Object o) {
    return o instanceof RunLength r && r.minRun == minRun;
  }

  @Override
  public int hashCode() {
    return Objects.hash(ID, minRun);
  }

  /** In numcodecs' repr style: {@code RunLength(min_run=3)}. */
  @Override
  public String toString() {
    return "RunLength(min_run=" + minRun + ")";
  }
}
