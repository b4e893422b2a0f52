package dev.zarr4j.cli;

import dev.zarr4j.exceptions.ZarrException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code zarr4j} command. Subcommands: {@code tour} (the zarr-python tutorial's first chapters,
 * run on a directory store), {@code info} (an array's or group's info report), {@code tree} (a
 * group's hierarchy), {@code attrs} (user attributes, shown or changed), {@code cat} (values
 * printed as NumPy prints them), {@code verify} (every stored chunk decoded, problems reported by
 * key), {@code consolidate} (zarr-python's {@code consolidate_metadata}), {@code create} (a new,
 * empty array), {@code copy} and {@code copy-store} (zarr-python's {@code copy}/{@code copy_all}
 * and {@code copy_store}), {@code convert} (a whole store into a new one, N5 or Zarr v2), {@code
 * rechunk} (a copy with other chunks in bounded memory), {@code export} (an array or a selection of
 * it to a NumPy {@code .npy} file) and {@code import} (a {@code .npy} file to a new array).
 *
 * <p>Every command takes a directory, a zip file or a store URL wherever it takes a store (see
 * {@link Stores}), with storage options from {@code --storage-option} ({@code --src-option} and
 * {@code --dst-option} for two stores); every store opened is closed when the command ends.
 *
 * <p>Exit status: 0 on success, 2 for a usage error (an unknown option, a malformed option value),
 * 1 for any other failure. Errors are one line on standard error naming what is wrong; {@code
 * --verbose} adds the stack trace.
 */
@Command(
    name = "zarr4j",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Zarr arrays from the command line.",
      "",
      "Wherever a command takes a store (STORE, SRC, DST), it takes:",
      "  data/example.zarr              a directory (created when written to)",
      "  data/example.n5                a directory holding an N5 container",
      "  data/example.zip               a zip file (written in one pass on success)",
      "  file:///data/example.zarr      a directory as a URL",
      "  http(s)://host/example.zarr    a web server (read-only)",
      "  zip::https://host/example.zip  a zip file behind another URL (read-only)",
      "  s3://bucket/prefix             an S3 bucket (option endpoint_url for others)",
      "  redis://host:6379/0?prefix=P   a Redis server",
      "  mongodb://host:27017/db/coll   a MongoDB collection",
      "  sqlite:/path/example.sqlite    an SQLite database file",
      "  lmdb:/path/example.lmdb        an LMDB environment",
      "  bdb:/path/example.bdb          a Berkeley DB JE environment",
      "and the URL scheme of any other zarr4j store module on the class path.",
      "",
      "Storage options go to the store's provider: --storage-option KEY=VALUE for"
          + " a command's one store, --src-option and --dst-option for SRC and DST:",
      "  zarr4j convert data/example.zarr s3://bucket/example.zarr \\",
      "      --dst-option endpoint_url=http://127.0.0.1:9000 \\",
      "      --dst-option key=K --dst-option secret=S",
      "  zarr4j copy data/example.zarr example.zip --dst-option compression=deflated"
    })
public final class Main implements Runnable {
  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print the stack trace of an error.")
  boolean verbose;

  @Option(
      names = {"-q", "--quiet"},
      scope = ScopeType.INHERIT,
      description =
          "Print no progress bar and no line saying what was done (values, reports and errors"
              + " still print).")
  boolean quiet;

  /**
   * The subcommands, in the order the help lists them. They are registered with picocli per run:
   * building a command's model reads its annotations by reflection (through dynamic proxies, which
   * the class data archive cannot hold), so a run registers only the one subcommand its arguments
   * name (every one for the help, the completion script, a usage error; none for {@code --version}
   * alone).
   */
  private static final java.util.List<Class<?>> SUBCOMMANDS =
      java.util.List.of(
          TourCommand.class,
          InfoCommand.class,
          TreeCommand.class,
          AttrsCommand.class,
          CatCommand.class,
          VerifyCommand.class,
          ConsolidateCommand.class,
          CreateCommand.class,
          CopyCommand.class,
          CopyStoreCommand.class,
          ConvertCommand.class,
          RechunkCommand.class,
          ExportCommand.class,
          ImportCommand.class,
          HelpCommand.class,
          picocli.AutoComplete.GenerateCompletion.class);

  /** Subcommands that need the others registered beside them. */
  private static final java.util.Set<String> NEED_ALL =
      java.util.Set.of("help", "generate-completion");

  /** Commands whose standard output only says what they did, which --quiet silences. */
  private static final java.util.Set<String> DONE_LINES =
      java.util.Set.of(
          "import", "export", "create", "copy", "copy-store", "convert", "rechunk", "consolidate");

  /** Whether a command shows a progress bar: not turned off by its own option or --quiet. */
  boolean progress(boolean noProgress) {
    return !noProgress && !quiet;
  }

  @Spec CommandSpec spec;

  /** Relative paths on the command line are resolved against this ({@code ""}: the process's). */
  private Path workingDir = Path.of("");

  /** The stores the running command opened, finished when it ends. */
  private final OpenStores openStores = new OpenStores();

  /** The running command's {@code --storage-option}s (its one store's), if it has that option. */
  private Map<String, String> storageOptions = Map.of();

  /** Creates the command object (picocli instantiates it). */
  public Main() {}

  /** A path the user gave, resolved against the working directory. */
  Path resolve(Path p) {
    return workingDir.resolve(p);
  }

  /** A path the user gave, resolved against the working directory. */
  Path resolve(String p) {
    return Stores.path(workingDir, p);
  }

  /** The directory relative paths are resolved against. */
  Path base() {
    return workingDir;
  }

  /** The stores the running command opened, closed when it ends. */
  OpenStores openStores() {
    return openStores;
  }

