package com.example.zarrcodecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.ArrayToArrayCodec;
import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.python.PythonJson;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ZigZagDelta} on its own: encoding agrees with a naive reference element by element, on
 * random integer chunks of every width and byte order, in C order and as strided views; decoding
 * inverts it exactly; {@code resolve} refuses what the codec cannot take; the configuration maps
 * both ways exactly.
 */
class ZigZagDeltaTest {

  static LongStream seeds() {
    return LongStream.range(0, 300);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void encodesAsTheNaiveReferenceAndDecodesBack(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 7919 + 1);
    DataType t = Chunks.randomIntType(rnd);
    int ndim = rnd.nextInt(1, 5);
    int[] shape = new int[ndim];
    for (int d = 0; d < ndim; d++) {
      shape[d] = rnd.nextInt(10) == 0 ? 0 : rnd.nextInt(1, 7);
    }
    int axis = rnd.nextInt(-ndim, ndim);
    ZigZagDelta codec = new ZigZagDelta(axis);
    NdArray values = Chunks.randomInts(rnd, t, shape);
    ChunkArray in = Chunks.chunkOf(values, rnd.nextBoolean(), rnd);
    CodecOptions options = rnd.nextBoolean() ? CodecOptions.AUTO : CodecOptions.PURE_JAVA;

    ChunkArray enc = codec.encode(in, options);
    assertThat(enc.spec()).isEqualTo(codec.resolve(in.spec()));
    assertThat(enc.spec().dtype().kind()).isEqualTo(DataType.Kind.UINT);
    assertThat(enc.spec().dtype().itemSize()).isEqualTo(t.itemSize());
    assertThat(enc.spec().dtype().byteOrder()).isEqualTo(t.byteOrder());
    assertThat(Chunks.valuesOf(enc)).as("seed %d", seed).isEqualTo(reference(values, axis));
    // the input is left as it was
    assertThat(Chunks.valuesOf(in)).isEqualTo(values);

    // decoding inverts it, also from a strided view of the encoded chunk
    ChunkArray encView = Chunks.chunkOf(Chunks.valuesOf(enc), rnd.nextBoolean(), rnd);
    ChunkArray dec = codec.decode(encView, in.spec(), options);
    assertThat(dec.spec()).isEqualTo(in.spec());
    assertThat(Chunks.valuesOf(dec)).as("seed %d", seed).isEqualTo(values);
  }

  /** Zig-zag encoded differences along {@code axis}, computed position by position. */
  static NdArray reference(NdArray values, int axis) {
    int[] shape = values.shape();
    int a = axis < 0 ? axis + shape.length : axis;
    DataType t = values.dtype();
    int bits = 8 * t.itemSize();
    BigInteger mod = BigInteger.ONE.shiftLeft(bits);
    BigInteger half = BigInteger.ONE.shiftLeft(bits - 1);
    NdArray out = NdArray.zeros(ZigZagDelta.encodedType(t), shape);
    for (int i = 0; i < values.size(); i++) {
      int[] idx = unravel(i, shape);
      BigInteger x = BigInteger.valueOf(Chunks.raw(values.data(), i));
      BigInteger prev = BigInteger.ZERO;
      if (idx[a] > 0) {
        idx[a]--;
        prev = BigInteger.valueOf(Chunks.raw(values.data(), values.flatIndex(idx)));
      }
      BigInteger d = x.subtract(prev).mod(mod); // in [0, 2^bits)
      BigInteger signed = d.compareTo(half) >= 0 ? d.subtract(mod) : d;
      BigInteger zz =
          signed.signum() >= 0
              ? signed.shiftLeft(1)
              : signed.negate().shiftLeft(1).subtract(BigInteger.ONE);
      Chunks.setRaw(out.data(), i, zz.longValue());
    }
    return out;
  }

  static int[] unravel(int flat, int[] shape) {
    int[] p = new int[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      p[d] = flat % shape[d];
      flat /= shape[d];
    }
    return p;
  }

