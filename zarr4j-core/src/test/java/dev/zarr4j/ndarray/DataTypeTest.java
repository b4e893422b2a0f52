package dev.zarr4j.ndarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.InvalidArrayException;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DataTypeTest {

  @ParameterizedTest
  @CsvSource({
    // input, typestr, numpy str, itemsize
    "'|b1', '|b1', bool, 1",
    "bool, '|b1', bool, 1",
    "'|i1', '|i1', int8, 1",
    "'<i2', '<i2', int16, 2",
    "i4, '<i4', int32, 4",
    "'>i8', '>i8', '>i8', 8",
    "'|u1', '|u1', uint8, 1",
    "'>u2', '>u2', '>u2', 2",
    "uint32, '<u4', uint32, 4",
    "'<u8', '<u8', uint64, 8",
    "'<f2', '<f2', float16, 2",
    "f4, '<f4', float32, 4",
    "'>f8', '>f8', '>f8', 8",
    "complex64, '<c8', complex64, 8",
    "'>c16', '>c16', '>c16', 16",
    "'|S5', '|S5', '|S5', 5",
    "S1, '|S1', '|S1', 1",
    "'<U3', '<U3', '<U3', 12",
    "'>U13', '>U13', '>U13', 52",
    "'<M8[ns]', '<M8[ns]', 'datetime64[ns]', 8",
    "'M8[D]', '<M8[D]', 'datetime64[D]', 8",
    "'>m8[s]', '>m8[s]', '>m8[s]', 8",
    "'timedelta64[ms]', '<m8[ms]', 'timedelta64[ms]', 8",
    "'<M8[10s]', '<M8[10s]', 'datetime64[10s]', 8",
    "'|V7', '|V7', '|V7', 7",
    "object, '|O', object, 8",
  })
  void parsesAndPrintsLikeNumpy(String input, String typestr, String str, int itemSize) {
    DataType t = DataType.parse(input);
    assertThat(t.typestr()).isEqualTo(typestr);
    assertThat(t.toString()).isEqualTo(str);
    assertThat(t.itemSize()).isEqualTo(itemSize);
    assertThat(DataType.fromJson(t.toJson())).isEqualTo(t);
  }

  @Test
  void structuredTypesRoundTripTheirJsonForm() {
    Object json =
        List.of(List.of("a", "<i4"), List.of("b", "<f8", List.of(2)), List.of("c", "|S3"));
    DataType t = DataType.fromJson(json);
    assertThat(t.isStructured()).isTrue();
    assertThat(t.itemSize()).isEqualTo(4 + 16 + 3);
    assertThat(t.toJson()).isEqualTo(json);
    assertThat(t.toString()).isEqualTo("[('a', '<i4'), ('b', '<f8', (2,)), ('c', '|S3')]");
    assertThat(t.field("b").offset()).isEqualTo(4);
    assertThat(t.typestr()).isEqualTo("|V23");
    assertThat(DataType.parse("[[\"a\", \"<i4\"], [\"b\", \"<f8\", [2]], [\"c\", \"|S3\"]]"))
        .isEqualTo(t);
  }

  @Test
  void byteOrderIsPartOfIdentity() {
    assertThat(DataType.parse("<i4")).isNotEqualTo(DataType.parse(">i4"));
    assertThat(DataType.parse(">i4").byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
    assertThat(DataType.parse("|u1").byteOrder()).isNull();
    assertThat(DataType.INT32.withByteOrder(ByteOrder.BIG_ENDIAN).typestr()).isEqualTo(">i4");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"<i3", "f16", "M8", "<M8[fortnight]", "S0", "U", "<q4", "", "[1,2", "i4[ns]"})
  void rejectsInvalidTypesNamingThem(String bad) {
    assertThatThrownBy(() -> DataType.parse(bad))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining(
            bad.isEmpty() ? "data type" : bad.substring(0, Math.min(3, bad.length())));
  }

  @Test
  void rejectsDuplicateStructuredFields() {
    assertThatThrownBy(() -> DataType.fromJson(List.of(List.of("a", "<i4"), List.of("a", "<f8"))))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("duplicate field 'a'");
  }
}
