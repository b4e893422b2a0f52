package dev.zarr4j.codec.compress;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.compression.LittleEndian;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.codec.ByteSlice;
import dev.zarr4j.internal.codec.ConfigReader;
import dev.zarr4j.python.PythonFloat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.tukaani.xz.ARM64Options;
import org.tukaani.xz.ARMOptions;
import org.tukaani.xz.ARMThumbOptions;
import org.tukaani.xz.DeltaOptions;
import org.tukaani.xz.FilterOptions;
import org.tukaani.xz.FinishableOutputStream;
import org.tukaani.xz.FinishableWrapperOutputStream;
import org.tukaani.xz.IA64Options;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.LZMAOutputStream;
import org.tukaani.xz.PowerPCOptions;
import org.tukaani.xz.RISCVOptions;
import org.tukaani.xz.SPARCOptions;
import org.tukaani.xz.UnsupportedOptionsException;
import org.tukaani.xz.X86Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * The LZMA compressor (numcodecs id {@code "lzma"}), with the container formats and filter chains
 * of Python's {@code lzma} module. Pure Java (XZ for Java) on both backends.
 *
 * <p>Configuration, as numcodecs writes it: {@code format} (1 = {@code FORMAT_XZ}, the default; 2 =
 * {@code FORMAT_ALONE}, the legacy {@code .lzma} format; 3 = {@code FORMAT_RAW}, no container),
 * {@code check} (-1 = the format's default, CRC64 for xz; 0 none, 1 CRC32, 4 CRC64, 10 SHA-256;
 * only xz stores a check), {@code preset} (0..9, optionally OR'ed with {@code PRESET_EXTREME} =
 * {@code 0x80000000}; {@code null} means 6) and {@code filters} ({@code null} or a list of filter
 * specifications, each a map with an {@code id}: {@code 3} delta ({@code dist}), {@code 4..9} and
 * {@code 10, 11} the BCJ filters x86, PowerPC, IA-64, ARM, ARM-Thumb, SPARC, ARM64, RISC-V ({@code
 * start_offset}), {@code 33} LZMA2 and {@code 0x4000000000000001} LZMA1 ({@code preset}, {@code
 * dict_size}, {@code lc}, {@code lp}, {@code pb}, {@code mode}, {@code nice_len}, {@code mf},
 * {@code depth}), the LZMA filter last). {@code preset} and {@code filters} exclude each other, raw
 * format needs {@code filters}, and the alone format takes only an LZMA1 filter, as in Python.
 *
 * <p>{@code toConfig()} returns the configuration as given (filter maps keep their key order) and
 * {@code toString()} is numcodecs' repr, e.g. {@code LZMA(format=1, check=-1, preset=None,
 * filters=[{'dist': 4, 'id': 3}, {'id': 33, 'preset': 1}])}.
 *
 * <p>Decoding needs no filter configuration for the xz and alone formats, whose streams describe
 * themselves (numcodecs 0.11 itself cannot decode xz data when {@code filters} is set: Python
 * refuses filters outside the raw format). Concatenated xz streams and stream padding are read as
 * Python does. Memory stays bounded: for the alone and raw formats the LZMA dictionary, which a
 * header may claim up to 4 GiB, is never allocated larger than the most output the caller accepts;
 * for the xz format a block's dictionary may take up to 64 MiB (preset 9's) or the configured
 * {@code dict_size} beyond that bound, as liblzma allocates it too, and larger claims are refused.
 * The encoder is XZ for Java's, so compressed bytes can differ from liblzma's while decoding to the
 * same data; match finders HC3, BT2 and BT3 are replaced by HC4 and BT4, and {@code nice_len} below
 * 8 is raised to 8 (encoding only).
 */
public final class Lzma implements BytesToBytesCodec {
  /** The numcodecs codec id. */
  public static final String ID = "lzma";

  /** The configuration keys besides {@code id}. */
  public static final List<String> KEYS = List.of("format", "check", "preset", "filters");

  /** Python's {@code lzma.FORMAT_XZ}. */
  public static final int FORMAT_XZ = 1;

  /** Python's {@code lzma.FORMAT_ALONE}. */
  public static final int FORMAT_ALONE = 2;

