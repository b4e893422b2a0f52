package dev.zarr4j.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering the architecture promises, checked on the core's sources: no two packages depend on
 * each other (directly or through others), the layers below the facade never reach up into it, and
 * only a codec's own package tests for its concrete class.
 */
class ArchitectureTest {
  private static final Path MAIN = Path.of("src", "main", "java");
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern IMPORT =
      Pattern.compile(
          "^import (?:static )?(dev\\.zarr4j(?:\\.[a-z]\\w*)*)\\.[A-Z]", Pattern.MULTILINE);
  private static final Pattern QUALIFIED =
      Pattern.compile("\\b(dev\\.zarr4j(?:\\.[a-z]\\w*)*)\\.[A-Z]");

  /** Per source file: its package and its text without comments and string literals. */
  private static final Map<Path, String[]> SOURCES = new TreeMap<>();

  @BeforeAll
  static void readSources() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
        String text = Files.readString(p);
        Matcher m = PACKAGE.matcher(text);
        if (m.find()) {
          SOURCES.put(p, new String[] {m.group(1), code(text)});
        }
      }
    }
    assertThat(SOURCES).hasSizeGreaterThan(150);
  }

  /** The text with comments and string and character literals blanked out. */
  static String code(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
        while (i < n && text.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        sb.append(' ');
      } else if (c == '"' || c == '\'') {
        boolean block = c == '"' && text.startsWith("\"\"\"", i);
        String close = block ? "\"\"\"" : String.valueOf(c);
        i += close.length();
        while (i < n && !text.startsWith(close, i)) {
          i += text.charAt(i) == '\\' ? 2 : 1;
        }
        i += close.length();
        sb.append("\"\"");
      } else {
        sb.append(c);
        i++;
      }
    }
    return sb.toString();
  }

  /** Package to the packages its sources name. */
  private static Map<String, Set<String>> dependencies() {
    Map<String, Set<String>> deps = new TreeMap<>();
    for (String[] src : SOURCES.values()) {
      Set<String> out = deps.computeIfAbsent(src[0], k -> new TreeSet<>());
      for (Pattern p : List.of(IMPORT, QUALIFIED)) {
        Matcher m = p.matcher(src[1]);
        while (m.find()) {
          String target = m.group(1);
          if (!target.equals(src[0])) {
            out.add(target);
          }
        }
      }
    }
    return deps;
  }

  @Test
  void noTwoPackagesDependOnEachOther() {
    Map<String, Set<String>> deps = dependencies();
    List<List<String>> cycles = stronglyConnected(deps);
    cycles.removeIf(c -> c.size() < 2);
    assertThat(cycles).as("package cycles (each list is one strongly connected set)").isEmpty();
  }

  @Test
  void onlyTheFacadeAndWhatSitsOnItNameTheFacade() {
    Map<String, Set<String>> deps = dependencies();
    Set<String> allowed = Set.of("dev.zarr4j", "dev.zarr4j.convenience");
    List<String> offenders = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : deps.entrySet()) {
      if (!allowed.contains(e.getKey()) && e.getValue().contains("dev.zarr4j")) {
        offenders.add(e.getKey());
      }
    }
    assertThat(offenders).as("packages below the facade that import dev.zarr4j").isEmpty();
  }

  @Test
  void onlyAFormatsOwnPackagesNameIt() {
    // the facade, groups, hierarchy, pipeline and codecs reach node documents through NodeFormat;
    // convenience's migrate1to2 delegates to the v2 package (format 1 becomes v2, by definition)
    Map<String, Set<String>> deps = dependencies();
    List<String> offenders = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : deps.entrySet()) {
      String pkg = e.getKey();
      for (String target : e.getValue()) {
        boolean format = target.startsWith("dev.zarr4j.metadata.");
        boolean own = pkg.startsWith(target) || target.startsWith(pkg + ".");
        boolean migration =
            pkg.equals("dev.zarr4j.convenience") && target.equals("dev.zarr4j.metadata.v2");
        if (format && !own && !migration) {
          offenders.add(pkg + " -> " + target);
        }
      }
    }
    assertThat(offenders).isEmpty();
  }

  @Test
  void onlyACodecsOwnPackageTestsForItsConcreteClass() {
    Pattern declaration = Pattern.compile("\\b(?:final class|class|record|enum) ([A-Z]\\w*)\\b");
    Map<String, String> concreteCodecs = new HashMap<>(); // simple name -> package
    for (String[] src : SOURCES.values()) {
      if (src[0].startsWith("dev.zarr4j.codec")) {
        Matcher m = declaration.matcher(src[1]);
        while (m.find()) {
          concreteCodecs.put(m.group(1), src[0]);
        }
      }
    }
    assertThat(concreteCodecs).containsKeys("Blosc", "Zstd", "Delta", "TransposeCodec");
    Pattern instanceOf = Pattern.compile("\\binstanceof\\s+(?:[\\w.]+\\.)?([A-Z]\\w*)");
    List<String> offenders = new ArrayList<>();
    for (Map.Entry<Path, String[]> e : SOURCES.entrySet()) {
      Matcher m = instanceOf.matcher(e.getValue()[1]);
      while (m.find()) {
        String owner = concreteCodecs.get(m.group(1));
        if (owner != null && !owner.equals(e.getValue()[0])) {
          offenders.add(e.getKey() + ": instanceof " + m.group(1));
        }
      }
    }
    assertThat(offenders).isEmpty();
  }

  /** Tarjan's strongly connected components, iteratively. */
  static List<List<String>> stronglyConnected(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Set<String> onStack = new TreeSet<>();
    Deque<String> stack = new ArrayDeque<>();
    List<List<String>> out = new ArrayList<>();
    int[] counter = {0};
    for (String start : graph.keySet()) {
      if (!index.containsKey(start)) {
        strongConnect(start, graph, index, low, onStack, stack, out, counter);
      }
    }
    return out;
  }

  private static void strongConnect(
      String v,
      Map<String, Set<String>> graph,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Set<String> onStack,
      Deque<String> stack,
      List<List<String>> out,
      int[] counter) {
    index.put(v, counter[0]);
    low.put(v, counter[0]);
    counter[0]++;
    stack.push(v);
    onStack.add(v);
    for (String w : graph.getOrDefault(v, Set.of())) {
      if (!graph.containsKey(w)) {
        continue; // a package of another module
      }
      if (!index.containsKey(w)) {
        strongConnect(w, graph, index, low, onStack, stack, out, counter);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      List<String> component = new ArrayList<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        component.add(w);
      } while (!w.equals(v));
      out.add(component);
    }
  }

  @Test
  void theCycleFinderFindsACycle() {
    Map<String, Set<String>> g = new TreeMap<>();
    g.put("a", Set.of("b"));
    g.put("b", Set.of("c"));
    g.put("c", Set.of("a"));
    g.put("d", Set.of("a"));
    List<List<String>> sccs = stronglyConnected(g);
    sccs.removeIf(c -> c.size() < 2);
    assertThat(sccs).hasSize(1);
    assertThat(sccs.get(0)).containsExactlyInAnyOrder("a", "b", "c");
  }
}
