package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.object.Categorize;
import dev.zarr4j.codec.object.JsonCodec;
import dev.zarr4j.codec.object.VLenArray;
import dev.zarr4j.codec.object.VLenUtf8;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.MemoryStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The docs' "String arrays", "Object arrays" and "Ragged arrays" examples. */
class ObjectArrayDocsTest {
  static final String[] GREETINGS = {
    "¡Hola mundo!", "Hej Världen!", "Servus Woid!", "Hei maailma!", "Xin chào thế giới",
    "Njatjeta Botë!", "Γεια σου κόσμε!", "こんにちは世界", "世界,你好!", "Helló, világ!",
    "Zdravo svete!", "เฮลโลเวิลด์"
  };

  static NdArray textData(DataType dtype) {
    NdArray a = NdArray.zeros(dtype, GREETINGS.length * 10000);
    for (int i = 0; i < a.size(); i++) {
      a.setFlat(i, GREETINGS[i % GREETINGS.length]);
    }
    return a;
  }

  @Test
  void fixedLengthStrings() {
    ZarrArray z = Zarr.zeros(ArrayOptions.builder().shape(10).dtype("S6").build());
    assertThat(z.toString()).isEqualTo("<zarr4j.ZarrArray (10,) |S6>");
    z.setValue("Hello".getBytes(StandardCharsets.US_ASCII), 0);
    z.setValue("world!".getBytes(StandardCharsets.US_ASCII), 1);
    NdArray all = z.get();
    assertThat(all.getString(0)).isEqualTo("Hello");
    assertThat(all.getString(1)).isEqualTo("world!");
    assertThat(all.getString(2)).isEmpty();

    ZarrArray u = Zarr.array(textData(DataType.unicode(20)), ArrayOptions.defaults());
    assertThat(u.toString()).isEqualTo("<zarr4j.ZarrArray (120000,) <U20>");
    assertThat(u.getValue(0)).isEqualTo("¡Hola mundo!");
    assertThat(u.getValue(-1)).isEqualTo("เฮลโลเวิลด์");
  }

  @Test
  void variableLengthStringsBytesAndCategories() {
    NdArray text = textData(DataType.OBJECT);
    ZarrArray z = Zarr.array(text, ArrayOptions.builder().objectCodec(VLenUtf8.INSTANCE).build());
    assertThat(z.toString()).isEqualTo("<zarr4j.ZarrArray (120000,) object>");
    assertThat(z.objectCodec()).hasToString("VLenUTF8()");
    assertThat(z.get()).isEqualTo(text);

    ZarrArray s = Zarr.array(text, ArrayOptions.builder().dtype("str").build());
    assertThat(s.objectCodec()).hasToString("VLenUTF8()");
    assertThat(s.get("-3:").getFlat(2)).isEqualTo("เฮลโลเวิลด์");

    NdArray bytes = NdArray.zeros(DataType.OBJECT, text.size());
    for (int i = 0; i < bytes.size(); i++) {
      bytes.setFlat(i, ((String) text.getFlat(i)).getBytes(StandardCharsets.UTF_8));
    }
    ZarrArray b = Zarr.array(bytes, ArrayOptions.builder().dtype("bytes").build());
    assertThat(b.objectCodec()).hasToString("VLenBytes()");
    assertThat((byte[]) b.getValue(1)).isEqualTo("Hej Världen!".getBytes(StandardCharsets.UTF_8));

    Categorize categorize = Categorize.of(List.of(GREETINGS));
    ZarrArray c = Zarr.array(text, ArrayOptions.builder().objectCodec(categorize).build());
    assertThat(c.objectCodec())
        .hasToString(
            "Categorize(dtype='|O', astype='|u1', labels=['¡Hola mundo!', 'Hej Världen!', 'Servus Woid!', ...])");
    assertThat(c.get()).isEqualTo(text);
    assertThat(c.info().get("Filter [0]")).startsWith("Categorize(");
  }

  @Test
  void objectArraysWithJson() {
    ZarrArray z =
        Zarr.empty(
            ArrayOptions.builder()
                .shape(5)
                .dtype(DataType.OBJECT)
                .objectCodec(JsonCodec.DEFAULT)
                .build());
    z.setValue(42, 0);
    z.setValue("foo", 1);
    z.setValue(List.of("bar", "baz", "qux"), 2);
    z.setValue(Map.of("a", 1, "b", 2.2), 3);
    NdArray all = z.get();
    assertThat(all.getFlat(0)).isEqualTo(42L);
    assertThat(all.getFlat(1)).isEqualTo("foo");
    assertThat(all.getFlat(2)).isEqualTo(List.of("bar", "baz", "qux"));
    assertThat(all.getFlat(3)).isEqualTo(Map.of("a", 1L, "b", 2.2));
    assertThat(all.getFlat(4)).isNull();
  }

