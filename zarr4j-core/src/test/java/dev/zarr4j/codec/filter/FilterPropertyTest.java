package dev.zarr4j.codec.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.ndarray.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * Seeded random properties of the numeric filters: lossless ones invert exactly; lossy ones give
 * the result of an independent reference computed here with plain Java arithmetic.
 */
class FilterPropertyTest {
  private static final int LIMIT = 1 << 24;

  static final String[] INT_TYPES = {
    "|i1", "<i2", ">i2", "<i4", ">i4", "<i8", ">i8", "|u1", "<u2", ">u2", "<u4", ">u4", "<u8", ">u8"
  };

  static byte[] bytes(ByteBuffer b) {
    byte[] a = new byte[b.remaining()];
    b.duplicate().get(a);
    return a;
  }

  static byte[] randomBytes(SplittableRandom rnd, int n) {
    byte[] b = new byte[n];
    rnd.nextBytes(b);
    return b;
  }

  static ByteBuffer order(byte[] a, String dtype) {
    return ByteBuffer.wrap(a)
        .order(dtype.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
  }

  private static Codec viaRegistry(Codec c) {
    Codec back = CodecRegistry.fromConfig(c.toConfig());
    assertThat(back).isEqualTo(c);
    assertThat(back.toConfig()).isEqualTo(c.toConfig());
    assertThat(back.hashCode()).isEqualTo(c.hashCode());
    return back;
  }

  @RepeatedTest(40)
  void integerDeltaInvertsExactly(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(1000 + info.getCurrentRepetition());
    String dtype = INT_TYPES[rnd.nextInt(INT_TYPES.length)];
    Delta d = (Delta) viaRegistry(Delta.of(dtype));
    int size = DataType.parse(dtype).itemSize();
    byte[] raw = randomBytes(rnd, size * rnd.nextInt(0, 3000));
    byte[] enc = bytes(d.encode(ByteBuffer.wrap(raw), size));
    assertThat(enc).hasSize(raw.length);
    assertThat(bytes(d.decode(ByteBuffer.wrap(enc), LIMIT))).isEqualTo(raw);
    // independent reference: the encoded values are wrapping differences
    if (dtype.equals("<i4") && raw.length >= 8) {
      ByteBuffer r = order(raw, dtype);
      ByteBuffer e = order(enc, dtype);
      assertThat(e.getInt(0)).isEqualTo(r.getInt(0));
      for (int i = 4; i < raw.length; i += 4) {
        assertThat(e.getInt(i)).isEqualTo(r.getInt(i) - r.getInt(i - 4));
      }
    }
  }

  @RepeatedTest(10)
  void narrowingDeltaMatchesWrappingReference(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(2000 + info.getCurrentRepetition());
    // int32 data whose steps fit in int8: Delta(dtype='<i4', astype='|i1') stores them exactly
    int n = rnd.nextInt(1, 2000);
    ByteBuffer raw = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
    int v = rnd.nextInt(-100, 100);
    for (int i = 0; i < n; i++) {
      raw.putInt(i * 4, v);
      v += rnd.nextInt(-128, 128);
    }
    Delta d = Delta.of("<i4", "|i1");
    byte[] enc = bytes(d.encode(raw.duplicate().position(0), 4));
    assertThat(enc).hasSize(n);
    assertThat(enc[0]).isEqualTo((byte) raw.getInt(0));
    // the first element is stored truncated to int8, so decoding restores value - first + (byte)
    // first
    byte[] dec = bytes(d.decode(ByteBuffer.wrap(enc), LIMIT));
    ByteBuffer db = ByteBuffer.wrap(dec).order(ByteOrder.LITTLE_ENDIAN);
    int shift = raw.getInt(0) - (byte) raw.getInt(0);
    for (int i = 0; i < n; i++) {
      assertThat(db.getInt(i * 4)).isEqualTo(raw.getInt(i * 4) - shift);
    }
  }

  @RepeatedTest(10)
  void floatDeltaMatchesJavaArithmetic(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(3000 + info.getCurrentRepetition());
    int n = rnd.nextInt(1, 2000);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(-3, 6));
    }
    ByteBuffer raw = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      raw.putDouble(i * 8, x[i]);
    }
    Delta d = Delta.of("<f8");
    ByteBuffer enc = ByteBuffer.wrap(bytes(d.encode(raw, 8))).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer dec =
        ByteBuffer.wrap(bytes(d.decode(enc.duplicate(), LIMIT))).order(ByteOrder.LITTLE_ENDIAN);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double diff = i == 0 ? x[0] : x[i] - x[i - 1];
      assertThat(enc.getDouble(i * 8)).isEqualTo(diff);
      sum = i == 0 ? diff : sum + diff;
      assertThat(dec.getDouble(i * 8)).isEqualTo(sum);
    }
    // float32 data through float32 arithmetic
    ByteBuffer raw4 = ByteBuffer.allocate(4 * n).order(ByteOrder.BIG_ENDIAN);
    for (int i = 0; i < n; i++) {
      raw4.putFloat(i * 4, (float) x[i]);
    }
    Delta d4 = Delta.of(">f4");
    ByteBuffer enc4 = ByteBuffer.wrap(bytes(d4.encode(raw4, 4)));
    float prev = 0;
    for (int i = 0; i < n; i++) {
      float cur = (float) x[i];
      assertThat(enc4.getFloat(i * 4)).isEqualTo(i == 0 ? cur : cur - prev);
      prev = cur;
    }
  }

  @RepeatedTest(10)
  void fixedScaleOffsetMatchesReference(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(4000 + info.getCurrentRepetition());
    int n = rnd.nextInt(1, 3000);
    long offset = rnd.nextInt(-1000, 1000);
    long scale = (long) Math.pow(10, rnd.nextInt(0, 4));
    FixedScaleOffset c =
        (FixedScaleOffset) viaRegistry(FixedScaleOffset.of(offset, scale, "<f8", "<i4"));
    ByteBuffer raw = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = offset + rnd.nextDouble() * 100 - 50;
      if (rnd.nextInt(10) == 0) {
        x[i] = offset + (rnd.nextInt(-1000, 1000) + 0.5) / scale; // exact ties
      }
      raw.putDouble(i * 8, x[i]);
    }
    ByteBuffer enc = ByteBuffer.wrap(bytes(c.encode(raw, 8))).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer dec =
        ByteBuffer.wrap(bytes(c.decode(enc.duplicate(), LIMIT))).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      int expected = (int) Math.rint((x[i] - offset) * scale);
      assertThat(enc.getInt(i * 4)).as("x=%s", x[i]).isEqualTo(expected);
      assertThat(dec.getDouble(i * 8)).isEqualTo(expected / (double) scale + offset);
    }
  }

  @Test
  void fixedScaleOffsetDocsExample() {
    FixedScaleOffset c = FixedScaleOffset.of(1000L, 10L, "f8", "u1");
    assertThat(c.toString())
        .isEqualTo("FixedScaleOffset(scale=10, offset=1000, dtype='<f8', astype='|u1')");
    ByteBuffer raw = ByteBuffer.allocate(80).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 10; i++) {
      raw.putDouble(i * 8, 1000 + i / 9.0); // np.linspace(1000, 1001, 10)
    }
    assertThat(bytes(c.encode(raw, 8))).containsExactly(0, 1, 2, 3, 4, 6, 7, 8, 9, 10);
    Map<String, Object> cfg = new LinkedHashMap<>();
    cfg.put("id", "fixedscaleoffset");
    cfg.put("scale", 10);
    cfg.put("offset", 1000);
    cfg.put("dtype", "<f8");
    cfg.put("astype", "|u1");
    assertThat(c.toConfig()).isEqualTo(cfg);
    assertThat(FixedScaleOffset.of(0.5, 2.5e-5, "<f4", "<f4").toString())
        .isEqualTo("FixedScaleOffset(scale=2.5e-05, offset=0.5, dtype='<f4')");
  }

  /** numcodecs' bits for digits -12..30, from Python 3.11's float logarithms. */
  static final int[] QUANTIZE_BITS = {
    -39, -36, -33, -29, -26, -23, -19, -16, -13, -9, -6, -3, 0, 4, 7, 10, 14, 17, 20, 24, 27, 30,
    34, 37, 40, 44, 47, 50, 54, 57, 60, 64, 67, 70, 74, 77, 80, 84, 87, 90, 94, 97, 100
  };

  @Test
  void quantizeScaleMatchesPython() {
    for (int digits = -12; digits <= 30; digits++) {
      assertThat(Quantize.scaleFor(digits))
          .as("digits=%d", digits)
          .isEqualTo(Math.pow(2, QUANTIZE_BITS[digits + 12]));
    }
  }

  @RepeatedTest(10)
  void quantizeMatchesReference(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(5000 + info.getCurrentRepetition());
    int digits = rnd.nextInt(0, 8);
    double scale = Math.pow(2, QUANTIZE_BITS[digits + 12]);
    int n = rnd.nextInt(1, 2000);
    Quantize q8 = (Quantize) viaRegistry(Quantize.of(digits, "<f8"));
    Quantize q4 = (Quantize) viaRegistry(Quantize.of(digits, "<f4", ">f4"));
    ByteBuffer raw8 = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer raw4 = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      double v = rnd.nextGaussian() * 100;
      raw8.putDouble(i * 8, v);
      raw4.putFloat(i * 4, (float) v);
    }
    ByteBuffer e8 = ByteBuffer.wrap(bytes(q8.encode(raw8, 8))).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer e4 = ByteBuffer.wrap(bytes(q4.encode(raw4, 4))).order(ByteOrder.BIG_ENDIAN);
    ByteBuffer d4 =
        ByteBuffer.wrap(bytes(q4.decode(e4.duplicate(), LIMIT))).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      double v = raw8.getDouble(i * 8);
      assertThat(e8.getDouble(i * 8)).isEqualTo(Math.rint(scale * v) / scale);
      assertThat(Math.abs(e8.getDouble(i * 8) - v)).isLessThanOrEqualTo(0.5 / scale);
      float f = raw4.getFloat(i * 4);
      float expected = (float) Math.rint((float) scale * f) / (float) scale;
      assertThat(e4.getFloat(i * 4)).isEqualTo(expected);
      assertThat(d4.getFloat(i * 4)).isEqualTo(expected);
    }
  }

  @RepeatedTest(10)
  void bitRoundKeepsNearestWithTrailingZeros(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(6000 + info.getCurrentRepetition());
    int keep = rnd.nextInt(0, 23);
    BitRound b = (BitRound) viaRegistry(BitRound.of(keep));
    int n = rnd.nextInt(1, 2000);
    ByteBuffer raw = ByteBuffer.allocate(4 * n).order(ByteOrder.BIG_ENDIAN);
    for (int i = 0; i < n; i++) {
      raw.putFloat(i * 4, (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(-5, 5))));
    }
    ByteBuffer enc = ByteBuffer.wrap(bytes(b.encode(raw, DataType.parse(">f4"))));
    int drop = 23 - keep;
    for (int i = 0; i < n; i++) {
      float x = raw.getFloat(i * 4);
      float r = enc.getFloat(i * 4);
      int rb = Float.floatToRawIntBits(r);
      assertThat(rb & ((1 << drop) - 1)).isZero();
      // nearest value with `keep` significand bits, ties to even (exact arithmetic in double)
      double quantum = Math.ulp(x) * Math.pow(2, drop);
      double down = Math.floor(x / quantum) * quantum;
      double up = down + quantum;
      double expected =
          x - down < up - x
              ? down
              : x - down > up - x ? up : ((long) Math.floor(down / quantum) % 2 == 0 ? down : up);
      assertThat((double) r).as("x=%s keep=%d", x, keep).isEqualTo((double) (float) expected);
    }
    assertThat(bytes(b.decode(enc.duplicate(), LIMIT))).isEqualTo(bytes(enc));
    // keeping every bit is the identity; more bits than the type has is an error
    assertThat(bytes(BitRound.of(23).encode(raw.duplicate(), 4))).isEqualTo(bytes(raw));
    assertThatThrownBy(() -> BitRound.of(24).encode(raw.duplicate(), 4))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("too large");
    assertThatThrownBy(() -> b.encode(raw.duplicate(), DataType.parse("<i4")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("only float");
  }

  @RepeatedTest(5)
  void packBitsRoundTripsBooleans(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(7000 + info.getCurrentRepetition());
    int n = rnd.nextInt(0, 5000);
    byte[] raw = new byte[n];
    byte[] truth = new byte[n];
    for (int i = 0; i < n; i++) {
      raw[i] = (byte) (rnd.nextBoolean() ? 0 : rnd.nextInt(1, 256));
      truth[i] = (byte) (raw[i] != 0 ? 1 : 0);
    }
    PackBits p = (PackBits) viaRegistry(PackBits.INSTANCE);
    byte[] enc = bytes(p.encode(ByteBuffer.wrap(raw), 1));
    assertThat(enc).hasSize(1 + (n + 7) / 8);
    assertThat(enc[0]).isEqualTo((byte) ((8 - n % 8) % 8));
    for (int i = 0; i < n; i++) {
      assertThat((enc[1 + i / 8] >> (7 - i % 8)) & 1).isEqualTo((int) truth[i]);
    }
    assertThat(bytes(p.decode(ByteBuffer.wrap(enc), LIMIT))).isEqualTo(truth);
  }

  @Test
  void packBitsDocsExample() {
    byte[] enc = bytes(PackBits.INSTANCE.encode(ByteBuffer.wrap(new byte[] {1, 0, 0, 1}), 1));
    assertThat(enc).containsExactly(4, 144);
  }

  @RepeatedTest(20)
  void asTypeCastsLikeJava(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(8000 + info.getCurrentRepetition());
    int n = rnd.nextInt(0, 2000);
    // widening integers is lossless
    AsType widen = (AsType) viaRegistry(AsType.of("<i8", ">i2"));
    byte[] raw = randomBytes(rnd, 2 * n);
    byte[] enc = bytes(widen.encode(ByteBuffer.wrap(raw), 2));
    assertThat(enc).hasSize(8 * n);
    assertThat(bytes(widen.decode(ByteBuffer.wrap(enc), LIMIT))).isEqualTo(raw);
    // float64 -> float32 rounds to nearest; decoding widens exactly
    AsType narrow = AsType.of("<f4", "<f8");
    assertThat(narrow.toString()).isEqualTo("AsType(encode_dtype='<f4', decode_dtype='<f8')");
    ByteBuffer d = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      d.putDouble(i * 8, rnd.nextGaussian() * 1e10);
    }
    ByteBuffer f = ByteBuffer.wrap(bytes(narrow.encode(d, 8))).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer back =
        ByteBuffer.wrap(bytes(narrow.decode(f.duplicate(), LIMIT))).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      assertThat(f.getFloat(i * 4)).isEqualTo((float) d.getDouble(i * 8));
      assertThat(back.getDouble(i * 8)).isEqualTo((double) (float) d.getDouble(i * 8));
    }
    // float -> int truncates toward zero; int -> narrower int wraps
    AsType toInt = AsType.of("<i2", "<f8");
    ByteBuffer g = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      g.putDouble(i * 8, rnd.nextDouble() * 60000 - 30000);
    }
    ByteBuffer gi = ByteBuffer.wrap(bytes(toInt.encode(g, 8))).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      assertThat(gi.getShort(i * 2)).isEqualTo((short) (long) g.getDouble(i * 8));
    }
  }

  @RepeatedTest(10)
  void shuffleRoundTripsAndTransposes(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(9000 + info.getCurrentRepetition());
    int es = rnd.nextInt(0, 17);
    int n = rnd.nextInt(0, 500);
    byte[] raw = randomBytes(rnd, Math.max(es, 1) * n);
    Shuffle s = (Shuffle) viaRegistry(Shuffle.of(es));
    byte[] enc = bytes(s.encode(ByteBuffer.wrap(raw), 1));
    if (es > 1) {
      for (int i = 0; i < n; i++) {
        for (int b = 0; b < es; b++) {
          assertThat(enc[b * n + i]).isEqualTo(raw[i * es + b]);
        }
      }
    } else {
      assertThat(enc).isEqualTo(raw);
    }
    assertThat(bytes(s.decode(ByteBuffer.wrap(enc), LIMIT))).isEqualTo(raw);
    if (es > 1) {
      assertThatThrownBy(() -> s.encode(ByteBuffer.wrap(new byte[es + 1]), 1))
          .isInstanceOf(CodecException.class);
    }
  }

  @Test
  void float16ArithmeticRoundsThroughFloat32() {
    // 1 - 4096 = -4095 is not a float16: it is computed in float32 and rounded (ties to even)
    Delta d = Delta.of("<f2");
    ByteBuffer raw = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN);
    raw.putShort(0, dev.zarr4j.ndarray.Float16.fromFloat(4096f));
    raw.putShort(2, dev.zarr4j.ndarray.Float16.fromFloat(1f));
    raw.putShort(4, dev.zarr4j.ndarray.Float16.fromFloat(65504f));
    ByteBuffer enc = ByteBuffer.wrap(bytes(d.encode(raw, 2))).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(dev.zarr4j.ndarray.Float16.toFloat(enc.getShort(2))).isEqualTo(-4096f);
    assertThat(dev.zarr4j.ndarray.Float16.toFloat(enc.getShort(4))).isEqualTo(65504f);
    assertThat(Num.halfBits(65520.0)).isEqualTo(0x7C00); // ties to even round up to infinity
    assertThat(Num.halfBits(65519.99)).isEqualTo(0x7BFF);
    assertThat(Num.halfBits(Math.scalb(1.0, -25))).isZero(); // tie between 0 and 2^-24
    assertThat(Num.halfBits(Math.nextUp(Math.scalb(1.0, -25)))).isEqualTo(1);
  }

  @Test
  void numpyPromotionTables() {
    // np.zeros(2, dt) - v for v in (0, 200, -5, 1000, 70000, 1.5, 70000.5)
    String[][] table = {
      {"I1", "I1", "I2", "I1", "I2", "I4", "F8", "F8"},
      {"U1", "U1", "U1", "I2", "U2", "U4", "F8", "F8"},
      {"I2", "I2", "I2", "I2", "I2", "I4", "F8", "F8"},
      {"U4", "U4", "U4", "I8", "U4", "U4", "F8", "F8"},
      {"U8", "U8", "U8", "F8", "U8", "U8", "F8", "F8"},
      {"F2", "F2", "F2", "F2", "F4", "F8", "F2", "F4"},
      {"F4", "F4", "F4", "F4", "F4", "F8", "F4", "F4"},
    };
    NumType[] arrays = {
      NumType.I1, NumType.U1, NumType.I2, NumType.U4, NumType.U8, NumType.F2, NumType.F4
    };
    Number[] scalars = {0L, 200L, -5L, 1000L, 70000L, 1.5, 70000.5};
    for (int r = 0; r < arrays.length; r++) {
      List<String> got = new ArrayList<>();
      got.add(arrays[r].name());
      for (Number s : scalars) {
        got.add(FixedScaleOffset.resultType(arrays[r], s).name());
      }
      assertThat(got).as(arrays[r].name()).containsExactly(table[r]);
    }
  }

  @Test
  void invalidConfigurationsNameTheProblem() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", "delta");
    assertThatThrownBy(() -> CodecRegistry.fromConfig(m)).hasMessageContaining("'dtype'");
    m.put("dtype", "<U4");
    assertThatThrownBy(() -> CodecRegistry.fromConfig(m)).hasMessageContaining("<U4");
    m.put("dtype", "<i4");
    m.put("foo", 1);
    assertThatThrownBy(() -> CodecRegistry.fromConfig(m)).hasMessageContaining("foo");
    assertThatThrownBy(() -> Quantize.of(2, "<i4")).hasMessageContaining("floating point");
    assertThatThrownBy(() -> Delta.of("|b1")).hasMessageContaining("bool");
    assertThatThrownBy(() -> Delta.of("<i4").encode(ByteBuffer.allocate(6), 4))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("6 bytes");
    assertThatThrownBy(() -> AsType.of("<f4", "<f8").decode(ByteBuffer.allocate(400), 799))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("limit");
  }

  @Test
  void encodedTypesFollowNumcodecs() {
    DataType i4 = DataType.parse("<i4");
    assertThat(Delta.of("<i4", "<i2").encodedType(i4)).isEqualTo(DataType.parse("<i2"));
    assertThat(AsType.of("<f4", "<f8").encodedType(DataType.parse("<f8")))
        .isEqualTo(DataType.parse("<f4"));
    assertThat(PackBits.INSTANCE.encodedType(DataType.BOOL)).isEqualTo(DataType.UINT8);
    assertThat(Shuffle.DEFAULT.encodedType(i4)).isEqualTo(DataType.UINT8);
    assertThat(BitRound.of(3).encodedType(DataType.parse(">f4"))).isEqualTo(DataType.parse(">f4"));
  }
}
