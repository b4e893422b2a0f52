package dev.zarr4j.interop.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zarr4j.ArrayOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.Complex;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.Float16;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.DirectoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * zarr4j itself behind the peer interface, through its public API only: {@code ArrayOptions.codecs}
 * with the spec's chain parsed by {@code CodecRegistry.fromV3Config}, and whole-array writes and
 * reads on a {@code DirectoryStore}. It claims every data type and codec of the harness; the
 * interop test holds it to that.
 */
public final class Zarr4jPeer implements ZarrPeer {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Every data type and codec the harness knows. */
  public static final PeerSupport SUPPORT =
      new PeerSupport(
          "zarr4j",
          Set.copyOf(PeerValues.DATA_TYPES),
          Set.copyOf(PeerValues.DATA_TYPES),
          codecs(),
          codecs(),
          List.of());

  private static Set<String> codecs() {
    Set<String> s = new HashSet<>(CodecRegistry.knownV3Names());
    for (String id : CodecRegistry.knownIds()) {
      s.add(CodecRegistry.NUMCODECS_PREFIX + id);
    }
    return s;
  }

  @Override
  public String name() {
    return "zarr4j";
  }

  @Override
  public PeerSupport support() {
    return SUPPORT;
  }

  /** The zarr4j data type of a v3 name (object text for {@code string}). */
  static DataType dataType(String name) {
    return switch (name) {
      case "bool" -> DataType.BOOL;
      case "int8" -> DataType.INT8;
      case "uint8" -> DataType.UINT8;
      case "string" -> DataType.OBJECT;
      default -> DataType.parse("<" + numpyCode(name));
    };
  }

  private static String numpyCode(String name) {
    return switch (name) {
      case "int16" -> "i2";
      case "int32" -> "i4";
      case "int64" -> "i8";
      case "uint16" -> "u2";
      case "uint32" -> "u4";
      case "uint64" -> "u8";
      case "float16" -> "f2";
      case "float32" -> "f4";
      case "float64" -> "f8";
      case "complex64" -> "c8";
      case "complex128" -> "c16";
      default -> throw new PeerException("no data type " + name);
    };
  }

  /** A boxed harness value as zarr4j takes an element. */
  static Object toZarr4j(String dataType, Object v) {
    if (v == null) {
      return null;
    }
    return switch (dataType) {
      case "complex64" -> new Complex(((float[]) v)[0], ((float[]) v)[1]);
      case "complex128" -> new Complex(((double[]) v)[0], ((double[]) v)[1]);
      case "float16", "float32" -> (double) (Float) v;
      case "uint8" -> (long) Byte.toUnsignedInt((Byte) v);
      case "uint16" -> (long) Short.toUnsignedInt((Short) v);
      case "uint32" -> Integer.toUnsignedLong((Integer) v);
      case "int8", "int16", "int32", "int64", "uint64" -> ((Number) v).longValue();
      default -> v;
    };
  }

  /** An element as zarr4j returns it, boxed as the harness holds it. */
  static Object fromZarr4j(String dataType, Object v) {
    return switch (dataType) {
      case "complex64" -> new float[] {(float) ((Complex) v).re(), (float) ((Complex) v).im()};
      case "complex128" -> new double[] {((Complex) v).re(), ((Complex) v).im()};
      case "float16" -> Float16.toFloat(Float16.fromDouble((Double) v));
      case "float32" -> (float) (double) (Double) v;
      case "int8", "uint8" -> ((Number) v).byteValue();
      case "int16", "uint16" -> ((Number) v).shortValue();
      case "int32", "uint32" -> ((Number) v).intValue();
      case "int64", "uint64" -> ((Number) v).longValue();
      default -> v;
    };
  }

  @Override
  public List<PeerResult<Void>> writeAll(Path store, List<PeerArraySpec> specs) {
    List<PeerResult<Void>> out = new ArrayList<>();
    for (PeerArraySpec spec : specs) {
      try {
        write1(store, spec);
        out.add(PeerResult.ok(spec.path(), null));
      } catch (RuntimeException e) {
        out.add(PeerResult.failed(spec.path(), e.toString()));
      }
    }
    return out;
  }

  private static void write1(Path store, PeerArraySpec spec) {
    List<Codec> codecs = new ArrayList<>();
    for (JsonNode c : spec.codecs()) {
      codecs.add(CodecRegistry.fromV3Config(MAPPER.convertValue(c, Object.class)));
    }
    long[] chunks = new long[spec.chunkShape().length];
    for (int i = 0; i < chunks.length; i++) {
      chunks[i] = spec.chunkShape()[i];
    }
    String t = spec.dataType();
    ArrayOptions.Builder b =
        ArrayOptions.builder()
            .store(new DirectoryStore(store))
            .path(spec.path())
            .format(NodeFormats.named("zarr-v3"))
            .shape(spec.shape())
            .chunks(chunks)
            .dtype(dataType(t))
            .codecs(codecs)
            .dimensionSeparator(spec.separator())
            .overwrite(true);
    if (spec.fillValue() != null) {
      b.fillValue(toZarr4j(t, spec.fillValue()));
    }
    ZarrArray z = Zarr.create(b.build());
    int n = PeerValues.length(t, spec.values());
    int[] shape = new int[spec.shape().length];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = (int) spec.shape()[i];
    }
    NdArray data = NdArray.zeros(z.dtype(), shape);
    for (int i = 0; i < n; i++) {
      data.setFlat(i, toZarr4j(t, PeerValues.get(t, spec.values(), i)));
    }
    z.set(data);
  }

  @Override
  public List<PeerResult<PeerArray>> readAll(Path store, List<String> paths) {
    List<PeerResult<PeerArray>> out = new ArrayList<>();
    for (String path : paths) {
      try {
        out.add(PeerResult.ok(path, read1(store, path)));
      } catch (RuntimeException | java.io.IOException e) {
        out.add(PeerResult.failed(path, e.toString()));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static PeerArray read1(Path store, String path) throws java.io.IOException {
    ZarrArray z =
        Zarr.openArray(
            new DirectoryStore(store), OpenMode.READ, ArrayOptions.builder().path(path).build());
    Path json = store.resolve(path).resolve("zarr.json");
    JsonNode doc = MAPPER.readTree(Files.readAllBytes(json));
    String t = doc.get("data_type").asText();
    NdArray got = z.get();
    Object values = PeerValues.allocate(t, (int) got.size());
    for (int i = 0; i < got.size(); i++) {
      PeerValues.set(t, values, i, fromZarr4j(t, got.getFlat(i)));
    }
    List<JsonNode> codecs = new ArrayList<>();
    for (Codec c : z.spec().codecs().codecs()) {
      codecs.add(MAPPER.valueToTree((Map<String, Object>) c.toV3Config()));
    }
    return new PeerArray(
        path,
        z.shape(),
        z.spec().chunkShape(),
        t,
        fromZarr4j(t, z.fillValue()),
        codecs,
        values,
        doc);
  }
}
