package dev.zarr4j.hierarchy;

import java.util.ArrayList;
import java.util.List;

/**
 * A printable picture of a group's hierarchy (zarr-python's {@code TreeViewer}): {@link
 * #toString()} draws it with box-drawing characters, exactly as zarr-python prints {@code
 * group.tree()}; {@link #ascii()} uses {@code +}, {@code -} and {@code |} instead; {@link #html()}
 * renders nested lists for a web page or notebook.
 *
 * <pre>
 * /
 *  └── foo
 *      └── bar
 *          ├── baz (10000, 10000) int32
 *          └── quux (10000, 10000) int32
 * </pre>
 *
 * <p>The hierarchy is read when the view is rendered, not when it is made, so a view shows the
 * state of the store at the time it is printed. Groups are labelled by their last path segment
 * ({@code /} for the root), arrays by their name, shape and data type; members are in name order.
 */
public final class TreeView {
  private static final String[] UNICODE = {"\u2514", "\u2500", "\u2502", "\u251C"};
  private static final String[] ASCII = {"+", "-", "|", "+"};
  private static final int UP_AND_RIGHT = 0;
  private static final int HORIZONTAL = 1;
  private static final int VERTICAL = 2;
  private static final int VERTICAL_AND_RIGHT = 3;

  /**
   * zarr-python's layout: two horizontal strokes, one space before labels, subtrees indented one.
   */
  private static final int HORIZ_LEN = 2;

  private static final int LABEL_SPACE = 1;
  private static final int INDENT = 1;

  /**
   * A node of the hierarchy as the tree draws it; {@link dev.zarr4j.ZarrGroup#tree()} provides the
   * group at the top.
   */
  public interface Item {
    /** The last path segment ({@code ""} for the root). */
    String basename();

    /**
     * For an array, its shape and data type as the tree shows them ({@code "(10, 10) int32"}); else
     * null.
     */
    String arraySummary();

    /** The members in name order, read from the store when called (empty for an array). */
    List<Item> members();
  }

  private final Item group;
  private final boolean expand;
  private final Integer level;

  /**
   * @param group the group at the top of the tree
   * @param expand in the HTML rendering, open every group (otherwise only the top one)
   * @param level how many levels below the top to show, or null for all
   */
  public TreeView(Item group, boolean expand, Integer level) {
    if (level != null && level < 0) {
      throw new IllegalArgumentException("level must not be negative, got " + level);
    }
    this.group = group;
    this.expand = expand;
    this.level = level;
  }

  /** One node of the picture. */
  private record Node(String label, boolean array, List<Node> children) {}

  private Node build(Item node, int depth) {
    String name = node.basename().isEmpty() ? "/" : node.basename();
    String summary = node.arraySummary();
    if (summary != null) {
      return new Node(name + " " + summary, true, List.of());
    }
    List<Node> children = new ArrayList<>();
    if (level == null || depth < level) {
      for (Item member : node.members()) {
        children.add(build(member, depth + 1));
      }
    }
    return new Node(name, false, children);
  }

  /**
   * The tree drawn with box-drawing characters, lines separated by {@code \n}, no final newline.
   */
  @Override
  public String toString() {
    return String.join("\n", render(build(group, 0), UNICODE));
  }

  /** The tree drawn with ASCII characters only ({@code +--}, {@code |}). */
  public String ascii() {
    return String.join("\n", render(build(group, 0), ASCII));
  }

  private static List<String> render(Node node, String[] gfx) {
    List<String> lines = new ArrayList<>();
    lines.add(node.label());
    List<Node> children = node.children();
    String pad = " ".repeat(INDENT);
    String spaces = " ".repeat(HORIZ_LEN);
    String strokes = gfx[HORIZONTAL].repeat(HORIZ_LEN) + " ".repeat(LABEL_SPACE);
    for (int i = 0; i < children.size(); i++) {
      List<String> sub = render(children.get(i), gfx);
      boolean last = i == children.size() - 1;
      lines.add(pad + gfx[last ? UP_AND_RIGHT : VERTICAL_AND_RIGHT] + strokes + sub.get(0));
      String tail = pad + (last ? " ".repeat(gfx[VERTICAL].length()) : gfx[VERTICAL]) + spaces;
      for (int j = 1; j < sub.size(); j++) {
        lines.add(tail + sub.get(j));
      }
    }
    return lines;
  }

  /**
   * The tree as a self-contained HTML fragment: nested {@code <ul>} lists, each group in a {@code
   * <details>} element that opens and closes without script (the top group open, every group open
   * when the view was made with {@code expand}), with a small embedded style sheet. Labels are
   * escaped.
   */
  public String html() {
    StringBuilder sb = new StringBuilder();
    sb.append("<div class=\"zarr4j-tree\">\n");
    sb.append("<style>\n")
        .append(
            ".zarr4j-tree ul{list-style:none;margin:0;padding-left:1.2em;font-family:monospace}\n")
        .append(".zarr4j-tree summary{cursor:pointer}\n")
        .append(".zarr4j-tree .zarr4j-array::before{content:'\\25A6\\00A0'}\n")
        .append(".zarr4j-tree .zarr4j-label::before{content:'\\1F4C1\\00A0'}\n")
        .append("</style>\n");
    sb.append("<ul>\n");
    html(build(group, 0), 0, sb);
    sb.append("</ul>\n</div>\n");
    return sb.toString();
  }

  private void html(Node node, int depth, StringBuilder sb) {
    if (node.array()) {
      sb.append("<li class=\"zarr4j-array\">").append(escape(node.label())).append("</li>\n");
      return;
    }
    sb.append("<li class=\"zarr4j-group\">");
    if (node.children().isEmpty()) {
      sb.append("<span class=\"zarr4j-label\">")
          .append(escape(node.label()))
          .append("</span></li>\n");
      return;
    }
    sb.append("<details").append(depth == 0 || expand ? " open" : "").append(">");
    sb.append("<summary><span class=\"zarr4j-label\">")
        .append(escape(node.label()))
        .append("</span></summary>\n<ul>\n");
    for (Node c : node.children()) {
      html(c, depth + 1, sb);
    }
    sb.append("</ul>\n</details></li>\n");
  }

  /** Escapes text for HTML element content and attribute values. */
  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&':
          sb.append("&amp;");
          break;
        case '<':
          sb.append("&lt;");
          break;
        case '>':
          sb.append("&gt;");
          break;
        case '"':
          sb.append("&quot;");
          break;
        case '\'':
          sb.append("&#39;");
          break;
        default:
          sb.append(c);
      }
    }
    return sb.toString();
  }
}
