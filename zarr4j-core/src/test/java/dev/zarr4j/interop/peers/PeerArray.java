package dev.zarr4j.interop.peers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An array as a peer read it: its metadata as that implementation understood it, and every value.
 *
 * @param path the array's path in the store
 * @param shape the array shape
 * @param chunkShape the regular chunk grid's chunk shape (the shard shape when sharded)
 * @param dataType the Zarr v3 data type name
 * @param fillValue the fill value as the peer parsed it, boxed as {@link PeerValues} says
 * @param codecs the codec chain as Zarr v3 JSON entries: for zarr-java its own model serialised
 *     back, for zarrita the {@code zarr.json} entries (zarrita does not expose its parsed codecs)
 * @param values every element, flat in C order, in the data type's Java storage
 * @param metadata the {@code zarr.json} document as stored, or {@code null} if the peer does not
 *     report it
 */
public record PeerArray(
    String path,
    long[] shape,
    int[] chunkShape,
    String dataType,
    Object fillValue,
    List<JsonNode> codecs,
    Object values,
    JsonNode metadata) {

  /** Copies the codec list. */
  public PeerArray {
    codecs = List.copyOf(codecs);
  }

  /**
   * Where this array differs from what {@code expected} describes: shape, chunk shape, data type,
   * fill value (NaN-aware), codec names (depth first through sharding) and values (exact and
   * NaN-aware, the first differing element named). Empty if it matches.
   */
  public List<String> differencesFrom(PeerArraySpec expected) {
    List<String> out = new ArrayList<>();
    if (!Arrays.equals(shape, expected.shape())) {
      out.add(
          "shape " + Arrays.toString(shape) + ", expected " + Arrays.toString(expected.shape()));
    }
    if (!Arrays.equals(chunkShape, expected.chunkShape())) {
      out.add(
          "chunk shape "
              + Arrays.toString(chunkShape)
              + ", expected "
              + Arrays.toString(expected.chunkShape()));
    }
    if (!dataType.equals(expected.dataType())) {
      out.add("data type " + dataType + ", expected " + expected.dataType());
      return out;
    }
    if (!PeerValues.elementEquals(dataType, fillValue, expected.fillValue())) {
      out.add(
          "fill value "
              + PeerValues.describe(dataType, fillValue)
              + ", expected "
              + PeerValues.describe(dataType, expected.fillValue()));
    }
    String names = PeerCodecs.describe(codecs);
    String expectedNames = PeerCodecs.describe(expected.codecs());
    if (!names.equals(expectedNames)) {
      out.add("codecs [" + names + "], expected [" + expectedNames + "]");
    }
    int i = PeerValues.firstDifference(dataType, values, expected.values());
    if (i >= 0) {
      int n = PeerValues.length(dataType, values);
      int m = PeerValues.length(dataType, expected.values());
      if (i >= n || i >= m) {
        out.add(n + " values, expected " + m);
      } else {
        int count = 0;
        for (int j = i; j < Math.min(n, m); j++) {
          if (!PeerValues.elementEquals(
              dataType,
              PeerValues.get(dataType, values, j),
              PeerValues.get(dataType, expected.values(), j))) {
            count++;
          }
        }
        out.add(
            count
                + " of "
                + m
                + " values differ, first at flat index "
                + i
                + ": "
                + PeerValues.describe(dataType, PeerValues.get(dataType, values, i))
                + ", expected "
                + PeerValues.describe(dataType, PeerValues.get(dataType, expected.values(), i)));
      }
    }
    return out;
  }
}