  @Test
  void raggedArrays() {
    for (ZarrArray z :
        List.of(
            Zarr.empty(
                ArrayOptions.builder()
                    .shape(4)
                    .dtype(DataType.OBJECT)
                    .objectCodec(VLenArray.of("i8"))
                    .build()),
            Zarr.empty(ArrayOptions.builder().shape(4).dtype("array:i8").build()))) {
      assertThat(z.toString()).isEqualTo("<zarr4j.ZarrArray (4,) object>");
      assertThat(z.objectCodec()).hasToString("VLenArray(dtype='<i8')");
      z.setValue(NdArray.of(new long[] {1, 3, 5}), 0);
      z.setValue(NdArray.of(new long[] {4}), 1);
      z.setValue(NdArray.of(new long[] {7, 9, 14}), 2);
      NdArray all = z.get();
      assertThat(all.getFlat(0)).isEqualTo(NdArray.of(new long[] {1, 3, 5}));
      assertThat(all.getFlat(1)).isEqualTo(NdArray.of(new long[] {4}));
      assertThat(all.getFlat(2)).isEqualTo(NdArray.of(new long[] {7, 9, 14}));
      assertThat(all.getFlat(3)).isEqualTo(NdArray.of(new long[0]));
    }
  }

  @Test
  void objectArraysThroughEverySelection() {
    MemoryStore store = new MemoryStore();
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(store)
                .shape(6, 5)
                .chunks(4, 2)
                .dtype("str")
                .fillValue("")
                .order("F")
                .build());
    NdArray v = NdArray.zeros(DataType.OBJECT, 6, 5);
    for (int i = 0; i < 30; i++) {
      v.setFlat(i, "s" + i + "é".repeat(i % 3));
    }
    z.set(v);
    assertThat(z.get()).isEqualTo(v);
    assertThat(z.get("1:5:2, -1").getFlat(1)).isEqualTo(v.get(3, 4));
    assertThat(z.oindex().get(new long[] {5, 0}, new long[] {4, 1}).getFlat(0))
        .isEqualTo(v.get(5, 4));
    assertThat(z.vindex().get(new long[] {2, 2}, new long[] {3, 0}).getFlat(0))
        .isEqualTo(v.get(2, 3));
    z.vindex().set(NdArray.full(DataType.OBJECT, "x", 2), new long[] {0, 5}, new long[] {0, 4});
    assertThat(z.getValue(5, 4)).isEqualTo("x");
    z.blocks().set("", 0, 0);
    assertThat(z.get("0:4, 0:2").toString()).contains(", , ");
    // chunks equal to the fill value are deleted when empty chunks are not written
    ZarrArray sparse =
        Zarr.create(
            ArrayOptions.builder()
                .shape(10)
                .chunks(5)
                .dtype("str")
                .fillValue("")
                .writeEmptyChunks(false)
                .build());
    sparse.set("a");
    sparse.set("0:5", "");
    assertThat(sparse.nchunksInitialized()).isEqualTo(1);
    List<String> keys = new ArrayList<>(store.listPrefix(""));
    assertThat(keys).contains(".zarray", "0.0");
  }

  @Test
  void objectArraysCopyChunkByChunkFromAnotherArray() {
    NdArray text = textData(DataType.OBJECT);
    ZarrArray src = Zarr.array(text, ArrayOptions.builder().dtype("str").chunks(7000).build());
    ZarrArray dst = Zarr.emptyLike(src, ArrayOptions.builder().chunks(5000).build());
    dst.set(src);
    assertThat(dst.get()).isEqualTo(text);
    assertThat(dst.objectCodec()).hasToString("VLenUTF8()");
  }

  /** zarr-python: zeros(3, dtype=str, chunks=2); z[0] = 'x'; z[:] gives ['x', '', 0]. */
  @Test
  void defaultFillValueZeroMatchesZarrPython() {
    ZarrArray z = Zarr.zeros(ArrayOptions.builder().shape(3).chunks(2).dtype("str").build());
    assertThat(z.get().getFlat(0)).isEqualTo(0L);
    z.setValue("x", 0);
    NdArray all = z.get();
    assertThat(all.getFlat(0)).isEqualTo("x");
    assertThat(all.getFlat(1)).isEqualTo(""); // padding 0 stored as the empty string
    assertThat(all.getFlat(2)).isEqualTo(0L); // chunk never written: the fill value
  }

  @Test
  void objectArraysNeedAnObjectCodecAndPickleIsRefused() {
    assertThatThrownBy(
            () -> Zarr.create(ArrayOptions.builder().shape(3).dtype(DataType.OBJECT).build()))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("object codec");
    assertThatThrownBy(() -> dev.zarr4j.codec.CodecRegistry.fromConfig(Map.of("id", "pickle")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("arbitrary code");
  }
}
