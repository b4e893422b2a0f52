package dev.zarr4j.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrGroup;
import org.junit.jupiter.api.Test;

/** Text, ASCII and HTML renderings of a hierarchy. */
class TreeViewTest {

  private static ZarrGroup example() {
    ZarrGroup g = Zarr.group();
    g.createGroup("foo");
    ZarrGroup bar = g.createGroup("bar");
    bar.createGroup("baz");
    bar.createGroup("quux").zeros("baz", ArrayOptions.builder().shape(100).chunks(10).build());
    return g;
  }

  @Test
  void asciiUsesPlusMinusAndBar() {
    assertThat(example().tree().ascii())
        .isEqualTo(
            String.join(
                "\n",
                "/",
                " +-- bar",
                " |   +-- baz",
                " |   +-- quux",
                " |       +-- baz (100,) float64",
                " +-- foo"));
  }

  @Test
  void levelsAndEmptyGroups() {
    assertThat(Zarr.group().tree().toString()).isEqualTo("/");
    assertThat(example().tree(0).toString()).isEqualTo("/");
    assertThat(example().tree(1).toString()).isEqualTo("/\n ├── bar\n └── foo");
    assertThatThrownBy(() -> example().tree(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void labelsOfOtherTypes() {
    ZarrGroup g = Zarr.group();
    g.zeros("b", ArrayOptions.builder().shape(2).dtype(">i4").build());
    g.zeros("t", ArrayOptions.builder().shape(2).dtype("<M8[ns]").build());
    g.zeros("x", ArrayOptions.builder().shape(2, 3).dtype("<U5").build());
    g.zeros("y", ArrayOptions.builder().shape().dtype("|S3").build());
    g.zeros("z", ArrayOptions.builder().shape(2).dtype("[[\"a\", \"<i4\"]]").build());
    // as zarr-python 2.13 prints the same hierarchy
    assertThat(g.tree().toString())
        .isEqualTo(
            String.join(
                "\n",
                "/",
                " ├── b (2,) >i4",
                " ├── t (2,) datetime64[ns]",
                " ├── x (2, 3) <U5",
                " ├── y () |S3",
                " └── z (2,) [('a', '<i4')]"));
  }

  @Test
  void htmlIsNestedEscapedAndExpandable() {
    ZarrGroup g = example();
    g.createGroup("<b>&'\"");
    String html = g.tree().html();
    assertThat(html).startsWith("<div class=\"zarr4j-tree\">").endsWith("</div>\n");
    assertThat(html).contains("&lt;b&gt;&amp;&#39;&quot;").doesNotContain("<b>");
    assertThat(html).contains("<li class=\"zarr4j-array\">baz (100,) float64</li>");
    // only the top group is open unless expanded
    assertThat(html.split("<details open>", -1)).hasSize(2);
    String expanded = g.tree(true, null).html();
    assertThat(expanded.split("<details open>", -1)).hasSize(4); // /, bar, quux
    assertThat(expanded.split("<ul>", -1).length).isEqualTo(expanded.split("</ul>", -1).length);
    assertThat(expanded.split("<li", -1).length).isEqualTo(expanded.split("</li>", -1).length);
  }
}
