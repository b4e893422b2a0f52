package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.layout.BytesCodec;
import dev.zarr4j.codec.layout.PackBitsCodec;
import dev.zarr4j.ndarray.Complex;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.MemoryStore;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Zarr v3 arrays of the registry's complex types of small floats written and read through the
 * public API with every selection kind, sharded and not, with the {@code bytes} codec (both byte
 * orders) or {@code packbits}, agree with a naive model, also after reopening; the stored bytes are
 * the registry's layout (real part, then imaginary part); values a part cannot hold are refused
 * before anything is stored; Zarr v2 and N5 refuse the types.
 */
class ComplexSmallFloatArrayPropertyTest extends SmallTypeArrayPropertyTest {

  static LongStream seeds() {
    return LongStream.range(0, 72);
  }

  /** A part value: a random bit pattern's value of the part type (NaN included). */
  private static double randomPart(SplittableRandom rnd, DataType t) {
    DataType part = t.componentType();
    NdArray bits =
        part.itemSize() == 1
            ? NdArray.wrap(part, new byte[] {(byte) rnd.nextInt(1 << part.bits())}, 1)
            : NdArray.wrap(part, new short[] {(short) rnd.nextInt(1 << 16)}, 1);
    return (Double) bits.getFlat(0);
  }

  @Override
  List<DataType> types() {
    return DataType.complexSmallFloatTypes();
  }

  @Override
  Complex randomValue(SplittableRandom rnd, DataType t) {
    return new Complex(randomPart(rnd, t), randomPart(rnd, t));
  }

  @Override
  SplittableRandom random(long seed) {
    return new SplittableRandom(seed * 7919 + 5);
  }

  @Override
  int valueBits(DataType t) {
    return t.componentType().bits();
  }

  @Override
  Object plainFill(DataType t) {
    return zero(t);
  }

  @Override
  boolean statesPlainFill() {
    return true;
  }

  private static Object zero(DataType t) {
    return t == DataType.COMPLEX_FLOAT8_E8M0FNU ? new Complex(1, 1) : new Complex(0, 0);
  }

  @Override
  Object explicitFill(DataType t) {
    return zero(t);
  }

  @Test
  void storedBytesAreRealThenImaginaryInTheRegistryLayout() {
    Object[][] cases = {
      // type, codec, value, stored bytes
      {
        DataType.COMPLEX_BFLOAT16,
        BytesCodec.LITTLE,
        new Complex(1, -2),
        new byte[] {(byte) 0x80, 0x3f, 0x00, (byte) 0xc0}
      },
      {
        DataType.COMPLEX_BFLOAT16,
        BytesCodec.BIG,
        new Complex(1, -2),
        new byte[] {0x3f, (byte) 0x80, (byte) 0xc0, 0x00}
      },
      {
        DataType.COMPLEX_FLOAT16,
        BytesCodec.BIG,
        new Complex(1, -2),
        new byte[] {0x3c, 0x00, (byte) 0xc0, 0x00}
      },
      {
        DataType.COMPLEX_FLOAT16,
        BytesCodec.LITTLE,
        new Complex(Double.POSITIVE_INFINITY, 1),
        new byte[] {0x00, 0x7c, 0x00, 0x3c}
      },
      {
        DataType.COMPLEX_FLOAT8_E4M3,
        BytesCodec.BIG,
        new Complex(1, Double.NaN),
        new byte[] {0x38, 0x7c}
      },
      {
        DataType.COMPLEX_FLOAT8_E8M0FNU,
        BytesCodec.LITTLE,
        new Complex(2, 1),
        new byte[] {(byte) 0x80, 0x7f}
      },
      {
        DataType.COMPLEX_FLOAT4_E2M1FN,
        BytesCodec.LITTLE,
        new Complex(-6, 0.5),
        new byte[] {0x0f, 0x01}
      },
      {
        DataType.COMPLEX_FLOAT4_E2M1FN,
        PackBitsCodec.DEFAULT,
        new Complex(-6, 0.5),
        new byte[] {0x1f}
      },
      {
        DataType.COMPLEX_FLOAT6_E3M2FN,
        PackBitsCodec.DEFAULT,
        new Complex(28, 0.0625),
        new byte[] {0x5f, 0x00}
      },
    };
    for (Object[] c : cases) {
      DataType t = (DataType) c[0];
      MemoryStore store = new MemoryStore();
      ZarrArray z = oneChunk(store, t, (Codec) c[1], 1);
      z.set("0", c[2]);
      byte[] stored = V3ArrayPropertyTest.bytes(store.get("c/0").orElseThrow());
      if (c[1] instanceof PackBitsCodec) {
        stored = Arrays.copyOf(stored, ((byte[]) c[3]).length); // the padding byte dropped
      }
      assertThat(stored).as("%s %s %s", t, c[1], c[2]).isEqualTo((byte[]) c[3]);
      assertThat(z.get("0").get()).isEqualTo(c[2]);
    }
  }

  @Test
  void valuesAPartCannotHoldAreRefusedBeforeAnythingIsStored() {
    Object[][] cases = {
      {DataType.COMPLEX_FLOAT8_E4M3FNUZ, new Complex(1, 1e4)},
      {DataType.COMPLEX_FLOAT4_E2M1FN, new Complex(Double.NaN, 0)},
      {DataType.COMPLEX_FLOAT6_E3M2FN, new Complex(0, Double.POSITIVE_INFINITY)},
      {DataType.COMPLEX_FLOAT8_E8M0FNU, new Complex(1, 0)},
      {DataType.COMPLEX_FLOAT8_E8M0FNU, 2.0}, // a real number has a zero imaginary part
    };
    for (Object[] c : cases) {
      DataType t = (DataType) c[0];
      assertRefusedBeforeAnythingIsStored(t, c[1], new Complex(1, 1), DataType.COMPLEX128, zero(t));
    }
  }
}