  /** Python's {@code lzma.FORMAT_RAW}. */
  public static final int FORMAT_RAW = 3;

  /** Python's {@code lzma.FILTER_LZMA1}. */
  public static final long FILTER_LZMA1 = 0x4000000000000001L;

  /** Python's {@code lzma.FILTER_LZMA2}. */
  public static final long FILTER_LZMA2 = 0x21;

  /** Python's {@code lzma.FILTER_DELTA}. */
  public static final long FILTER_DELTA = 3;

  /** Python's {@code lzma.PRESET_EXTREME}. */
  public static final long PRESET_EXTREME = 0x80000000L;

  /** numcodecs' default, {@code LZMA(format=1, check=-1, preset=None, filters=None)}. */
  public static final Lzma DEFAULT = new Lzma(FORMAT_XZ, -1, null, null);

  private static final Set<String> LZMA_KEYS =
      Set.of("id", "preset", "dict_size", "lc", "lp", "pb", "mode", "nice_len", "mf", "depth");

  private final int format;
  private final int check;
  private final Long preset;
  private final List<Map<String, Object>> filters;
  private final List<Spec> chain;

  /** One parsed filter specification: its id and integer options. */
  private record Spec(long id, Map<String, Long> options) {
    boolean isLzma() {
      return id == FILTER_LZMA1 || id == FILTER_LZMA2;
    }

    long get(String key, long def) {
      Long v = options.get(key);
      return v == null ? def : v;
    }
  }

  private Lzma(int format, int check, Long preset, List<Map<String, Object>> filters) {
    if (format < 1 || format > 3) {
      throw new CodecException("lzma: format must be 1 (xz), 2 (alone) or 3 (raw), got " + format);
    }
    if (check != -1 && check != 0 && check != 1 && check != 4 && check != 10) {
      throw new CodecException(
          "lzma: check must be -1, 0 (none), 1 (CRC32), 4 (CRC64) or 10 (SHA-256), got " + check);
    }
    if (format != FORMAT_XZ && check != -1 && check != 0) {
      throw new CodecException("lzma: integrity checks are only supported by the xz format (1)");
    }
    if (preset != null && filters != null) {
      throw new CodecException("lzma: cannot specify both preset and a filter chain");
    }
    this.format = format;
    this.check = check;
    this.preset = preset;
    this.filters = filters == null ? null : deepCopy(filters);
    this.chain = filters == null ? presetChain(preset) : parseChain(this.filters);
    validate();
  }