  @Test
  void smoothDataBecomeSmallNumbers() {
    NdArray v = NdArray.of(new int[] {1000, 1001, 1003, 1002, -5, -5}, 2, 3);
    ChunkArray enc =
        ZigZagDelta.lastAxis()
            .encode(Chunks.chunkOf(v, false, new SplittableRandom(1)), CodecOptions.AUTO);
    // row 0: 1000 -> 2000, +1 -> 2, +2 -> 4; row 1: 1002 -> 2004, -1007 -> 2013, 0 -> 0
    assertThat(Chunks.valuesOf(enc))
        .isEqualTo(NdArray.of(new int[] {2000, 2, 4, 2004, 2013, 0}, 2, 3).astype(uint32()));
    ChunkArray enc0 =
        new ZigZagDelta(0)
            .encode(Chunks.chunkOf(v, false, new SplittableRandom(1)), CodecOptions.AUTO);
    // down the columns: 1000, 1001, 1003 then 2, -1006, -1008
    assertThat(Chunks.valuesOf(enc0))
        .isEqualTo(NdArray.of(new int[] {2000, 2002, 2006, 4, 2011, 2015}, 2, 3).astype(uint32()));
  }

  private static DataType uint32() {
    return DataType.UINT32;
  }

  @Test
  void resolveGivesTheUnsignedTypeOfTheSameWidthAndOrder() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("|i1", "|u1");
    expected.put("|u1", "|u1");
    expected.put("<i2", "<u2");
    expected.put(">i2", ">u2");
    expected.put("<u4", "<u4");
    expected.put(">i4", ">u4");
    expected.put("<i8", "<u8");
    expected.put(">u8", ">u8");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      ChunkSpec in = new ChunkSpec(new int[] {3, 4}, DataType.parse(e.getKey()), 7L);
      ChunkSpec out = ZigZagDelta.lastAxis().resolve(in);
      assertThat(out.dtype().typestr()).as(e.getKey()).isEqualTo(e.getValue());
      assertThat(out.shape()).containsExactly(3, 4);
      assertThat(out.fillValue()).isNull();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "|b1", "<f2", "<f4", ">f8", "<c8", "<c16", "|S3", "<U2", "<M8[ns]", "<m8[s]", "|V4", "|O"
      })
  void resolveRefusesEveryNonIntegerTypeNamingCodecAndType(String typestr) {
    DataType t = DataType.parse(typestr);
    assertThatThrownBy(() -> ZigZagDelta.lastAxis().resolve(new ChunkSpec(new int[] {4}, t, null)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("'example.zigzag_delta'")
        .hasMessageContaining(t.typestr());
  }

  @Test
  void resolveRefusesAxesOutsideTheChunk() {
    DataType t = DataType.INT32;
    for (int axis : new int[] {-2, -1, 0, 1}) {
      assertThat(new ZigZagDelta(axis).resolve(new ChunkSpec(new int[] {2, 3}, t, null)).shape())
          .containsExactly(2, 3);
    }
    for (int axis : new int[] {-3, 2, 7, Integer.MIN_VALUE}) {
      assertThatThrownBy(
              () -> new ZigZagDelta(axis).resolve(new ChunkSpec(new int[] {2, 3}, t, null)))
          .isInstanceOf(CodecException.class)
          .hasMessageContaining("'example.zigzag_delta'")
          .hasMessageContaining("axis " + axis + " is outside a 2-dimensional chunk");
    }
    assertThatThrownBy(() -> ZigZagDelta.lastAxis().resolve(new ChunkSpec(new int[0], t, null)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("0-dimensional");
  }

  @Test
  void decodeRefusesAChunkOfTheWrongSpec() {
    ZigZagDelta codec = ZigZagDelta.lastAxis();
    ChunkSpec decoded = new ChunkSpec(new int[] {2, 3}, DataType.INT16, null);
    ChunkArray wrongType =
        ChunkArray.ofBytes(
            new ChunkSpec(new int[] {2, 3}, DataType.INT16, null), ByteBuffer.allocate(12));
    ChunkArray wrongShape =
        ChunkArray.ofBytes(
            new ChunkSpec(new int[] {3, 2}, DataType.UINT16, null), ByteBuffer.allocate(12));
    for (ChunkArray c : List.of(wrongType, wrongShape)) {
      assertThatThrownBy(() -> codec.decode(c, decoded, CodecOptions.AUTO))
          .isInstanceOf(CodecException.class)
          .hasMessageContaining("'example.zigzag_delta'")
          .hasMessageContaining("expected an encoded chunk of");
    }
  }

  // ------------------------------------------------------------------ configuration

  @Test
  void isFoundThroughServiceLoaderAndMapsItsConfigExactly() {
    assertThat(CodecRegistry.isKnown(ZigZagDelta.ID)).isTrue();
    assertThat(CodecRegistry.knownIds()).contains(ZigZagDelta.ID, RunLength.ID, "zstd");
    for (int axis : new int[] {-3, -1, 0, 2, Integer.MAX_VALUE}) {
      ZigZagDelta c = new ZigZagDelta(axis);
      Map<String, Object> config = c.toConfig();
      assertThat(config).containsExactly(Map.entry("id", ZigZagDelta.ID), Map.entry("axis", axis));
      Codec back = CodecRegistry.fromConfig(config);
      assertThat(back).isInstanceOf(ArrayToArrayCodec.class).isEqualTo(c);
      assertThat(back.toConfig()).isEqualTo(config);
      // and through JSON text, as a .zarray holds it
      String json = PythonJson.writePython(config);
      @SuppressWarnings("unchecked")
      Map<String, Object> parsed = (Map<String, Object>) PythonJson.parse(json);
      assertThat(CodecRegistry.fromConfig(parsed)).isEqualTo(c);
      assertThat(PythonJson.writePython(CodecRegistry.fromConfig(parsed).toConfig()))
          .isEqualTo(json);
    }
    Object fromText = PythonJson.parse("{\"id\": \"example.zigzag_delta\", \"axis\": -1}");
    assertThat(Chunks.json(ZigZagDelta.lastAxis().toConfig())).isEqualTo(fromText);
    assertThat(CodecRegistry.fromConfig(Chunks.jsonObject(fromText)))
        .isEqualTo(ZigZagDelta.lastAxis());
    // the default is written out
    assertThat(CodecRegistry.fromConfig(Map.of("id", ZigZagDelta.ID)).toConfig())
        .isEqualTo(Map.of("id", ZigZagDelta.ID, "axis", -1));
    assertThat(CodecRegistry.fromConfig(Map.of("id", ZigZagDelta.ID, "axis", 1L)))
        .isEqualTo(new ZigZagDelta(1));
    assertThat(ZigZagDelta.lastAxis()).hasToString("ZigZagDelta(axis=-1)");
  }

  @Test
  void refusesUnknownKeysAndBadValuesByName() {
    assertThatThrownBy(
            () -> CodecRegistry.fromConfig(Map.of("id", ZigZagDelta.ID, "axis", 0, "axes", 1)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("'example.zigzag_delta'")
        .hasMessageContaining("unknown configuration key 'axes'");
    Map<String, Object> withNull = new HashMap<>();
    withNull.put("id", ZigZagDelta.ID);
    withNull.put("axis", null);
    for (Map<String, Object> bad :
        List.of(
            Map.<String, Object>of("id", ZigZagDelta.ID, "axis", "1"),
            Map.<String, Object>of("id", ZigZagDelta.ID, "axis", 1.0),
            Map.<String, Object>of("id", ZigZagDelta.ID, "axis", true),
            Map.<String, Object>of("id", ZigZagDelta.ID, "axis", 1L << 40),
            Map.<String, Object>of("id", ZigZagDelta.ID, "axis", BigInteger.TEN.pow(30)),
            withNull)) {
      assertThatThrownBy(() -> CodecRegistry.fromConfig(bad))
          .as("%s", bad)
          .isInstanceOf(CodecException.class)
          .hasMessageContaining("'example.zigzag_delta'")
          .hasMessageContaining("'axis'");
    }
    assertThatThrownBy(() -> ZigZagDelta.fromConfig(Map.of("id", "delta")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("id is 'delta'");
  }
}
