package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.metadata.NodeFormat;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.LoggingStore;
import dev.zarr4j.store.MemoryStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a walk of a hierarchy reads: every store operation of {@code groups()}, {@code arrays()},
 * {@code members()}, the visits and {@code tree()}, recorded by a {@link LoggingStore} over a
 * memory store, against the operations a reference model of the hierarchy says the walk needs: the
 * listing of each group walked and each member's documents once (Zarr v2: {@code .zarray}, and
 * {@code .zgroup} after it when that is absent; Zarr v3: {@code zarr.json}; N5: {@code
 * attributes.json}). Over a network store each of these is one request, so a walk of a group with k
 * members costs its listing and k document reads (v2 groups: two), never a second read of a
 * document.
 */
class GroupWalkReadsTest {

  /** What a node of the model is. */
  enum Kind {
    ARRAY,
    GROUP,
    /** A directory holding no node document (a stray key below it). */
    NONE
  }

  /** The walks, each as what it returns (its names, to check against the model). */
  enum Walk {
    GROUPS(g -> List.copyOf(g.groups().keySet())),
    ARRAYS(g -> List.copyOf(g.arrays().keySet())),
    ARRAYS_RECURSIVE(g -> List.copyOf(g.arrays(true).keySet())),
    ARRAY_KEYS_RECURSIVE(g -> g.arrayKeys(true)),
    MEMBERS(g -> List.copyOf(g.members().keySet())),
    VISIT_ITEMS(
        g -> {
          List<String> seen = new ArrayList<>();
          g.visitItems(
              (name, node) -> {
                seen.add(name + (node.isArray() ? " array" : ""));
                return null; // go on: every node is visited
              });
          return seen;
        }),
    VISIT_VALUES(
        g -> {
          List<String> seen = new ArrayList<>();
          g.visitValues(
              node -> {
                seen.add(node.path());
                return null;
              });
          return seen;
        }),
    TREE(g -> List.of(g.tree().toString()));

    final Function<ZarrGroup, List<String>> run;

