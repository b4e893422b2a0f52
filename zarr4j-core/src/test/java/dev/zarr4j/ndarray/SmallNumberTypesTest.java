package dev.zarr4j.ndarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.UnsupportedByFormatException;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Zarr v3's small number types as {@link DataType}s and in {@link NdArray}s: names, storage, the
 * Java values (Double for the floats, Long for the integers), range checks on write, and NumPy's
 * spellings refused.
 */
class SmallNumberTypesTest {

  @Test
  void namesStorageAndBits() {
    List<String> names =
        List.of(
            "bfloat16",
            "float8_e3m4",
            "float8_e4m3",
            "float8_e4m3b11fnuz",
            "float8_e4m3fnuz",
            "float8_e5m2",
            "float8_e5m2fnuz",
            "float8_e8m0fnu",
            "float6_e2m3fn",
            "float6_e3m2fn",
            "float4_e2m1fn",
            "int2",
            "int4",
            "uint2",
            "uint4");
    assertThat(DataType.smallNumberTypes()).hasSize(names.size());
    for (int i = 0; i < names.size(); i++) {
      DataType t = DataType.smallNumberTypes().get(i);
      String name = names.get(i);
      assertThat(t.toString()).isEqualTo(names.get(i));
      assertThat(t.typestr()).isEqualTo(names.get(i));
      assertThat(DataType.parse(names.get(i))).isEqualTo(t).isSameAs(t);
      assertThat(t.isNumpyType()).isFalse();
      assertThat(t.isNumeric()).isTrue();
      assertThatThrownBy(t::toJson)
          .isInstanceOf(UnsupportedByFormatException.class)
          .hasMessageContaining(names.get(i));
      // NumPy's spellings do not reach them: .zarray's type strings stay NumPy's
      assertThatThrownBy(() -> DataType.fromJson(name)).isInstanceOf(InvalidArrayException.class);
    }
    assertThat(DataType.BFLOAT16.itemSize()).isEqualTo(2);
    assertThat(DataType.BFLOAT16.storage()).isEqualTo(DataType.Storage.SHORT);
    assertThat(DataType.BFLOAT16.byteOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
    assertThat(DataType.BFLOAT16.withByteOrder(ByteOrder.BIG_ENDIAN).toString())
        .isEqualTo(">bfloat16");
    assertThat(DataType.parse(">bfloat16"))
        .isEqualTo(DataType.BFLOAT16.withByteOrder(ByteOrder.BIG_ENDIAN));
    assertThat(DataType.parse("<bfloat16")).isEqualTo(DataType.BFLOAT16);
    assertThat(DataType.BFLOAT16.withByteOrder(ByteOrder.BIG_ENDIAN).miniFloat())
        .isSameAs(MiniFloat.BFLOAT16);
    assertThat(DataType.BFLOAT16).isNotEqualTo(DataType.FLOAT16);
    assertThat(DataType.INT4).isNotEqualTo(DataType.INT8).isNotEqualTo(DataType.INT2);
    assertThat(DataType.INT4.hashCode()).isNotEqualTo(DataType.INT8.hashCode());
    for (DataType t : DataType.smallNumberTypes()) {
      if (t != DataType.BFLOAT16) {
        assertThat(t.itemSize()).isEqualTo(1);
        assertThat(t.storage()).isEqualTo(DataType.Storage.BYTE);
        assertThat(t.byteOrder()).isNull();
      }
    }
    assertThat(DataType.INT2.bits()).isEqualTo(2);
    assertThat(DataType.UINT4.bits()).isEqualTo(4);
    assertThat(DataType.FLOAT6_E2M3FN.bits()).isEqualTo(6);
    assertThat(DataType.FLOAT8_E4M3.bits()).isEqualTo(8);
    assertThat(DataType.BFLOAT16.bits()).isEqualTo(16);
    assertThat(DataType.INT32.bits()).isEqualTo(32);
    assertThat(DataType.FLOAT16.isNumpyType()).isTrue();
    assertThat(DataType.FLOAT16.miniFloat()).isNull();
  }

  @Test
  void integersHoldTheirRangeAndRefuseMore() {
    Object[][] cases = {
      {DataType.INT2, -2L, 1L}, {DataType.INT4, -8L, 7L},
      {DataType.UINT2, 0L, 3L}, {DataType.UINT4, 0L, 15L},
    };
    for (Object[] c : cases) {
      DataType t = (DataType) c[0];
      long min = (Long) c[1];
      long max = (Long) c[2];
      NdArray a = NdArray.zeros(t, (int) (max - min + 1));
      for (long v = min; v <= max; v++) {
        a.setFlat((int) (v - min), v);
      }
      for (long v = min; v <= max; v++) {
        assertThat(a.getFlat((int) (v - min))).isEqualTo(v);
        assertThat(((byte[]) a.data())[(int) (v - min)])
            .as("the value as a byte")
            .isEqualTo((byte) v);
      }
      for (long bad : new long[] {min - 1, max + 1, 1000, Long.MIN_VALUE}) {
        assertThatThrownBy(() -> a.setFlat(0, bad))
            .as("%s %d", t, bad)
            .isInstanceOf(InvalidArrayException.class)
            .hasMessageContaining(t.toString())
            .hasMessageContaining(String.valueOf(bad))
            .hasMessageContaining(min + ".." + max);
      }
      assertThat(a.getFlat(0)).isEqualTo(min); // a refused write changes nothing
      // only the low bits of a stored byte count, as the registry's bytes encoding says
      int bits = t.bits();
      NdArray raw = NdArray.wrap(t, new byte[] {(byte) 0xf0, (byte) (0xa0 | (int) max)}, 2);
      assertThat(raw.getFlat(0)).isEqualTo(0L);
      assertThat(raw.getFlat(1)).isEqualTo(max);
      assertThat(bits).isLessThan(8);
    }
    // a wider array converts element by element, refusing what does not fit
    NdArray wide = NdArray.of(new long[] {-8, 7, 3});
    assertThat(wide.astype(DataType.INT4).toLongArray()).containsExactly(-8, 7, 3);
    assertThatThrownBy(() -> NdArray.of(new long[] {8}).astype(DataType.INT4))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("int4");
  }

  @Test
  void floatsReadAsDoublesAndRoundOnWrite() {
    NdArray a = NdArray.zeros(DataType.BFLOAT16, 3);
    a.set(1.0 / 3, 0);
    a.set(Float.MAX_VALUE * 2.0, 1);
    a.set(Double.NaN, 2);
    assertThat(a.getDouble(0)).isEqualTo(Float.intBitsToFloat(0x3eab0000)); // 0.333984375
    assertThat(a.getDouble(1)).isInfinite();
    assertThat(((short[]) a.data())[2]).isEqualTo((short) 0x7fc0);
    assertThat(a.get(0)).isInstanceOf(Double.class);

    NdArray f8 = NdArray.zeros(DataType.FLOAT8_E4M3FNUZ, 2);
    f8.set(-0.0, 0);
    assertThat(((byte[]) f8.data())[0]).as("fnuz: no negative zero").isZero();
    assertThatThrownBy(() -> f8.set(1e6, 1))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("float8_e4m3fnuz")
        .hasMessageContaining("240");
    assertThatThrownBy(() -> f8.set(Double.POSITIVE_INFINITY, 1))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("infinity");
    NdArray f4 = NdArray.zeros(DataType.FLOAT4_E2M1FN, 1);
    assertThatThrownBy(() -> f4.set(Double.NaN, 0))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("NaN");
    f4.set("-6", 0);
    assertThat(((byte[]) f4.data())[0]).isEqualTo((byte) 0b1111);
    assertThat(f4.getDouble(0)).isEqualTo(-6.0);
    assertThatThrownBy(() -> NdArray.zeros(DataType.FLOAT8_E8M0FNU, 1).set(0, 0))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("float8_e8m0fnu");
    // float16 and bfloat16 are different numbers for the same bits
    NdArray h = NdArray.full(DataType.FLOAT16, 1.5, 1);
    NdArray b = h.astype(DataType.BFLOAT16);
    assertThat(b.getDouble(0)).isEqualTo(1.5);
    assertThat(((short[]) b.data())[0]).isEqualTo((short) 0x3fc0);
    assertThat(((short[]) h.data())[0]).isEqualTo((short) 0x3e00);
  }

  @Test
  void safeCasts() {
    assertThat(SafeCast.canCast(DataType.INT4, DataType.INT8)).isTrue();
    assertThat(SafeCast.canCast(DataType.INT4, DataType.UINT8)).isFalse();
    assertThat(SafeCast.canCast(DataType.UINT4, DataType.UINT8)).isTrue();
    assertThat(SafeCast.canCast(DataType.INT2, DataType.INT4)).isTrue();
    assertThat(SafeCast.canCast(DataType.INT4, DataType.INT2)).isFalse();
    assertThat(SafeCast.canCast(DataType.INT8, DataType.INT4)).isFalse();
    assertThat(SafeCast.canCast(DataType.BFLOAT16, DataType.FLOAT32)).isTrue();
    assertThat(SafeCast.canCast(DataType.BFLOAT16, DataType.FLOAT16)).isFalse();
    assertThat(SafeCast.canCast(DataType.FLOAT32, DataType.BFLOAT16)).isFalse();
    assertThat(SafeCast.canCast(DataType.FLOAT16, DataType.BFLOAT16)).isFalse();
    assertThat(SafeCast.canCast(DataType.FLOAT8_E5M2, DataType.FLOAT16)).isTrue();
    assertThat(SafeCast.canCast(DataType.FLOAT8_E4M3, DataType.FLOAT16)).isTrue();
    assertThat(SafeCast.canCast(DataType.FLOAT8_E8M0FNU, DataType.FLOAT16)).isFalse();
    assertThat(SafeCast.canCast(DataType.FLOAT8_E8M0FNU, DataType.FLOAT32)).isTrue();
    assertThat(SafeCast.canCast(DataType.FLOAT8_E4M3, DataType.FLOAT8_E4M3FNUZ)).isFalse();
    assertThat(SafeCast.canCast(DataType.FLOAT4_E2M1FN, DataType.FLOAT8_E4M3)).isTrue();
    assertThat(SafeCast.canCast(DataType.FLOAT4_E2M1FN, DataType.INT8)).isFalse();
    assertThat(SafeCast.canCast(DataType.INT4, DataType.FLOAT8_E4M3)).isTrue();
  }
}