  private static List<Map<String, Object>> deepCopy(List<Map<String, Object>> filters) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> f : filters) {
      if (f == null) {
        throw new CodecException("lzma: a filter specification must be a dict, got null");
      }
      Map<String, Object> copy = new LinkedHashMap<>();
      // integers compare equal whatever Java type the JSON reader chose (Integer, Long ...)
      f.forEach((k, v) -> copy.put(k, canonical(v)));
      out.add(Collections.unmodifiableMap(copy));
    }
    return Collections.unmodifiableList(out);
  }

  private static Object canonical(Object v) {
    if (v instanceof Integer
        || v instanceof Long
        || v instanceof Short
        || v instanceof Byte
        || (v instanceof BigInteger b && b.bitLength() < 64)) {
      long l = ((Number) v).longValue();
      return l == (int) l ? (Object) (int) l : (Object) l;
    }
    return v;
  }

  private List<Spec> presetChain(Long preset) {
    if (format == FORMAT_RAW) {
      throw new CodecException("lzma: the raw format (3) needs a filter chain");
    }
    Map<String, Long> opts = new LinkedHashMap<>();
    if (preset != null) {
      opts.put("preset", preset);
    }
    return List.of(new Spec(format == FORMAT_ALONE ? FILTER_LZMA1 : FILTER_LZMA2, opts));
  }

  private static List<Spec> parseChain(List<Map<String, Object>> filters) {
    List<Spec> specs = new ArrayList<>();
    for (int i = 0; i < filters.size(); i++) {
      Map<String, Object> f = filters.get(i);
      if (!f.containsKey("id")) {
        throw new CodecException("lzma: filter specification " + i + " has no 'id': " + f);
      }
      long id = integer(f.get("id"), "filters[" + i + "].id");
      Set<String> allowed;
      if (id == FILTER_LZMA1 || id == FILTER_LZMA2) {
        allowed = LZMA_KEYS;
      } else if (id == FILTER_DELTA) {
        allowed = Set.of("id", "dist");
      } else if (id >= 4 && id <= 11) {
        allowed = Set.of("id", "start_offset");
      } else {
        throw new CodecException("lzma: invalid filter id " + id + " in filters[" + i + "]");
      }
      Map<String, Long> opts = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : f.entrySet()) {
        if (!allowed.contains(e.getKey())) {
          throw new CodecException(
              "lzma: filters["
                  + i
                  + "] (id "
                  + id
                  + ") has an invalid option '"
                  + e.getKey()
                  + "'; allowed: "
                  + allowed);
        }
        if (!e.getKey().equals("id")) {
          long v = integer(e.getValue(), "filters[" + i + "]." + e.getKey());
          if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new CodecException(
                "lzma: filters[" + i + "]." + e.getKey() + " must be in 0..2^32-1, got " + v);
          }
          opts.put(e.getKey(), v);
        }
      }
      specs.add(new Spec(id, opts));
    }
    return specs;
  }

  private static long integer(Object v, String what) {
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigInteger b && b.bitLength() < 64) {
      return b.longValue();
    }
    throw new CodecException("lzma: " + what + " must be an integer, got " + v);
  }

  private void validate() {
    if (chain.isEmpty() || chain.size() > 4) {
      throw new CodecException("lzma: a filter chain needs 1 to 4 filters, got " + chain.size());
    }
    for (int i = 0; i < chain.size() - 1; i++) {
      if (chain.get(i).isLzma()) {
        throw new CodecException("lzma: an LZMA filter may only be the last in the chain");
      }
    }
    Spec last = chain.get(chain.size() - 1);
    if (!last.isLzma()) {
      throw new CodecException("lzma: the last filter of the chain must be LZMA1 or LZMA2");
    }
    if (format == FORMAT_XZ && last.id == FILTER_LZMA1) {
      throw new CodecException("lzma: the xz format (1) does not support the LZMA1 filter");
    }
    if (format == FORMAT_ALONE && (chain.size() != 1 || last.id != FILTER_LZMA1)) {
      throw new CodecException("lzma: the alone format (2) takes exactly one LZMA1 filter");
    }
    try {
      build(); // checks every option value
    } catch (UnsupportedOptionsException e) {
      throw new CodecException("lzma: unsupported filter options: " + e.getMessage(), e);
    }
  }

  /**
   * An LZMA codec.
   *
   * @param format 1 (xz), 2 (alone) or 3 (raw)
   * @param check -1, 0, 1, 4 or 10
   * @param preset 0..9 (optionally with {@link #PRESET_EXTREME}), or {@code null}
   * @param filters {@code null}, or filter specifications as Python's {@code lzma} takes them
   * @throws CodecException if the combination is invalid
   */
  public static Lzma of(int format, int check, Long preset, List<Map<String, Object>> filters) {
    return new Lzma(format, check, preset, filters);
  }

  /** An xz-format codec with a preset (0..9). */
  public static Lzma ofPreset(int preset) {
    return new Lzma(FORMAT_XZ, -1, (long) preset, null);
  }

  /**
   * Builds the codec from a numcodecs configuration.
   *
   * @throws CodecException naming the key and value if a key is unknown or a value invalid
   */
  @SuppressWarnings("unchecked")
  public static Lzma fromConfig(Map<String, Object> config) {
    ConfigReader r = ConfigReader.of(ID, config, KEYS);
    int format = r.getInt("format", FORMAT_XZ, Integer.MIN_VALUE, Integer.MAX_VALUE);
    int check = r.getInt("check", -1, Integer.MIN_VALUE, Integer.MAX_VALUE);
    Long preset = null;
    if (config.get("preset") != null) {
      preset = integer(config.get("preset"), "preset");
    }
    List<Map<String, Object>> filters = null;
    Object f = config.get("filters");
    if (f != null) {
      if (!(f instanceof List<?> list)) {
        throw r.bad("filters", f, "a list of filter specifications or null");
      }
      filters = new ArrayList<>();
      for (Object item : list) {
        if (!(item instanceof Map<?, ?> m)) {
          throw r.bad("filters", f, "a list of dicts");
        }
        filters.add((Map<String, Object>) m);
      }
    }
    return new Lzma(format, check, preset, filters);
  }

  /** The container format: 1 (xz), 2 (alone) or 3 (raw). */
  public int format() {
    return format;
  }

  /** The integrity check id (-1 for the format's default). */
  public int check() {
    return check;
  }

  /** The preset, or {@code null}. */
  public Long preset() {
    return preset;
  }

  /** The filter chain as configured, or {@code null}. */
  public List<Map<String, Object>> filters() {
    return filters;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, Object> toConfig() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", ID);
    m.put("format", format);
    m.put("check", check);
    m.put(
        "preset", preset == null ? null : preset == preset.intValue() ? preset.intValue() : preset);
    m.put("filters", filters);
    return Collections.unmodifiableMap(m);
  }

  // ------------------------------------------------------------------ building filters

  private FilterOptions[] build() throws UnsupportedOptionsException {
    FilterOptions[] out = new FilterOptions[chain.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = build(chain.get(i));
    }
    return out;
  }

  private static FilterOptions build(Spec s) throws UnsupportedOptionsException {
    if (s.isLzma()) {
      LZMA2Options o = presetOptions(s.get("preset", 6));
      if (s.options.containsKey("dict_size")) {
        o.setDictSize((int) Math.min(s.get("dict_size", 0), LZMA2Options.DICT_SIZE_MAX));
      }
      if (s.options.containsKey("lc") || s.options.containsKey("lp")) {
        o.setLcLp((int) s.get("lc", o.getLc()), (int) s.get("lp", o.getLp()));
      }
      if (s.options.containsKey("pb")) {
        o.setPb((int) s.get("pb", 0));
      }
      if (s.options.containsKey("mode")) {
        o.setMode((int) s.get("mode", 0));
      }
      if (s.options.containsKey("nice_len")) {
        long n = s.get("nice_len", 0);
        if (n < 2) {
          throw new UnsupportedOptionsException("nice_len must be at least 2, got " + n);
        }
        o.setNiceLen((int) Math.max(LZMA2Options.NICE_LEN_MIN, n));
      }
      if (s.options.containsKey("mf")) {
        long mf = s.get("mf", 0);
        if (mf == 0x03 || mf == 0x04) {
          o.setMatchFinder(LZMA2Options.MF_HC4);
        } else if (mf == 0x12 || mf == 0x13 || mf == 0x14) {
          o.setMatchFinder(LZMA2Options.MF_BT4);
        } else {
          throw new UnsupportedOptionsException("unknown match finder " + mf);
        }
      }
      if (s.options.containsKey("depth")) {
        o.setDepthLimit((int) Math.min(Integer.MAX_VALUE, s.get("depth", 0)));
      }
      return o;
    }
    if (s.id == FILTER_DELTA) {
      long dist = s.get("dist", 1);
      if (dist < 1 || dist > 256) {
        throw new UnsupportedOptionsException("delta distance must be in 1..256, got " + dist);
      }
      return new DeltaOptions((int) dist);
    }
    int start = (int) s.get("start_offset", 0);
    switch ((int) s.id) {
      case 4 -> {
        X86Options o = new X86Options();
        o.setStartOffset(start);
        return o;
      }
      case 5 -> {
        PowerPCOptions o = new PowerPCOptions();
        o.setStartOffset(start);
        return o;
      }
      case 6 -> {
        IA64Options o = new IA64Options();
        o.setStartOffset(start);
        return o;
      }
      case 7 -> {
        ARMOptions o = new ARMOptions();
        o.setStartOffset(start);
        return o;
      }
      case 8 -> {
        ARMThumbOptions o = new ARMThumbOptions();
        o.setStartOffset(start);
        return o;
      }
      case 9 -> {
        SPARCOptions o = new SPARCOptions();
        o.setStartOffset(start);
        return o;
      }
      case 10 -> {
        ARM64Options o = new ARM64Options();
        o.setStartOffset(start);
        return o;
      }
      default -> {
        RISCVOptions o = new RISCVOptions();
        o.setStartOffset(start);
        return o;
      }
    }
  }

  /** liblzma's preset, including the extreme variants. */
  private static LZMA2Options presetOptions(long preset) throws UnsupportedOptionsException {
    long level = preset & 0x1F;
    long flags = preset & ~0x1FL;
    if (level > 9 || (flags != 0 && flags != PRESET_EXTREME)) {
      throw new UnsupportedOptionsException("invalid compression preset " + preset);
    }
    LZMA2Options o = new LZMA2Options((int) level);
    if (flags == PRESET_EXTREME) {
      o.setMode(LZMA2Options.MODE_NORMAL);
      o.setMatchFinder(LZMA2Options.MF_BT4);
      if (level == 3 || level == 5) {
        o.setNiceLen(192);
        o.setDepthLimit(0);
      } else {
        o.setNiceLen(273);
        o.setDepthLimit(512);
      }
    }
    return o;
  }

  // ------------------------------------------------------------------ encode

  @Override
  public ByteBuffer encode(ByteBuffer decoded, int itemSize) {
    ByteSlice in = ByteSlice.of(decoded);
    ByteArrayOutputStream bos = new ByteArrayOutputStream(Math.max(64, in.length() / 4));
    try {
      FilterOptions[] opts = build();
      FinishableOutputStream out;
      switch (format) {
        case FORMAT_XZ -> out = new XZOutputStream(bos, opts, check == -1 ? 4 : check);
        case FORMAT_ALONE -> out = new LZMAOutputStream(bos, (LZMA2Options) opts[0], in.length());
        default -> {
          FinishableOutputStream sink = new FinishableWrapperOutputStream(bos);
          int last = opts.length - 1;
          out =
              chain.get(last).id == FILTER_LZMA1
                  ? new LZMAOutputStream(sink, (LZMA2Options) opts[last], true)
                  : opts[last].getOutputStream(sink);
          for (int i = last - 1; i >= 0; i--) {
            out = opts[i].getOutputStream(out);
          }
        }
      }
      out.write(in.array(), in.offset(), in.length());
      out.finish();
    } catch (IOException | RuntimeException e) {
      throw new CodecException("lzma: compression failed: " + e, e);
    }
    return ByteBuffer.wrap(bos.toByteArray());
  }

  // ------------------------------------------------------------------ decode

  /**
   * The memory XZ for Java may use to decode an xz stream, in KiB. Unlike the alone and raw
   * formats, an xz block header's dictionary size cannot be clamped before the decoder allocates
   * it, so the decoder is given room for the largest preset's dictionary (64 MiB, preset 9) or the
   * configured {@code dict_size}, whichever is larger, plus the output bound; a header claiming
   * more is refused before anything is allocated.
   */
  private int xzMemoryLimitKiB(int maxDecodedSize) {
    long dict = 64L << 20;
    for (Spec s : chain) {
      if (s.isLzma()) {
        dict = Math.max(dict, s.get("dict_size", 0));
      }
    }
    long bytes = dict + Math.max(0, maxDecodedSize) + (1L << 20);
    return (int) Math.min(Integer.MAX_VALUE, bytes >> 10);
  }

  /** A dictionary size no larger than the output can reach (distances beyond it are invalid). */
  private static int dictFor(long dictSize, int maxDecodedSize) {
    long cap = Math.max(4096L, maxDecodedSize + 64L);
    return (int) Math.min(Math.min(dictSize, cap), LZMAInputStream.DICT_SIZE_MAX);
  }

  @Override
  public ByteBuffer decode(ByteBuffer encoded, int maxDecodedSize) {
    ByteSlice in = ByteSlice.of(encoded);
    ByteArrayInputStream src = new ByteArrayInputStream(in.array(), in.offset(), in.length());
    try {
      InputStream s;
      long hint = in.length() * 4L;
      switch (format) {
        case FORMAT_XZ -> s = new XZInputStream(src, xzMemoryLimitKiB(maxDecodedSize));
        case FORMAT_ALONE -> {
          if (in.length() < 13) {
            throw new CodecException(
                "lzma: input of "
                    + in.length()
                    + " bytes is shorter than the 13-byte .lzma header");
          }
          byte[] a = in.array();
          int p = in.offset();
          long dict = LittleEndian.getInt(a, p + 1) & 0xFFFF_FFFFL;
          long size = LittleEndian.getLong(a, p + 5);
          if (size != -1 && (size < 0 || size > maxDecodedSize)) {
            throw new CodecException(
                "lzma: the .lzma header claims "
                    + Long.toUnsignedString(size)
                    + " decoded bytes, above the limit of "
                    + maxDecodedSize);
          }
          if (size >= 0) {
            hint = size;
          }
          src.skip(13);
          s = new LZMAInputStream(src, size, a[p], dictFor(dict, maxDecodedSize));
        }
        default -> s = rawInput(src, maxDecodedSize);
      }
      try (InputStream stream = s) {
        return ByteBuffer.wrap(StreamDecode.readAll(stream, maxDecodedSize, hint, ID));
      }
    } catch (CodecException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new CodecException("lzma: corrupt or truncated input: " + e, e);
    }
  }

  private InputStream rawInput(InputStream src, int maxDecodedSize) throws IOException {
    FilterOptions[] opts = build();
    int last = opts.length - 1;
    LZMA2Options lz = (LZMA2Options) opts[last];
    int dict = dictFor(lz.getDictSize(), maxDecodedSize);
    InputStream s;
    if (chain.get(last).id == FILTER_LZMA1) {
      s = new LZMAInputStream(src, -1, lz.getLc(), lz.getLp(), lz.getPb(), dict, null);
    } else {
      LZMA2Options small = (LZMA2Options) lz.clone();
      small.setDictSize(Math.max(LZMA2Options.DICT_SIZE_MIN, dict));
      s = small.getInputStream(src);
    }
    for (int i = last - 1; i >= 0; i--) {
      s = opts[i].getInputStream(s);
    }
    return s;
  }

  // ------------------------------------------------------------------ identity

  @Override
  public boolean equals(Object o) {
    return o instanceof Lzma l
        && l.format == format
        && l.check == check
        && Objects.equals(l.preset, preset)
        && Objects.equals(l.filters, filters);
  }

  @Override
  public int hashCode() {
    return Objects.hash(format, check, preset, filters);
  }

  /**
   * numcodecs' repr, e.g. {@code LZMA(format=1, check=-1, preset=None, filters=[{'dist': 4, 'id':
   * 3}, {'id': 33, 'preset': 1}])}.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("LZMA(format=");
    sb.append(format).append(", check=").append(check).append(", preset=");
    sb.append(preset == null ? "None" : preset.toString()).append(", filters=");
    pythonRepr(filters, sb);
    return sb.append(')').toString();
  }

  /** Python's repr of a JSON-like value. */
  static void pythonRepr(Object v, StringBuilder sb) {
    if (v == null) {
      sb.append("None");
    } else if (v instanceof Boolean b) {
      sb.append(b ? "True" : "False");
    } else if (v instanceof Double || v instanceof Float) {
      sb.append(PythonFloat.repr(((Number) v).doubleValue()));
    } else if (v instanceof Number) {
      sb.append(v);
    } else if (v instanceof String s) {
      sb.append('\'').append(s.replace("\\", "\\\\").replace("'", "\\'")).append('\'');
    } else if (v instanceof List<?> l) {
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        pythonRepr(l.get(i), sb);
      }
      sb.append(']');
    } else if (v instanceof Map<?, ?> m) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          sb.append(", ");
        }
        first = false;
        pythonRepr(e.getKey(), sb);
        sb.append(": ");
        pythonRepr(e.getValue(), sb);
      }
      sb.append('}');
    } else {
      sb.append(v);
    }
  }

  /** {@inheritDoc} A compressor's worst case ({@link dev.zarr4j.codec.CompressedSize}). */
  @Override
  public long maxEncodedSize(dev.zarr4j.codec.BytesSpec decoded) {
    return dev.zarr4j.codec.CompressedSize.worstCase(decoded);
  }
}
