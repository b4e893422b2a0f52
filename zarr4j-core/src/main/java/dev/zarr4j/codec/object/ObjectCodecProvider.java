package dev.zarr4j.codec.object;

import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecProvider;
import dev.zarr4j.exceptions.CodecException;
import java.util.Map;
import java.util.Set;

/**
 * Registers zarr4j's object codecs with {@link dev.zarr4j.codec.CodecRegistry}: {@code vlen-utf8},
 * {@code vlen-bytes}, {@code vlen-array}, {@code json2}, {@code msgpack2} and {@code categorize}.
 * It also recognises {@code pickle}, only to refuse it: see {@link #PICKLE_REFUSAL}.
 */
public final class ObjectCodecProvider implements CodecProvider {
  /** numcodecs' id of its pickle codec. */
  public static final String PICKLE_ID = "pickle";

  /** Why a {@code pickle} configuration is refused, and what to use instead. */
  public static final String PICKLE_REFUSAL =
      "codec 'pickle' is refused: reading pickled data can execute arbitrary code chosen by"
          + " whoever wrote it, so zarr4j never unpickles. Store object arrays with a safe object"
          + " codec instead: vlen-utf8 (strings), vlen-bytes (byte strings), vlen-array (ragged"
          + " numeric arrays), json2 or msgpack2 (mixed values); in zarr-python, copy the array"
          + " with e.g. object_codec=numcodecs.VLenUTF8() or numcodecs.JSON()";

  private static final Set<String> IDS =
      Set.of(
          VLenUtf8.ID,
          VLenBytes.ID,
          VLenArray.ID,
          JsonCodec.ID,
          MsgPack.ID,
          Categorize.ID,
          PICKLE_ID);

  private static final Set<String> V3_NAMES = Set.of(VLenUtf8.ID, VLenBytes.ID);

  /** Creates the provider (called by {@link java.util.ServiceLoader}). */
  public ObjectCodecProvider() {}

  @Override
  public Set<String> ids() {
    return IDS;
  }

  /** {@inheritDoc} {@code vlen-utf8} and {@code vlen-bytes}, which have no configuration. */
  @Override
  public Set<String> v3Names() {
    return V3_NAMES;
  }

  @Override
  public Codec fromV3Config(String name, Map<String, Object> configuration) {
    if (!configuration.isEmpty()) {
      throw new CodecException(
          "codec '" + name + "' has no configuration keys, got " + configuration.keySet());
    }
    return switch (name) {
      case VLenUtf8.ID -> VLenUtf8.INSTANCE;
      case VLenBytes.ID -> VLenBytes.INSTANCE;
      default -> throw new CodecException("object codecs: unknown Zarr v3 codec '" + name + "'");
    };
  }

  /**
   * {@inheritDoc}
   *
   * @throws CodecException always for {@code pickle}, with {@link #PICKLE_REFUSAL}
   */
  @Override
  public Codec fromConfig(String id, Map<String, Object> config) {
    return switch (id) {
      case VLenUtf8.ID -> VLenUtf8.fromConfig(config);
      case VLenBytes.ID -> VLenBytes.fromConfig(config);
      case VLenArray.ID -> VLenArray.fromConfig(config);
      case JsonCodec.ID -> JsonCodec.fromConfig(config);
      case MsgPack.ID -> MsgPack.fromConfig(config);
      case Categorize.ID -> Categorize.fromConfig(config);
      case PICKLE_ID -> throw new CodecException(PICKLE_REFUSAL);
      default -> throw new CodecException("object codecs: unknown codec id '" + id + "'");
    };
  }
}
