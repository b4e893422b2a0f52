package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.layout.BytesCodec;
import dev.zarr4j.codec.layout.PackBitsCodec;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.MiniFloat;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.MemoryStore;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Zarr v3 arrays of the registry's small number types (bfloat16, float8/6/4, int2/int4/uint2/uint4)
 * written and read through the public API with every selection kind, sharded and not, with the
 * {@code bytes} codec (both byte orders) or {@code packbits} (every padding), agree with a naive
 * model, also after reopening; values a type cannot hold are refused before anything is stored;
 * Zarr v2 and N5 refuse the types.
 */
class SmallNumberArrayPropertyTest extends SmallTypeArrayPropertyTest {

  static LongStream seeds() {
    return LongStream.range(0, 120);
  }

  @Override
  List<DataType> types() {
    return DataType.smallNumberTypes();
  }

  /** A value of the type: a random bit pattern's value (NaN included), or an integer in range. */
  @Override
  Object randomValue(SplittableRandom rnd, DataType t) {
    MiniFloat f = t.miniFloat();
    if (f != null) {
      return f.toDouble(rnd.nextInt(1 << f.bits()));
    }
    int bits = t.bits();
    return t.kind() == DataType.Kind.UINT
        ? rnd.nextLong(0, 1L << bits)
        : rnd.nextLong(-(1L << (bits - 1)), 1L << (bits - 1));
  }

  @Override
  SplittableRandom random(long seed) {
    return new SplittableRandom(seed * 104729 + 11);
  }

  @Override
  int valueBits(DataType t) {
    return t.bits();
  }

  /** The format's default fill value, left unstated. */
  @Override
  Object plainFill(DataType t) {
    return NdArray.zeros(t).get();
  }

  @Override
  boolean statesPlainFill() {
    return false;
  }

  @Test
  void packbitsStoresOnlyTheBits() {
    MemoryStore store = new MemoryStore();
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(store)
                .format(NodeFormats.named("zarr-v3"))
                .shape(10)
                .chunks(10)
                .dtype(DataType.INT4)
                .codecs(List.of(PackBitsCodec.DEFAULT))
                .build());
    z.set("0:4", NdArray.wrap(DataType.INT4, new byte[] {-1, 2, 7, -8}, 4));
    byte[] chunk = V3ArrayPropertyTest.bytes(store.get("c/0").orElseThrow());
    // least significant bits first: -1 -> 0xf, 2 -> 0x2 in byte 0; 7, -8 in byte 1
    assertThat(chunk).containsExactly(0x2f, 0x87, 0, 0, 0);
    assertThat(z.get("0:4").toLongArray()).containsExactly(-1, 2, 7, -8);
  }

  @Override
  Object explicitFill(DataType t) {
    return t == DataType.FLOAT8_E8M0FNU ? 1.0 : 0;
  }

  @Test
  void bytesCodecStoresTheRegistryLayout() {
    Object[][] cases = {
      // type, codec, value, stored bytes
      {DataType.BFLOAT16, BytesCodec.LITTLE, 1.0, new byte[] {(byte) 0x80, 0x3f}},
      {DataType.BFLOAT16, BytesCodec.BIG, 1.0, new byte[] {0x3f, (byte) 0x80}},
      {DataType.BFLOAT16, BytesCodec.BIG, Double.NaN, new byte[] {0x7f, (byte) 0xc0}},
      {DataType.FLOAT8_E4M3, BytesCodec.AS_DATA_TYPE, 1.0, new byte[] {0x38}},
      {DataType.FLOAT8_E5M2, BytesCodec.LITTLE, -2.0, new byte[] {(byte) 0xc0}},
      {DataType.FLOAT8_E4M3FNUZ, BytesCodec.LITTLE, Double.NaN, new byte[] {(byte) 0x80}},
      {DataType.FLOAT8_E8M0FNU, BytesCodec.LITTLE, 2.0, new byte[] {(byte) 0x80}},
      {DataType.FLOAT4_E2M1FN, BytesCodec.LITTLE, -6.0, new byte[] {0x0f}},
      {DataType.FLOAT6_E3M2FN, BytesCodec.LITTLE, 28.0, new byte[] {0x1f}},
      {DataType.INT4, BytesCodec.LITTLE, -1L, new byte[] {(byte) 0xff}},
      {DataType.INT2, BytesCodec.LITTLE, -2L, new byte[] {(byte) 0xfe}},
      {DataType.UINT4, BytesCodec.LITTLE, 15L, new byte[] {0x0f}},
    };
    for (Object[] c : cases) {
      DataType t = (DataType) c[0];
      MemoryStore store = new MemoryStore();
      ZarrArray z = oneChunk(store, t, (Codec) c[1], 1);
      z.set("0", c[2]);
      assertThat(V3ArrayPropertyTest.bytes(store.get("c/0").orElseThrow()))
          .as("%s %s %s", t, c[1], c[2])
          .isEqualTo((byte[]) c[3]);
    }
  }

  @Test
  void theIgnoredUpperBitsOfAnotherWritersBytesAreIgnored() {
    Object[][] cases = {
      {DataType.INT4, new byte[] {0x0f, 0x77, (byte) 0xa8}, new Object[] {-1L, 7L, -8L}},
      {DataType.INT2, new byte[] {0x03, (byte) 0xf1, 0x42}, new Object[] {-1L, 1L, -2L}},
      {DataType.UINT4, new byte[] {(byte) 0xff, 0x30, 0x5a}, new Object[] {15L, 0L, 10L}},
      {DataType.UINT2, new byte[] {(byte) 0xff, 0x7c, 0x01}, new Object[] {3L, 0L, 1L}},
      {DataType.FLOAT4_E2M1FN, new byte[] {(byte) 0xf7, 0x19, 0x20}, new Object[] {6.0, -0.5, 0.0}},
      {DataType.FLOAT6_E2M3FN, new byte[] {(byte) 0xff, 0x48, 0x00}, new Object[] {-7.5, 1.0, 0.0}},
    };
    for (Object[] c : cases) {
      DataType t = (DataType) c[0];
      MemoryStore store = new MemoryStore();
      ZarrArray z = oneChunk(store, t, BytesCodec.LITTLE, 3);
      store.set("c/0", (byte[]) c[1]);
      Object[] expected = (Object[]) c[2];
      for (int i = 0; i < expected.length; i++) {
        assertThat(z.get(String.valueOf(i)).get()).as("%s element %d", t, i).isEqualTo(expected[i]);
      }
      // rewritten through packbits, only the value bits are kept
      MemoryStore packed = new MemoryStore();
      ZarrArray p = oneChunk(packed, t, PackBitsCodec.DEFAULT, 3);
      p.set("0:3", z.get());
      assertThat(p.get().toDoubleArray()).isEqualTo(z.get().toDoubleArray());
    }
  }

  @Test
  void valuesTheTypeCannotHoldAreRefusedBeforeAnythingIsStored() {
    Object[][] cases = {
      {DataType.INT4, 8L},
      {DataType.INT2, -3L},
      {DataType.UINT2, 4L},
      {DataType.UINT4, -1L},
      {DataType.FLOAT8_E4M3FNUZ, 1e4},
      {DataType.FLOAT4_E2M1FN, Double.NaN},
      {DataType.FLOAT6_E3M2FN, Double.POSITIVE_INFINITY},
      {DataType.FLOAT8_E8M0FNU, 0.0},
    };
    for (Object[] c : cases) {
      DataType t = (DataType) c[0];
      assertRefusedBeforeAnythingIsStored(t, c[1], 1, DataType.FLOAT64, explicitFill(t));
    }
  }
}