    Walk(Function<ZarrGroup, List<String>> run) {
      this.run = run;
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void aWalkReadsEachMemberDocumentOnce(String formatName, Walk walk, long seed) {
    NodeFormat format = NodeFormats.named(formatName);
    SplittableRandom random = new SplittableRandom(seed);
    MemoryStore memory = new MemoryStore();
    LoggingStore store = new LoggingStore(memory);
    Map<String, Kind> model = new TreeMap<>();
    ZarrGroup root = Zarr.group(store, GroupOptions.builder().format(format).build());
    // a member of each kind at the root and one below, whatever the seed adds
    root.array("a", NdArray.arange(DataType.parse("<i2"), 3), options(random));
    root.createGroup("g").array("b", NdArray.arange(DataType.parse("<i2"), 2), options(random));
    model.put("a", Kind.ARRAY);
    model.put("g", Kind.GROUP);
    model.put("g/b", Kind.ARRAY);
    List<String> groups = new ArrayList<>(List.of("", "g"));
    int members = 2 + random.nextInt(8);
    for (int i = 0; i < members; i++) {
      String parent = groups.get(random.nextInt(groups.size()));
      String path = (parent.isEmpty() ? "" : parent + "/") + "n" + i;
      int r = random.nextInt(10);
      if (r < 4) {
        root.createGroup(path);
        groups.add(path);
        model.put(path, Kind.GROUP);
      } else if (r < 9) {
        root.array(
            path, NdArray.arange(DataType.parse("<i2"), 1 + random.nextInt(9)), options(random));
        model.put(path, Kind.ARRAY);
      } else {
        memory.set(path + "/stray", ByteBuffer.wrap(new byte[] {1}));
        model.put(path, Kind.NONE);
      }
    }
    ZarrGroup opened = Zarr.openGroup(store, GroupOptions.builder().format(format).build());
    store.reset();

    List<String> result = walk.run.apply(opened);

    List<String> ops = new ArrayList<>();
    for (LoggingStore.Operation o : store.operations()) {
      ops.add(o.kind() + " " + o.key());
    }
    assertThat(ops)
        .as("%s of %s, seed %d", walk, formatName, seed)
        .isEqualTo(expected(walk, format, model));
    assertThat(ops).doesNotHaveDuplicates();
    if (walk != Walk.TREE) {
      assertThat(result).isEqualTo(expectedResult(walk, model));
    }
  }

  /**
   * A visit reads each member when it reaches it: what the visitor changed before (a member
   * replaced, one deleted) is what it sees, in every format.
   */
  @ParameterizedTest
  @MethodSource("formats")
  void aVisitSeesWhatTheVisitorChangedBeforeReachingAMember(String formatName) {
    NodeFormat format = NodeFormats.named(formatName);
    MemoryStore store = new MemoryStore();
    ZarrGroup root = Zarr.group(store, GroupOptions.builder().format(format).build());
    ArrayOptions o = ArrayOptions.builder().chunks(2).build();
    for (String name : List.of("a", "b", "c", "d")) {
      root.array(name, NdArray.arange(DataType.parse("<i2"), 4), o);
    }
    List<String> seen = new ArrayList<>();
    root.visitItems(
        (name, node) -> {
          seen.add(name + (node.isArray() ? " array" : " group"));
          if (name.equals("a")) {
            root.remove("b");
            root.createGroup("b").array("x", NdArray.arange(DataType.parse("<i2"), 1), o);
            root.remove("c");
          }
          return null;
        });
    assertThat(seen).containsExactly("a array", "b group", "b/x array", "d array");
  }

  static Stream<String> formats() {
    return Stream.of("zarr-v2", "zarr-v3", "n5");
  }

  static Stream<Arguments> cases() {
    return Stream.of("zarr-v2", "zarr-v3", "n5")
        .flatMap(
            f ->
                Stream.of(Walk.values())
                    .flatMap(w -> Stream.of(1L, 2L, 3L).map(s -> Arguments.of(f, w, s))));
  }

  private static ArrayOptions options(SplittableRandom random) {
    return ArrayOptions.builder().chunks(1 + random.nextInt(4)).build();
  }

  // ------------------------------------------------------------------ the model

  /** The children of {@code parent} in the model, in Python's string order. */
  private static List<String> children(Map<String, Kind> model, String parent) {
    List<String> out = new ArrayList<>();
    for (String path : model.keySet()) {
      int slash = path.lastIndexOf('/');
      String up = slash < 0 ? "" : path.substring(0, slash);
      if (up.equals(parent)) {
        out.add(path);
      }
    }
    return out;
  }

  /** The documents a look at {@code path} and the open that follows it read, each once. */
  private static List<String> documents(NodeFormat format, String path, Kind kind) {
    return switch (format.name()) {
      case "zarr-v2" ->
          kind == Kind.ARRAY
              ? List.of("GET " + path + "/.zarray")
              : List.of("GET " + path + "/.zarray", "GET " + path + "/.zgroup");
      case "zarr-v3" -> List.of("GET " + path + "/zarr.json");
      case "n5" -> List.of("GET " + path + "/attributes.json");
      default -> throw new IllegalArgumentException(format.name());
    };
  }

  /** What {@code walk} must read, in order. */
  private static List<String> expected(Walk walk, NodeFormat format, Map<String, Kind> model) {
    List<String> out = new ArrayList<>();
    switch (walk) {
      case GROUPS, ARRAYS, MEMBERS -> listAndLook(format, model, "", false, out);
      case ARRAYS_RECURSIVE, ARRAY_KEYS_RECURSIVE, TREE ->
          listAndLook(format, model, "", true, out);
      case VISIT_ITEMS, VISIT_VALUES -> visit(format, model, "", out);
    }
    return out;
  }

  /** A group's listing and each member's documents, then (with {@code recurse}) each group's. */
  private static void listAndLook(
      NodeFormat format, Map<String, Kind> model, String group, boolean recurse, List<String> out) {
    out.add("LIST_DIR " + group);
    List<String> children = children(model, group);
    for (String c : children) {
      out.addAll(documents(format, c, model.get(c)));
    }
    if (recurse) {
      for (String c : children) {
        if (model.get(c) == Kind.GROUP) {
          listAndLook(format, model, c, true, out);
        }
      }
    }
  }

  /** A visit: a group's listing, then each member's documents and, for a group, its visit. */
  private static void visit(
      NodeFormat format, Map<String, Kind> model, String group, List<String> out) {
    out.add("LIST_DIR " + group);
    for (String c : children(model, group)) {
      out.addAll(documents(format, c, model.get(c)));
      if (model.get(c) == Kind.GROUP) {
        visit(format, model, c, out);
      }
    }
  }

  /** What {@code walk} returns for the model. */
  private static List<String> expectedResult(Walk walk, Map<String, Kind> model) {
    List<String> out = new ArrayList<>();
    switch (walk) {
      case GROUPS, ARRAYS, MEMBERS -> {
        for (String c : children(model, "")) {
          Kind k = model.get(c);
          if (k == Kind.GROUP && walk != Walk.ARRAYS || k == Kind.ARRAY && walk != Walk.GROUPS) {
            out.add(c);
          }
        }
      }
      case ARRAYS_RECURSIVE, ARRAY_KEYS_RECURSIVE -> arraysBelow(model, "", out);
      case VISIT_ITEMS, VISIT_VALUES -> nodesBelow(model, "", walk == Walk.VISIT_ITEMS, out);
      case TREE -> throw new IllegalArgumentException("a tree is checked by its reads only");
    }
    return out;
  }

  private static void arraysBelow(Map<String, Kind> model, String group, List<String> out) {
    for (String c : children(model, group)) {
      if (model.get(c) == Kind.ARRAY) {
        out.add(c);
      } else if (model.get(c) == Kind.GROUP) {
        arraysBelow(model, c, out);
      }
    }
  }

  private static void nodesBelow(
      Map<String, Kind> model, String group, boolean marked, List<String> out) {
    for (String c : children(model, group)) {
      Kind k = model.get(c);
      if (k == Kind.NONE) {
        continue;
      }
      out.add(c + (marked && k == Kind.ARRAY ? " array" : ""));
      if (k == Kind.GROUP) {
        nodesBelow(model, c, marked, out);
      }
    }
  }
}