  /** The storage options of the running command's one store ({@code --storage-option}). */
  Map<String, String> storageOptions() {
    return storageOptions;
  }

  /** With no subcommand: a usage error. */
  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "missing command: give tour, info, tree, attrs, cat, verify, consolidate, create, copy,"
            + " copy-store, convert, rechunk, export or import");
  }

  /**
   * Runs the command and exits with its status.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    Charset cs = Charset.defaultCharset();
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, cs), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, cs), true);
    int status = execute(args, out, err);
    out.flush();
    err.flush();
    System.exit(status);
  }

  /**
   * Runs the command without exiting, printing to the given writers.
   *
   * @param args the command line
   * @param out standard output
   * @param err standard error
   * @return the exit status
   */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    return execute(Path.of(""), args, out, err);
  }

  /** As {@link #execute(String[], PrintWriter, PrintWriter)}, in another working directory. */
  static int execute(Path workingDir, String[] args, PrintWriter out, PrintWriter err) {
    Main main = new Main();
    main.workingDir = workingDir;
    CommandLine cl = commandLine(main, args);
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionStrategy(
        parsed -> {
          CommandLine last = parsed.asCommandLineList().get(parsed.asCommandLineList().size() - 1);
          if (main.quiet && DONE_LINES.contains(last.getCommandName())) {
            last.setOut(new PrintWriter(java.io.Writer.nullWriter()));
          }
          main.storageOptions =
              last.getParseResult().matchedOptionValue(StorageOptions.NAME, Map.of());
          return new CommandLine.RunLast().execute(parsed);
        });
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          CommandLine c = ex.getCommandLine();
          String name = c.getCommandSpec().qualifiedName();
          c.getErr()
              .println(name + ": " + oneLine(ex.getMessage()) + " (see '" + name + " --help')");
          if (main.verbose) {
            ex.printStackTrace(c.getErr());
          }
          c.getErr().flush();
          return c.getCommandSpec().exitCodeOnInvalidInput();
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parseResult) -> {
          String name = c.getCommandSpec().qualifiedName();
          c.getErr().println(name + ": error: " + describe(ex));
          if (main.verbose) {
            ex.printStackTrace(c.getErr());
          }
          c.getErr().flush();
          return 1;
        });
    boolean finished = false;
    try {
      int status = cl.execute(args);
      finished = true;
      status = main.finishStores(status, err);
      out.flush();
      return status;
    } catch (OutOfMemoryError e) {
      err.println(
          "zarr4j: error: out of memory; give a smaller --buffer-size or more heap"
              + " (ZARR4J_JAVA_OPTS=-Xmx...)");
      if (main.verbose) {
        e.printStackTrace(err);
      }
      err.flush();
      return 1;
    } finally {
      if (!finished) {
        main.finishStores(1, err);
      }
    }
  }

  /**
   * The command line for {@code main} with the subcommands {@code args} need: none for a request of
   * the version alone, the one named by the first argument that is not an option when it is a
   * subcommand that stands alone, otherwise all.
   */
  static CommandLine commandLine(Main main, String[] args) {
    CommandLine cl = new CommandLine(main);
    if (versionOnly(args)) {
      return cl;
    }
    String wanted = null;
    for (String a : args) {
      if (!a.startsWith("-")) {
        wanted = a;
        break;
      }
    }
    for (Class<?> c : SUBCOMMANDS) {
      String name = c.getAnnotation(Command.class).name();
      if (wanted == null
          || NEED_ALL.contains(wanted)
          || !isSubcommand(wanted)
          || name.equals(wanted)) {
        cl.addSubcommand(name, c);
      }
    }
    return cl;
  }

  /** Whether the command line only asks for the version, which needs no subcommand. */
  private static boolean versionOnly(String[] args) {
    for (String a : args) {
      if (!a.equals("-V") && !a.equals("--version")) {
        return false;
      }
    }
    return args.length > 0;
  }

  /** Whether {@code name} is the name of one of {@link #SUBCOMMANDS}. */
  private static boolean isSubcommand(String name) {
    for (Class<?> c : SUBCOMMANDS) {
      if (c.getAnnotation(Command.class).name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Closes every store the command opened, keeping staged writes only when it succeeded ({@code
   * status} 0); a store that fails to finish (a zip archive that cannot be written) turns success
   * into status 1, reported on {@code err}.
   */
  private int finishStores(int status, PrintWriter err) {
    try {
      openStores.finishAll(status == 0);
      return status;
    } catch (RuntimeException e) {
      err.println("zarr4j: error: " + describe(e));
      if (verbose) {
        e.printStackTrace(err);
      }
      err.flush();
      return status == 0 ? 1 : status;
    }
  }

  /** One line for an exception: the message of a known failure, the type too for a bug. */
  static String describe(Throwable ex) {
    if (ex instanceof CliException || ex instanceof ZarrException) {
      return oneLine(ex.getMessage());
    }
    if (ex instanceof NoSuchFileException e) {
      return "no such file or directory: " + e.getFile();
    }
    if (ex instanceof AccessDeniedException e) {
      return "permission denied: " + e.getFile();
    }
    if (ex instanceof NotDirectoryException e) {
      return "not a directory: " + e.getFile();
    }
    if (ex instanceof FileAlreadyExistsException e) {
      return "already exists: " + e.getFile();
    }
    if (ex instanceof IOException) {
      return "I/O error: " + oneLine(String.valueOf(ex.getMessage()));
    }
    return "unexpected "
        + ex.getClass().getSimpleName()
        + ": "
        + oneLine(String.valueOf(ex.getMessage()))
        + " (run with --verbose for details; this is a bug)";
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", "; ");
  }

  /** Reads the version Maven wrote into the jar. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {
        "zarr4j " + p.getProperty("version", "(unknown version)"),
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vm.name")
            + ")"
      };
    }
  }
}
