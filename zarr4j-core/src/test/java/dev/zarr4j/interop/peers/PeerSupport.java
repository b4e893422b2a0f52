package dev.zarr4j.interop.peers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What a peer can write and read, as found by running it: the data types, the codecs (anywhere in
 * the chain, sharding's inner and index codecs included), and limits that cut across the two (a
 * fill value a peer cannot store, a codec only one data type takes...). {@link #cannotWrite} and
 * {@link #cannotRead} say whether a spec is within what the peer does and, if not, why.
 *
 * @param peer the peer's name
 * @param writeDataTypes data types the peer writes
 * @param readDataTypes data types the peer reads
 * @param writeCodecs codec names the peer writes
 * @param readCodecs codec names the peer reads
 * @param limits further restrictions
 */
public record PeerSupport(
    String peer,
    Set<String> writeDataTypes,
    Set<String> readDataTypes,
    Set<String> writeCodecs,
    Set<String> readCodecs,
    List<Limit> limits) {

  /**
   * A restriction beyond the data type and codec sets.
   *
   * @param description what is not supported, for messages
   * @param onWrite whether it applies to writing
   * @param onRead whether it applies to reading
   * @param applies whether a spec runs into it
   */
  public record Limit(
      String description, boolean onWrite, boolean onRead, Predicate<PeerArraySpec> applies) {}

  /** Copies the sets (sorted) and limits. */
  public PeerSupport {
    writeDataTypes = Set.copyOf(new TreeSet<>(writeDataTypes));
    readDataTypes = Set.copyOf(new TreeSet<>(readDataTypes));
    writeCodecs = Set.copyOf(new TreeSet<>(writeCodecs));
    readCodecs = Set.copyOf(new TreeSet<>(readCodecs));
    limits = List.copyOf(limits);
  }

  /** Why the peer cannot write this array, or empty if it can. */
  public Optional<String> cannotWrite(PeerArraySpec spec) {
    return cannot(spec, writeDataTypes, writeCodecs, true);
  }

  /** Why the peer cannot read this array, or empty if it can. */
  public Optional<String> cannotRead(PeerArraySpec spec) {
    return cannot(spec, readDataTypes, readCodecs, false);
  }

  /** Whether the peer writes this array. */
  public boolean canWrite(PeerArraySpec spec) {
    return cannotWrite(spec).isEmpty();
  }

  /** Whether the peer reads this array. */
  public boolean canRead(PeerArraySpec spec) {
    return cannotRead(spec).isEmpty();
  }

  private Optional<String> cannot(
      PeerArraySpec spec, Set<String> dataTypes, Set<String> codecs, boolean write) {
    String verb = write ? " does not write " : " does not read ";
    if (!dataTypes.contains(spec.dataType())) {
      return Optional.of(peer + verb + "data type " + spec.dataType());
    }
    for (String name : PeerCodecs.allNames(spec.codecs())) {
      if (!codecs.contains(name)) {
        return Optional.of(peer + verb + "codec " + name);
      }
    }
    for (Limit l : limits) {
      if ((write ? l.onWrite() : l.onRead()) && l.applies().test(spec)) {
        return Optional.of(peer + ": " + l.description());
      }
    }
    return Optional.empty();
  }

  /** A readable summary, one line per aspect. */
  public String summary() {
    List<String> lines = new ArrayList<>();
    lines.add(peer + " writes data types " + new TreeSet<>(writeDataTypes));
    lines.add(peer + " reads data types " + new TreeSet<>(readDataTypes));
    lines.add(peer + " writes codecs " + new TreeSet<>(writeCodecs));
    lines.add(peer + " reads codecs " + new TreeSet<>(readCodecs));
    for (Limit l : limits) {
      lines.add(
          peer
              + (l.onWrite() && l.onRead()
                  ? " (write, read): "
                  : l.onWrite() ? " (write): " : " (read): ")
              + l.description());
    }
    return String.join("\n", lines);
  }

  /** Whether a codec entry is a {@code transpose} that leaves the axes in place. */
  static boolean isIdentityTranspose(JsonNode codec) {
    if (!codec.path("name").asText().equals("transpose")) {
      return false;
    }
    JsonNode order = codec.path("configuration").path("order");
    for (int i = 0; i < order.size(); i++) {
      if (order.get(i).asInt() != i) {
        return false;
      }
    }
    return order.isArray();
  }

  /** Whether any codec of the chain (sharding's included) has this name and matches. */
  static boolean anyCodec(PeerArraySpec spec, String name, Predicate<JsonNode> test) {
    return anyCodec(spec.codecs(), name, test);
  }

  private static boolean anyCodec(List<JsonNode> codecs, String name, Predicate<JsonNode> test) {
    for (JsonNode c : codecs) {
      if (c.path("name").asText().equals(name) && test.test(c)) {
        return true;
      }
      JsonNode conf = c.path("configuration");
      for (String key : List.of("codecs", "index_codecs")) {
        if (c.path("name").asText().equals("sharding_indexed") && conf.path(key).isArray()) {
          List<JsonNode> in = new ArrayList<>();
          conf.path(key).forEach(in::add);
          if (anyCodec(in, name, test)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
