package dev.zarr4j.codec.object;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.codec.ObjectCodec;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * decode(encode(x)) == x for random elements and shapes, for every object codec and several
 * configurations; seeded, so a failure names a reproducible repetition.
 */
class ObjectCodecPropertyTest {
  private static final BigInteger UINT64_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final BigInteger HUGE = BigInteger.TEN.pow(40);

  private static Object[] roundTrip(ObjectCodec codec, Object[] elements, int[] shape) {
    ByteBuffer enc = codec.encodeObjects(elements, shape);
    assertThat(enc.position()).isZero();
    int before = enc.position();
    Object[] dec = codec.decodeObjects(enc, elements.length);
    assertThat(enc.position()).as("decode leaves the position").isEqualTo(before);
    // a second decode of the same buffer gives the same (the buffer is not consumed)
    assertDeepEquals(codec.decodeObjects(enc, elements.length), dec, codec + " second decode");
    return dec;
  }

  static void assertDeepEquals(Object[] actual, Object[] expected, String what) {
    assertThat(actual).as(what).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(deepEquals(actual[i], expected[i]))
          .as("%s: element %d: expected %s but was %s", what, i, show(expected[i]), show(actual[i]))
          .isTrue();
    }
  }

  static String show(Object v) {
    if (v instanceof byte[] b) {
      return "byte" + Arrays.toString(b);
    }
    return String.valueOf(v);
  }

  /** Equality that compares byte arrays by content and doubles by bits. */
  static boolean deepEquals(Object a, Object b) {
    if (a instanceof EntryList e) {
      return e.equals(b);
    }
    if (b instanceof EntryList e) {
      return e.equals(a);
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!deepEquals(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      // byte[] keys have identity equality: match entries by content
      for (Map.Entry<?, ?> e : x.entrySet()) {
        boolean found = false;
        for (Map.Entry<?, ?> f : y.entrySet()) {
          if (deepEquals(e.getKey(), f.getKey()) && deepEquals(e.getValue(), f.getValue())) {
            found = true;
            break;
          }
        }
        if (!found) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Double x && b instanceof Double y) {
      return Double.doubleToLongBits(x) == Double.doubleToLongBits(y);
    }
    return java.util.Objects.equals(a, b) && (a == null || a.getClass() == b.getClass());
  }

  @RepeatedTest(60)
  void vlenUtf8(RepetitionInfo info) {
    ObjectTestData data = new ObjectTestData(1000 + info.getCurrentRepetition());
    int[] shape = data.shape(true);
    Object[] elements = new Object[ObjectTestData.size(shape)];
    Object[] expected = new Object[elements.length];
    for (int i = 0; i < elements.length; i++) {
      boolean none = data.random().nextInt(10) == 0;
      elements[i] = none ? null : data.string(30, Character.MAX_CODE_POINT);
      expected[i] = none ? "" : elements[i];
    }
    assertDeepEquals(roundTrip(VLenUtf8.INSTANCE, elements, shape), expected, "vlen-utf8");
  }

  @RepeatedTest(60)
  void vlenBytes(RepetitionInfo info) {
    ObjectTestData data = new ObjectTestData(2000 + info.getCurrentRepetition());
    int[] shape = data.shape(true);
    Object[] elements = new Object[ObjectTestData.size(shape)];
    Object[] expected = new Object[elements.length];
    for (int i = 0; i < elements.length; i++) {
      boolean none = data.random().nextInt(10) == 0;
      elements[i] = none ? null : data.bytes(40);
      expected[i] = none ? new byte[0] : elements[i];
    }
    assertDeepEquals(roundTrip(VLenBytes.INSTANCE, elements, shape), expected, "vlen-bytes");
  }

  @RepeatedTest(20)
  void vlenArrayEveryDtype(RepetitionInfo info) {
    ObjectTestData data = new ObjectTestData(3000 + info.getCurrentRepetition());
    for (String t : ObjectTestData.VLEN_DTYPES) {
      DataType dtype = DataType.parse(t);
      VLenArray codec = VLenArray.of(t);
      int[] shape = data.shape(true);
      Object[] elements = new Object[ObjectTestData.size(shape)];
      Object[] expected = new Object[elements.length];
      for (int i = 0; i < elements.length; i++) {
        int kind = data.random().nextInt(10);
        NdArray a = data.ragged(dtype, 9);
        if (kind == 0) {
          elements[i] = null;
          expected[i] = NdArray.zeros(dtype, 0);
        } else if (kind == 1) {
          elements[i] = a.data(); // the Java storage array
          expected[i] = a;
        } else if (kind == 2
            && dtype.byteOrder() != null
            && dtype.storage() != DataType.Storage.FIXED_BYTES) {
          // the same values in the other byte order are converted
          java.nio.ByteOrder other =
              dtype.isBigEndian()
                  ? java.nio.ByteOrder.LITTLE_ENDIAN
                  : java.nio.ByteOrder.BIG_ENDIAN;
          elements[i] = NdArray.wrap(dtype.withByteOrder(other), a.data(), a.size());
          expected[i] = a;
        } else {
          elements[i] = a;
          expected[i] = a;
        }
      }
      assertDeepEquals(roundTrip(codec, elements, shape), expected, codec.toString());
    }
  }

  static List<JsonCodec> jsonCodecs() {
    return List.of(
        JsonCodec.DEFAULT,
        JsonCodec.builder().indent(2).build(),
        JsonCodec.builder().indent("\t").sortKeys(false).build(),
        JsonCodec.builder().ensureAscii(false).build(),
        JsonCodec.builder().ensureAscii(false).encoding("utf-16-le").build(),
        JsonCodec.builder().separators(" , ", " : ").strict(false).build());
  }

  @RepeatedTest(40)
  void json(RepetitionInfo info) {
    ObjectTestData data = new ObjectTestData(4000 + info.getCurrentRepetition());
    for (JsonCodec codec : jsonCodecs()) {
      int[] shape = data.shape(true);
      Object[] elements = new Object[ObjectTestData.size(shape)];
      for (int i = 0; i < elements.length; i++) {
        elements[i] = data.jsonValue(3, HUGE, false, Character.MAX_CODE_POINT);
      }
      assertDeepEquals(roundTrip(codec, elements, shape), elements, codec.toString());
    }
  }

  @RepeatedTest(40)
  void msgpack(RepetitionInfo info) {
    ObjectTestData data = new ObjectTestData(5000 + info.getCurrentRepetition());
    int[] shape = data.shape(true);
    Object[] elements = new Object[ObjectTestData.size(shape)];
    for (int i = 0; i < elements.length; i++) {
      elements[i] = data.jsonValue(3, UINT64_MAX, true, Character.MAX_CODE_POINT);
      if (data.random().nextInt(15) == 0) {
        elements[i] =
            java.time.Instant.ofEpochSecond(
                data.random().nextLong(-(1L << 40), 1L << 40),
                data.random().nextInt(1_000_000_000));
      } else if (data.random().nextInt(15) == 0) {
        elements[i] = new MsgPackExtension(data.random().nextInt(128), data.bytes(20));
      }
    }
    assertDeepEquals(roundTrip(MsgPack.DEFAULT, elements, shape), elements, "msgpack2");
    // use_single_float: doubles come back rounded to float32
    Object[] single = roundTrip(MsgPack.of(false, true, true), elements, shape);
    assertDeepEquals(single, mapValues(elements, ObjectCodecPropertyTest::toSingle), "single");
    // raw: strings come back as their UTF-8 bytes
    Object[] raw = roundTrip(MsgPack.of(true, false, true), elements, shape);
    assertDeepEquals(raw, mapValues(elements, ObjectCodecPropertyTest::toRaw), "raw");
  }

  private static Object toSingle(Object v) {
    return v instanceof Double d ? (double) (float) (double) d : v;
  }

  private static Object toRaw(Object v) {
    return v instanceof String s ? s.getBytes(java.nio.charset.StandardCharsets.UTF_8) : v;
  }

  private static Object[] mapValues(Object[] elements, java.util.function.UnaryOperator<Object> f) {
    Object[] out = new Object[elements.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = mapValue(elements[i], f);
    }
    return out;
  }

  private static Object mapValue(Object v, java.util.function.UnaryOperator<Object> f) {
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) {
        out.add(mapValue(o, f));
      }
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      // keys are strings; with raw they become byte[], which a Map cannot look up by content:
      // compare such maps as lists of entries instead
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put(mapValue(e.getKey(), f), mapValue(e.getValue(), f));
      }
      return new EntryList(out);
    }
    return f.apply(v);
  }

  /** A map compared by its entries in order, keys and values by {@link #deepEquals}. */
  record EntryList(Map<Object, Object> map) {
    @Override
    public boolean equals(Object o) {
      Map<?, ?> other = o instanceof EntryList e ? e.map : o instanceof Map<?, ?> m ? m : null;
      if (other == null || other.size() != map.size()) {
        return false;
      }
      var a = map.entrySet().iterator();
      var b = other.entrySet().iterator();
      while (a.hasNext()) {
        var x = a.next();
        var y = b.next();
        if (!deepEquals(y.getKey(), x.getKey()) || !deepEquals(y.getValue(), x.getValue())) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      return map.size();
    }
  }

  @RepeatedTest(30)
  void categorize(RepetitionInfo info) {
    ObjectTestData data = new ObjectTestData(6000 + info.getCurrentRepetition());
    List<String> labels = new ArrayList<>();
    int nLabels = data.random().nextInt(8);
    for (int i = 0; i < nLabels; i++) {
      labels.add(data.string(6, Character.MAX_CODE_POINT));
    }
    for (String astype : new String[] {"|u1", "<u2", ">i4", "<i8", "<f4", ">f8", "<f2"}) {
      Categorize codec = Categorize.of(labels, astype);
      int[] shape = data.shape(true);
      Object[] elements = new Object[ObjectTestData.size(shape)];
      Object[] expected = new Object[elements.length];
      for (int i = 0; i < elements.length; i++) {
        int k = data.random().nextInt(6);
        if (k == 0) {
          elements[i] = null;
        } else if (k == 1) {
          elements[i] = data.string();
        } else if (k == 2) {
          elements[i] = 42L;
        } else if (!labels.isEmpty()) {
          elements[i] = labels.get(data.random().nextInt(labels.size()));
        }
        expected[i] = elements[i] instanceof String s && labels.contains(s) ? s : "";
      }
      ByteBuffer enc = codec.encodeObjects(elements, shape);
      assertThat(enc.remaining()).isEqualTo(elements.length * DataType.parse(astype).itemSize());
      assertDeepEquals(codec.decodeObjects(enc, elements.length), expected, codec.toString());
    }
  }

  @RepeatedTest(20)
  void categorizeUnicode(RepetitionInfo info) {
    ObjectTestData data = new ObjectTestData(7000 + info.getCurrentRepetition());
    int width = 1 + data.random().nextInt(6);
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < 1 + data.random().nextInt(6); i++) {
      labels.add(data.string(width, Character.MAX_CODE_POINT).replace("\0", "x"));
    }
    for (String order : new String[] {"<", ">"}) {
      String dtype = order + "U" + width;
      CategorizeUnicode codec = CategorizeUnicode.of(labels, dtype, "<u2");
      int n = data.random().nextInt(30);
      NdArray values = NdArray.zeros(DataType.parse(dtype), n);
      String[] expected = new String[n];
      for (int i = 0; i < n; i++) {
        String s =
            data.random().nextBoolean()
                ? labels.get(data.random().nextInt(labels.size()))
                : data.string(width, 0x7f).replace("\0", "y");
        values.setFlat(i, s);
        expected[i] = labels.contains(s) ? s : "";
      }
      byte[] raw = new byte[n * values.dtype().itemSize()];
      if (n > 0) {
        dev.zarr4j.ndarray.RawCopy.encode(
            values.data(),
            0,
            new long[] {1},
            ByteBuffer.wrap(raw),
            0,
            new long[] {values.dtype().itemSize()},
            new long[] {n},
            values.dtype());
      }
      ByteBuffer enc = codec.encode(ByteBuffer.wrap(raw), values.dtype().itemSize());
      assertThat(enc.remaining()).isEqualTo(2 * n);
      ByteBuffer dec = codec.decode(enc, raw.length);
      NdArray back = NdArray.zeros(values.dtype(), n);
      if (n > 0) {
        dev.zarr4j.ndarray.RawCopy.decode(
            dec,
            0,
            new long[] {values.dtype().itemSize()},
            back.data(),
            0,
            new long[] {1},
            new long[] {n},
            values.dtype());
      }
      for (int i = 0; i < n; i++) {
        // labels longer than the width never match, so the expected text fits
        assertThat(back.getFlat(i)).as("%s item %d", codec, i).isEqualTo(expected[i]);
      }
    }
  }

  @Test
  void largeChunksRoundTrip() {
    ObjectTestData data = new ObjectTestData(8);
    Object[] strings = new Object[100_000];
    for (int i = 0; i < strings.length; i++) {
      strings[i] = data.string(20, 0xffff);
    }
    int[] shape = {100, 1000};
    assertDeepEquals(roundTrip(VLenUtf8.INSTANCE, strings, shape), strings, "vlen-utf8");
    assertDeepEquals(roundTrip(JsonCodec.DEFAULT, strings, shape), strings, "json2");
    assertDeepEquals(roundTrip(MsgPack.DEFAULT, strings, shape), strings, "msgpack2");
  }
}
