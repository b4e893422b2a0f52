package dev.zarr4j.interop.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spec model and its JSON convention, without any peer. */
class PeerArraySpecTest {

  @Test
  void valuesFollowTheJsonConvention() {
    assertThat(PeerValues.toJson("float64", new double[] {1.5, Double.NaN, -0.0, 0.0}).toString())
        .isEqualTo("[1.5,\"NaN\",\"-0.0\",0.0]");
    assertThat(
            PeerValues.toJson(
                    "float32", new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0.1f})
                .toString())
        .isEqualTo("[\"Infinity\",\"-Infinity\",0.1]");
    assertThat(PeerValues.toJson("uint64", new long[] {-1L, 0}).toString())
        .isEqualTo("[\"18446744073709551615\",\"0\"]");
    assertThat(PeerValues.toJson("int64", new long[] {Long.MIN_VALUE}).toString())
        .isEqualTo("[\"-9223372036854775808\"]");
    assertThat(PeerValues.toJson("uint8", new byte[] {-1, 1}).toString()).isEqualTo("[255,1]");
    assertThat(PeerValues.toJson("uint32", new int[] {-1}).toString()).isEqualTo("[4294967295]");
    assertThat(PeerValues.toJson("complex64", new float[] {1, Float.NaN}).toString())
        .isEqualTo("[[1.0,\"NaN\"]]");
  }

  @Test
  void equalityIsExactAndNanAware() {
    assertThat(PeerValues.equal("float64", new double[] {Double.NaN}, new double[] {0.0 / 0.0}))
        .isTrue();
    assertThat(PeerValues.equal("float64", new double[] {-0.0}, new double[] {0.0})).isFalse();
    assertThat(PeerValues.firstDifference("int16", new short[] {1, 2, 3}, new short[] {1, 2, 4}))
        .isEqualTo(2);
    assertThat(PeerValues.firstDifference("string", new String[] {"a"}, new String[] {"a", "b"}))
        .isEqualTo(1);
  }

  @Test
  void halfFloatsDecodeExactly() {
    assertThat(PeerValues.halfToFloat((short) 0x3c00)).isEqualTo(1.0f);
    assertThat(PeerValues.halfToFloat((short) 0xc000)).isEqualTo(-2.0f);
    assertThat(PeerValues.halfToFloat((short) 0x7bff)).isEqualTo(65504f);
    assertThat(PeerValues.halfToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
    assertThat(PeerValues.halfToFloat((short) 0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(PeerValues.halfToFloat((short) 0x7e00)).isNaN();
    assertThat(Float.floatToRawIntBits(PeerValues.halfToFloat((short) 0x8000)))
        .isEqualTo(Integer.MIN_VALUE);
  }

  @Test
  void everyMatrixSpecSurvivesItsJson(@TempDir Path dir) {
    List<PeerArraySpec> cases = PeerCases.matrix(1);
    PeerArraySpec.toJsonFile(cases, dir.resolve("specs.json"));
    List<PeerArraySpec> back = PeerArraySpec.fromJsonFile(dir.resolve("specs.json"));
    assertThat(back).hasSameSizeAs(cases);
    for (int i = 0; i < cases.size(); i++) {
      PeerArraySpec c = cases.get(i);
      PeerArraySpec b = back.get(i);
      assertThat(b.toJson()).as(c.describe()).isEqualTo(c.toJson());
      assertThat(PeerValues.equal(c.dataType(), b.values(), c.values())).as(c.path()).isTrue();
      assertThat(PeerValues.elementEquals(c.dataType(), b.fillValue(), c.fillValue()))
          .as(c.path())
          .isTrue();
    }
  }

  @Test
  void aSpecChecksItsParts() {
    assertThatThrownBy(
            () ->
                PeerArraySpec.of(
                    "a",
                    new long[] {3},
                    new int[] {2},
                    "int16",
                    List.of(PeerCodecs.bytes("little")),
                    (short) 0,
                    new int[3]))
        .hasMessageContaining("short[]");
    assertThatThrownBy(
            () ->
                PeerArraySpec.of(
                    "a",
                    new long[] {3},
                    new int[] {2},
                    "int16",
                    List.of(PeerCodecs.bytes("little")),
                    (short) 0,
                    new short[4]))
        .hasMessageContaining("4 values");
  }

  @Test
  void supportTablesNameTheirLimits() {
    PeerArraySpec shardStart =
        PeerArraySpec.of(
            "s",
            new long[] {8},
            new int[] {4},
            "int32",
            List.of(
                PeerCodecs.sharding(new int[] {2}, List.of(PeerCodecs.bytes("little")), "start")),
            0,
            new int[8]);
    assertThat(ZarrJavaPeer.SUPPORT.canWrite(shardStart)).isTrue();
    assertThat(ZarritaPeer.SUPPORT.cannotRead(shardStart)).get().asString().contains("start");
    assertThat(ZarritaPeer.SUPPORT.cannotWrite(shardStart))
        .get()
        .asString()
        .contains("codec sharding_indexed");
    assertThat(
            ZarrJavaPeer.SUPPORT.cannotWrite(
                PeerArraySpec.of(
                    "h",
                    new long[] {1},
                    new int[] {1},
                    "float16",
                    List.of(PeerCodecs.bytes("little")),
                    0f,
                    new float[1])))
        .get()
        .asString()
        .contains("float16");
  }
}
